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
 * small posters lead) times the source's affinity for it (cameras see street-order problems and muck
 * spilled by trucks, citizens complain about noise and burst pipes, satellites and drones see new
 * structures) times its seasonal factor (burst sewers and road collapses in the rainy season, frozen
 * water mains in winter, barbecues and night markets in summer, leaves on green spaces in autumn).
 *
 * <p>The classes drawn are the catalog's <b>national</b> EVENT subclasses (one without a base weight here,
 * from a city's own catalog or a successor standard, weighs {@link #DEFAULT_WEIGHT}) and the <b>local</b>
 * ones a scenario needs, which are those with a base weight here: 0190 道路遗撒 (muck spilled by trucks,
 * seen by cameras and patrols) and 0590 夜市占道 (the night-market hotspot). Immutable and thread-safe.
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

    /** Base weight of a national class this profile does not know. */
    public static final double DEFAULT_WEIGHT = 0.5;

    /**
     * The profile of the classes drawn from {@code catalog}'s EVENT subclasses, in catalog order: every
     * national one, and the local ones with a base weight here.
     *
     * @throws IllegalArgumentException when the catalog leaves nothing to draw
     */
    public static EventProfile forCatalog(ClassCatalog catalog) {
        List<StandardClass> classes = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (StandardClass c : catalog.minors(ClassKind.EVENT)) {
            Double w = BASE.get(c.code());
            if (w != null || c.isNational()) {
                classes.add(c);
                weights.add(w != null ? w : DEFAULT_WEIGHT);
            }
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("the catalog has no NATIONAL EVENT subclass to generate cases of");
        }
        double[] base = new double[classes.size()];
        for (int i = 0; i < base.length; i++) {
            base[i] = weights.get(i);
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

    /**
     * Relative weights of the event classes for {@code source} in {@code month} (1..12), class-index order.
     * A source none of whose classes is in the catalog reports like a patrol.
     */
    public double[] weights(CaseSource source, int month) {
        double[] w = new double[base.length];
        Map<String, Double> affinity = AFFINITY.get(source);
        double fallback = DEFAULT_AFFINITY.get(source);
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            String code = classes.get(i).code();
            double a = affinity == null ? fallback : affinity.getOrDefault(code, fallback);
            w[i] = base[i] * a * seasonFactor(code, month);
            total += w[i];
        }
        if (total == 0) {
            for (int i = 0; i < w.length; i++) {
                w[i] = base[i] * seasonFactor(classes.get(i).code(), month);
            }
        }
        return w;
    }

    /** Seasonal factor of an event class in {@code month} (1..12). */
    public static double seasonFactor(String code, int month) {
        boolean summer = month >= 5 && month <= 9;
        switch (code) {
            case "0106": // leaves and litter on green spaces in autumn
                return month == 10 || month == 11 ? 2.5 : 1;
            case "0109": // rubbish blown into trees by the summer typhoons
                return month >= 7 && month <= 9 ? 2 : 1;
            case "0190": // muck trucks run with the building season
            case "0302": // construction dust
                return month >= 3 && month <= 11 ? 1.3 : 0.4;
            case "0401": // road collapse after heavy rain
                return month >= 7 && month <= 8 ? 3 : 1;
            case "0402": // frozen water mains
                return month == 12 || month <= 2 ? 2 : 1;
            case "0404": // sewers blocked in the rainy season
                return month >= 6 && month <= 9 ? 2 : 1;
            case "0105":
            case "0501":
            case "0507":
            case "0508":
                return summer ? 1.3 : 1;
            case "0510": // open-air barbecue
                return summer ? 1.5 : 0.1;
            case "0590": // night markets
                return month >= 5 && month <= 10 ? 1.3 : 0.2;
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
        base("0101", 3, "0102", 8, "0103", 3, "0104", 4, "0105", 1, "0106", 3, "0107", 1.5, "0108", 1, "0109", 0.5,
                "0190", 1.5,
                "0201", 7, "0202", 3, "0203", 1.5, "0204", 1,
                "0301", 2, "0302", 2,
                "0401", 0.3, "0402", 0.5, "0403", 0.1, "0404", 1.5,
                "0501", 6, "0502", 0.5, "0503", 1.5, "0504", 10, "0505", 9, "0506", 5, "0507", 4, "0508", 2, "0509", 1,
                "0510", 2, "0512", 0.3, "0590", 1.5);
        affinity(CaseSource.PATROL, 1.0);
        affinity(CaseSource.CITIZEN_APP, 0.4, "0508", 5, "0301", 5, "0505", 1.5, "0102", 1, "0404", 3, "0101", 1.5,
                "0510", 2.5, "0590", 2, "0302", 2, "0402", 3, "0403", 5, "0401", 3, "0106", 1.5);
        affinity(CaseSource.HOTLINE_12345, 0.4, "0508", 5, "0301", 5, "0505", 1.5, "0102", 1, "0404", 3, "0101", 2,
                "0302", 3, "0402", 4, "0403", 6, "0401", 3, "0107", 2);
        affinity(CaseSource.CAMERA, 0.0, "0504", 2, "0505", 2, "0506", 2, "0102", 1.5, "0501", 1.5, "0503", 1.5,
                "0510", 1.5, "0590", 1.5, "0201", 0.5, "0190", 2, "0104", 1, "0507", 1.5, "0509", 1, "0203", 1,
                "0107", 1);
        affinity(CaseSource.DRONE, 0.0, "0101", 4, "0302", 3, "0103", 2, "0105", 3, "0507", 2, "0106", 1);
        affinity(CaseSource.SATELLITE, 0.0, "0101", 6, "0103", 2, "0507", 2, "0302", 1);
        affinity(CaseSource.SENSOR, 0.0, "0404", 3, "0402", 2, "0302", 2, "0401", 1, "0403", 1);
    }
}
