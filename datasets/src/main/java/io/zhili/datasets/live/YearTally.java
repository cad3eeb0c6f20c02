package io.zhili.datasets.live;

import io.zhili.datasets.cases.CaseDay;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.live.HourOfWeekProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * What the generated year says about each (base cell, category) series the forecast of {@code zhili hotspots}
 * will have: the cases of every series (category {@code ALL} and each major of each kind, every row of the
 * year counted, dirty ones too, so the counts and the number of series are upper bounds of what a job
 * accepts) and each category's hour-of-week profile. The live day's planner reads it to check that a planted
 * surge is significant against any sensible forecast of a normal day ({@link SurgePlanner}).
 *
 * <p>Fed row by row by the year's writer thread; not thread-safe.
 */
public final class YearTally implements CaseDay.CaseVisitor {
    /** Base resolution of the series (the default {@code --res} of hotspots and live). */
    public static final int RES = 9;
    /** The category code of {@code ALL}. */
    static final int ALL = 0;
    /** Low bits of a resolution-9 H3 index that are always set (digits 10..15 are 7): room for a category. */
    private static final long UNUSED_DIGITS = (1L << 18) - 1;

    private final H3Grid h3 = H3Grid.get();
    /** (cell with the category in its unused low bits) -> cases. */
    private final Map<Long, int[]> series = new HashMap<>();
    /** category -> cells of the category with at least one case. */
    private final Map<Integer, int[]> cellsOf = new HashMap<>();
    /** category -> cases of the year. */
    private final Map<Integer, long[]> totalOf = new HashMap<>();
    /** category -> cases per hour of the week. */
    private final Map<Integer, long[]> hoursOf = new HashMap<>();

    /** The category code of the major of a 4-digit class of a kind (never {@link #ALL}). */
    static int category(boolean component, String minor) {
        return (component ? 2000 : 1000) + Integer.parseInt(minor.substring(0, 2));
    }

    @Override
    public void visit(boolean component, String minor, double lon, double lat, long reportedAt) {
        if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
            return;
        }
        long cell = h3.cell(lon, lat, RES);
        int hour = HourOfWeekProfile.hourOfWeek(reportedAt);
        add(cell, ALL, hour);
        if (minor.length() == 4 && Character.isDigit(minor.charAt(0)) && Character.isDigit(minor.charAt(1))) {
            add(cell, category(component, minor), hour);
        }
    }

    private void add(long cell, int category, int hour) {
        int[] n = series.computeIfAbsent((cell & ~UNUSED_DIGITS) | category, k -> new int[1]);
        if (n[0]++ == 0) {
            cellsOf.computeIfAbsent(category, k -> new int[1])[0]++;
        }
        totalOf.computeIfAbsent(category, k -> new long[1])[0]++;
        hoursOf.computeIfAbsent(category, k -> new long[HourOfWeekProfile.HOURS])[hour]++;
    }

    /** Cases of the year of {@code category} in {@code cell}. */
    public int cases(long cell, int category) {
        int[] n = series.get((cell & ~UNUSED_DIGITS) | category);
        return n == null ? 0 : n[0];
    }

    /** Number of (cell, category) series with at least one case: at least the forecast's number of series. */
    public long series() {
        return series.size();
    }

    /** Cases of the year of {@code category} in the whole city. */
    public long total(int category) {
        long[] t = totalOf.get(category);
        return t == null ? 0 : t[0];
    }

    /** Cells with at least one case of {@code category}. */
    public int cells(int category) {
        int[] c = cellsOf.get(category);
        return c == null ? 0 : c[0];
    }

    /** The category's hour-of-week profile over the year (uniform without cases). */
    public HourOfWeekProfile profile(int category) {
        long[] n = hoursOf.get(category);
        double[] share = new double[HourOfWeekProfile.HOURS];
        for (int h = 0; h < share.length; h++) {
            share[h] = n == null ? 1 : n[h];
        }
        return new HourOfWeekProfile(share);
    }
}
