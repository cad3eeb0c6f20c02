package io.zhili.datasets.cases;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.catalog.StandardClass;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each EVENT class is reported, by source and month. A class's weight for a source is its base
 * weight (what patrol inspectors report: store-front operation, illegal parking, exposed rubbish and
 * small posters lead) times the source's affinity for it (cameras see street-order problems, citizens
 * complain about noise and fumes, satellites see new structures) times its seasonal factor (waterlogging
 * in the rainy season, snow and ice only in winter, barbecues and night markets in summer, fallen leaves
 * in autumn).
 *
 * <p>Every EVENT class of the catalog must have a base weight (checked at start-up). Immutable and
 * thread-safe.
 */
public final class EventProfile {
    private final List<StandardClass> classes;
    private final double[] base;
    private final Map<String, Integer> index = new HashMap<>();

    private EventProfile(List<StandardClass> classes, double[] base) {
        this.classes = List.copyOf(classes);
        this.base = base;
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i).code(), i);
        }
    }

    /**
     * The profile in catalog order of the EVENT subclasses.
     *
     * @throws IllegalStateException when the catalog has an EVENT subclass without a base weight
     */
    public static EventProfile forCatalog(ClassCatalog catalog) {
        List<StandardClass> classes = catalog.minors(ClassKind.EVENT);
        double[] base = new double[classes.size()];
        for (int i = 0; i < base.length; i++) {
            Double w = BASE.get(classes.get(i).code());
            if (w == null) {
                throw new IllegalStateException("no generator weight for event class " + classes.get(i).code());
            }
            base[i] = w;
        }
        return new EventProfile(classes, base);
    }

    /** EVENT subclasses in catalog order; the position is the event class index. */
    public List<StandardClass> classes() {
        return classes;
    }

    /** Event class index of a 4-digit code, or -1. */
    public int indexOf(String code) {
        Integer i = index.get(code);
        return i == null ? -1 : i;
    }

    /** Relative weights of the event classes for {@code source} in {@code month} (1..12), class-index order. */
    public double[] weights(CaseSource source, int month) {
        double[] w = new double[base.length];
        Map<String, Double> affinity = AFFINITY.get(source);
        double fallback = DEFAULT_AFFINITY.get(source);
        for (int i = 0; i < w.length; i++) {
            String code = classes.get(i).code();
            double a = affinity == null ? fallback : affinity.getOrDefault(code, fallback);
            w[i] = base[i] * a * seasonFactor(code, month);
        }
        return w;
    }

    /** Seasonal factor of an event class in {@code month} (1..12). */
    public static double seasonFactor(String code, int month) {
        boolean summer = month >= 5 && month <= 9;
        switch (code) {
            case "0109": // waterlogging: the rainy season, July and August above all
                return month == 7 || month == 8 ? 6 : month == 6 || month == 9 ? 2.5 : 0.3;
            case "0110": // snow and ice
                return month == 12 || month <= 2 ? 6 : 0;
            case "0111": // burning leaves
                return month == 10 || month == 11 ? 3 : 0.5;
            case "0204": // damaged signboards after typhoons
                return month >= 7 && month <= 9 ? 3 : 1;
            case "0302": // construction dust: building season
                return month >= 3 && month <= 11 ? 1.3 : 0.4;
            case "0401": // road collapse after heavy rain
                return month >= 7 && month <= 8 ? 3 : 1;
            case "0402": // frozen water mains
                return month == 12 || month <= 2 ? 2 : 1;
            case "0404":
                return month >= 6 && month <= 9 ? 2 : 1;
            case "0405":
                return month >= 6 && month <= 8 ? 1.5 : 1;
            case "0407": // frost damage shows in spring
                return month >= 2 && month <= 4 ? 1.5 : 1;
            case "0501":
            case "0507":
            case "0603":
                return summer ? 1.3 : 1;
            case "0508": // open-air barbecue
                return summer ? 1.5 : 0.1;
            case "0509": // night markets
                return month >= 5 && month <= 10 ? 1.3 : 0.2;
            case "0604": // leaves waiting to be swept
                return month == 10 || month == 11 ? 4 : 0.05;
            default:
                return 1;
        }
    }

    private static final Map<String, Double> BASE = new HashMap<>();
    private static final Map<CaseSource, Map<String, Double>> AFFINITY = new EnumMap<>(CaseSource.class);
    private static final Map<CaseSource, Double> DEFAULT_AFFINITY = new EnumMap<>(CaseSource.class);

    private static void base(Object... codeWeight) {
        for (int i = 0; i < codeWeight.length; i += 2) {
            BASE.put((String) codeWeight[i], ((Number) codeWeight[i + 1]).doubleValue());
        }
    }

    private static void affinity(CaseSource source, double fallback, Object... codeWeight) {
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < codeWeight.length; i += 2) {
            m.put((String) codeWeight[i], ((Number) codeWeight[i + 1]).doubleValue());
        }
        AFFINITY.put(source, m);
        DEFAULT_AFFINITY.put(source, fallback);
    }

    static {
        base("0101", 3, "0102", 8, "0103", 3, "0104", 4, "0105", 1, "0106", 3, "0107", 2, "0108", 1, "0109", 1,
                "0110", 0.5, "0111", 0.5, "0112", 4, "0113", 1.5, "0114", 1,
                "0201", 7, "0202", 3, "0203", 1, "0204", 1, "0205", 0.5,
                "0301", 2, "0302", 2, "0303", 1.5, "0304", 1.5, "0305", 1.5, "0306", 0.5, "0307", 1,
                "0401", 0.3, "0402", 0.5, "0403", 0.1, "0404", 1.5, "0405", 0.5, "0406", 0.4, "0407", 2.5, "0408", 0.6,
                "0501", 6, "0502", 0.5, "0503", 1.5, "0504", 10, "0505", 9, "0506", 5, "0507", 1, "0508", 2, "0509", 1.5,
                "0510", 1, "0511", 5,
                "0601", 0.8, "0602", 2, "0603", 2, "0604", 1, "0605", 2);
        affinity(CaseSource.PATROL, 1.0);
        affinity(CaseSource.CITIZEN_APP, 0.4, "0603", 5, "0602", 5, "0301", 5, "0505", 1.5, "0102", 1, "0404", 3,
                "0407", 2, "0109", 3, "0101", 1.5, "0508", 2.5, "0509", 2, "0601", 3, "0110", 2, "0402", 3, "0403", 5,
                "0401", 3);
        affinity(CaseSource.HOTLINE_12345, 0.4, "0603", 5, "0602", 5, "0301", 5, "0505", 1.5, "0102", 1, "0404", 3,
                "0407", 2, "0109", 3, "0101", 2, "0601", 3, "0110", 2, "0402", 4, "0403", 6, "0401", 3, "0114", 2);
        affinity(CaseSource.CAMERA, 0.0, "0504", 2, "0505", 2, "0506", 2, "0511", 2, "0102", 1.5, "0501", 1.5,
                "0503", 1.5, "0508", 1.5, "0509", 1.5, "0201", 0.5, "0303", 1.5, "0113", 2, "0104", 1, "0307", 2,
                "0510", 1, "0507", 1.5, "0112", 1);
        affinity(CaseSource.DRONE, 0.0, "0101", 4, "0114", 5, "0112", 2, "0302", 3, "0304", 2, "0105", 3, "0103", 2,
                "0111", 3, "0106", 1);
        affinity(CaseSource.SATELLITE, 0.0, "0114", 6, "0101", 4, "0112", 2, "0304", 2, "0302", 1);
        affinity(CaseSource.SENSOR, 0.0, "0109", 5, "0404", 3, "0402", 2, "0302", 2, "0603", 1, "0601", 1);
    }
}
