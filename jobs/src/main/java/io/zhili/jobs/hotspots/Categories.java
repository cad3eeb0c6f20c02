package io.zhili.jobs.hotspots;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.catalog.StandardClass;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The categories of the hotspot tables as dense small integers: 0 is {@code ALL}, then each major and
 * each minor class of each kind of the run's catalog. Component and event classes reuse the same codes
 * (0101 is a water-supply manhole cover and also unauthorised construction), so a category is a (kind, code) pair and
 * the tables carry a {@code kind} column next to {@code category}.
 */
public final class Categories implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int ALL = 0;

    private final String[] codes;
    private final String[] kinds;
    /** [kind][major 0..99] -> category index, -1 when unknown. */
    private final int[][] majorIndex = new int[2][100];
    /** [kind][minor code 0..9999] -> category index, -1 when unknown. */
    private final int[][] minorIndex = new int[2][10000];

    public Categories(ClassCatalog catalog) {
        List<String> c = new ArrayList<>();
        List<String> k = new ArrayList<>();
        c.add("ALL");
        k.add("ALL");
        for (int[] row : majorIndex) {
            java.util.Arrays.fill(row, -1);
        }
        for (int[] row : minorIndex) {
            java.util.Arrays.fill(row, -1);
        }
        for (ClassKind kind : ClassKind.values()) {
            for (StandardClass major : catalog.majors(kind)) {
                majorIndex[kind.ordinal()][Integer.parseInt(major.code())] = c.size();
                c.add(major.code());
                k.add(kind.name());
            }
            for (StandardClass minor : catalog.minors(kind)) {
                minorIndex[kind.ordinal()][Integer.parseInt(minor.code())] = c.size();
                c.add(minor.code());
                k.add(kind.name());
            }
        }
        codes = c.toArray(new String[0]);
        kinds = k.toArray(new String[0]);
    }

    public int size() {
        return codes.length;
    }

    /** Category index of a minor class (4-digit code as int), -1 when the catalog does not know it. */
    public int minor(ClassKind kind, int minorCode) {
        return minorCode < 0 || minorCode >= 10000 ? -1 : minorIndex[kind.ordinal()][minorCode];
    }

    /** Category index of the major class holding a minor class, -1 when unknown. */
    public int majorOf(ClassKind kind, int minorCode) {
        return minorCode < 0 || minorCode >= 10000 ? -1 : majorIndex[kind.ordinal()][minorCode / 100];
    }

    public String code(int category) {
        return codes[category];
    }

    public String kind(int category) {
        return kinds[category];
    }
}
