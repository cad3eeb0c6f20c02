package io.zhili.datasets.components;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.catalog.StandardClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the synthetic registry populates the COMPONENT subclasses it draws: each class's share of all
 * registered components, where it stands relative to the street, how often it becomes a case, and in
 * which months it fails more often.
 *
 * <p>The registry draws the catalog's <b>national</b> subclasses, each with its entry here (a national
 * class this profile does not know, from a city's own catalog or a successor standard, gets a rare
 * default: {@link #DEFAULT_SHARE}); a <b>local</b> subclass only where a scenario needs it, which is
 * where it has an entry here (none of the shipped local component classes does). Shares follow the
 * make-up of Chinese digital city-management registries: manhole covers of all kinds (about 37 %),
 * street trees (18 %), street lights and poles (13 %) and litter bins (9 %) dominate; landmarks such
 * as bridges, interchanges or piers are rare.
 *
 * <p>Immutable and thread-safe.
 */
public final class ComponentProfile {
    /** Where a component stands relative to the street centre line. */
    public enum Placement {
        /** In the carriageway or at its edge: manholes, drains, speed bumps (0-7 m). */
        ROADWAY(0, 7),
        /** On the pavement: lamps, trees, bins, signs (7-14 m). */
        PAVEMENT(7, 14),
        /** A site set back from the street: toilets, car parks, parks (15-60 m). */
        SITE(15, 60);

        private final double minOffsetM;
        private final double maxOffsetM;

        Placement(double minOffsetM, double maxOffsetM) {
            this.minOffsetM = minOffsetM;
            this.maxOffsetM = maxOffsetM;
        }

        /** Smallest distance from the street centre line, metres. */
        public double minOffsetM() {
            return minOffsetM;
        }

        /** Largest distance from the street centre line, metres. */
        public double maxOffsetM() {
            return maxOffsetM;
        }
    }

    /** Months (1..12) in which a class fails more often, and by how much (rainy season, typhoons, winter). */
    public enum Season {
        NONE(1, 0, 0), RAINY(3, 6, 9), TYPHOON(3, 7, 9), WINTER(1.5, 11, 3), HEATING(2, 11, 3), SUMMER(1.4, 6, 8);

        private final double factor;
        private final int from;
        private final int to;

        Season(double factor, int from, int to) {
            this.factor = factor;
            this.from = from;
            this.to = to;
        }

        double factor(int month) {
            boolean in = from <= to ? month >= from && month <= to : month >= from || month <= to;
            return in ? factor : 1;
        }
    }

    /**
     * One subclass.
     *
     * @param code      4-digit subclass code, e.g. {@code 0103}
     * @param share     relative share of registered components (the shares are normalised over all classes)
     * @param faultRate relative number of cases per component and year
     */
    public record Entry(String code, double share, double faultRate, Placement placement, Season season) {
        /** Seasonal multiplier of the fault rate in {@code month} (1..12). */
        public double seasonFactor(int month) {
            return season.factor(month);
        }
    }

    private final List<Entry> entries;
    private final Map<String, Integer> index = new HashMap<>();

    private ComponentProfile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (int i = 0; i < entries.size(); i++) {
            index.put(entries.get(i).code(), i);
        }
    }

    /** Share of a national class this profile has no entry for: a rare class. */
    public static final double DEFAULT_SHARE = 0.02;

    /**
     * The profile of the classes drawn from {@code catalog}'s COMPONENT subclasses, in catalog order:
     * every national one, and the local ones this profile has an entry for.
     *
     * @throws IllegalArgumentException when the catalog leaves nothing to draw
     */
    public static ComponentProfile forCatalog(ClassCatalog catalog) {
        Map<String, Entry> byCode = new HashMap<>();
        for (Entry e : ENTRIES) {
            byCode.put(e.code(), e);
        }
        List<Entry> ordered = new ArrayList<>();
        for (StandardClass c : catalog.minors(ClassKind.COMPONENT)) {
            Entry e = byCode.get(c.code());
            if (e != null) {
                ordered.add(e);
            } else if (c.isNational()) {
                ordered.add(new Entry(c.code(), DEFAULT_SHARE, 1.0, Placement.PAVEMENT, Season.NONE));
            }
        }
        if (ordered.isEmpty()) {
            throw new IllegalArgumentException("the catalog has no NATIONAL COMPONENT subclass to generate components of");
        }
        return new ComponentProfile(ordered);
    }

    /** Entries in catalog order; the position is the class index used throughout the generator. */
    public List<Entry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public Entry entry(int classIndex) {
        return entries.get(classIndex);
    }

    /** Class index of a 4-digit code, or -1. */
    public int indexOf(String code) {
        Integer i = index.get(code);
        return i == null ? -1 : i;
    }

    /** Shares in class-index order (not normalised). */
    public double[] shares() {
        double[] s = new double[entries.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = entries.get(i).share();
        }
        return s;
    }

    private static Entry e(String code, double share, double faultRate, Placement placement, Season season) {
        return new Entry(code, share, faultRate, placement, season);
    }

    private static Entry e(String code, double share, double faultRate, Placement placement) {
        return new Entry(code, share, faultRate, placement, Season.NONE);
    }

    private static final Placement R = Placement.ROADWAY;
    private static final Placement P = Placement.PAVEMENT;
    private static final Placement S = Placement.SITE;

    private static final List<Entry> ENTRIES = List.of(
        // 01 public utilities: manhole covers of all kinds dominate the registry (about 37 %), then street lights.
        e("0101", 5.0, 0.8, R), e("0102", 6.5, 1.0, R, Season.RAINY), e("0103", 7.0, 1.0, R, Season.RAINY),
        e("0104", 6.0, 1.2, R, Season.RAINY), e("0105", 2.5, 0.7, R), e("0106", 1.5, 0.7, R),
        e("0107", 3.5, 0.7, R), e("0108", 0.8, 0.6, R), e("0109", 0.7, 0.6, R), e("0110", 1.5, 0.9, R, Season.HEATING),
        e("0111", 1.2, 0.8, R), e("0112", 0.4, 0.5, R), e("0113", 0.8, 0.5, P, Season.WINTER), e("0114", 0.3, 1.5, R),
        e("0115", 0.8, 0.7, P), e("0116", 0.6, 0.8, P), e("0117", 2.0, 0.4, P, Season.TYPHOON),
        e("0118", 9.0, 1.6, P, Season.WINTER), e("0119", 0.8, 1.2, P), e("0120", 1.5, 1.0, P, Season.WINTER),
        e("0121", 0.05, 1.0, P), e("0122", 0.03, 1.0, P), e("0123", 0.05, 0.6, P), e("0124", 0.03, 1.0, P),
        e("0125", 0.1, 1.2, P), e("0126", 0.3, 1.2, S), e("0127", 0.3, 0.7, R), e("0128", 0.1, 0.6, R),
        e("0129", 0.1, 0.6, R), e("0130", 0.1, 0.7, R), e("0131", 0.01, 0.3, S), e("0132", 0.05, 0.8, P),
        e("0133", 0.15, 0.3, S), e("0134", 0.3, 0.6, P, Season.SUMMER), e("0135", 0.1, 0.6, S), e("0136", 1.0, 0.6, P),
        e("0137", 0.03, 1.0, P), e("0138", 0.02, 0.8, P),
        // 02 roads and traffic: signs and guardrails common, bridges and interchanges rare.
        e("0201", 0.15, 0.8, S), e("0202", 0.1, 1.0, P), e("0203", 0.4, 1.5, P), e("0204", 0.03, 0.8, P),
        e("0205", 0.01, 1.5, S), e("0206", 0.01, 1.5, S), e("0207", 0.005, 1.5, S), e("0208", 0.01, 1.0, S),
        e("0209", 2.0, 0.6, P, Season.TYPHOON), e("0210", 0.5, 1.0, R), e("0211", 1.5, 0.7, R), e("0212", 0.3, 0.8, P),
        e("0213", 0.6, 0.5, P), e("0214", 0.3, 0.8, R), e("0215", 0.03, 1.0, P), e("0216", 0.05, 0.6, R),
        e("0217", 0.02, 0.8, P),
        // 03 city appearance: litter bins are the other big group.
        e("0301", 0.1, 2.0, S), e("0302", 0.1, 1.0, S, Season.RAINY), e("0303", 0.1, 0.8, P), e("0304", 0.1, 1.5, S),
        e("0305", 9.0, 2.0, P, Season.SUMMER), e("0306", 0.3, 1.0, P), e("0307", 2.5, 0.8, P, Season.TYPHOON),
        e("0308", 0.005, 0.5, S), e("0309", 0.005, 0.5, S), e("0310", 0.005, 0.5, S), e("0311", 0.01, 0.8, P),
        // 04 landscaping: street trees are the largest single class.
        e("0401", 0.05, 0.6, S), e("0402", 18.0, 0.35, P, Season.TYPHOON), e("0403", 1.0, 0.6, P),
        e("0404", 0.5, 0.8, P), e("0405", 0.4, 1.0, S), e("0406", 0.03, 0.5, S), e("0407", 0.4, 1.0, P),
        e("0408", 0.5, 0.8, P), e("0409", 0.3, 1.0, S, Season.SUMMER), e("0410", 0.01, 1.5, S, Season.SUMMER),
        // 05 buildings and land
        e("0501", 0.1, 0.6, P), e("0502", 0.02, 0.5, S), e("0503", 0.02, 0.8, S, Season.RAINY),
        // 06 other facilities
        e("0601", 0.005, 1.0, S), e("0602", 0.03, 3.0, S), e("0603", 0.05, 0.8, S), e("0604", 0.2, 0.8, P),
        e("0605", 0.005, 1.0, S), e("0606", 0.02, 1.0, S, Season.RAINY));
}
