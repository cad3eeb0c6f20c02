package io.zhili.datasets.truth;

import io.zhili.datasets.cases.CaseSource;

/**
 * One planted hotspot: an H3 resolution-9 cell (and, more weakly, its ring of six neighbours) where the
 * generator adds cases of one category and source in the months {@code fromMonth..toMonth} of 2025, on
 * top of the background, so that a correct hotspot job finds the cell HOT (Gi*, k = 1, p <= 0.05) in
 * each of those months.
 *
 * @param note         where and what, for people reading the truth file
 * @param districtCode division code of the district holding the cell and its ring
 * @param category     {@code ALL} (events of every class the source reports) or a 4-digit class code
 * @param componentClass true when {@code category} is a COMPONENT class (faults of registered components)
 * @param source       the source of every planted case; CITIZEN_APP cases are written in GCJ-02
 * @param cell         the H3 resolution-9 cell
 * @param ring         the six neighbours of {@code cell}
 * @param cellRadiusM  radius around a cell centre within which planted points are drawn, metres
 * @param plantRing    whether the ring cells get planted cases too (not for GCJ-02 hotspots)
 */
public record PlantedHotspot(String note, String districtCode, String category, boolean componentClass,
                             CaseSource source, int fromMonth, int toMonth, long cell, long[] ring,
                             double cellRadiusM, boolean plantRing) {
    /** The months as {@code 2025-03..2025-08}. */
    public String months() {
        return String.format("2025-%02d..2025-%02d", fromMonth, toMonth);
    }

    /** True when {@code month} (1..12) is planted. */
    public boolean covers(int month) {
        return month >= fromMonth && month <= toMonth;
    }

    /** True when the category is a single class rather than ALL. */
    public boolean singleClass() {
        return !"ALL".equals(category);
    }
}
