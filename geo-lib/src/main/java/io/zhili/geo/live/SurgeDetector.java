package io.zhili.geo.live;

import java.io.Serializable;

/**
 * The SURGE test of one (cell, category) series: are the cases of the trailing {@value #WINDOW_HOURS} hours,
 * or those since local midnight, improbably many for the forecast? For each window the p-value is the
 * Poisson upper tail {@code P(Poisson(expected) >= observed)}; a window is significant when it has at least
 * {@code minCount} cases and {@code p <= alpha / series} (Bonferroni over the {@code series} tested, the
 * number of (cell, category) series of the forecast). The verdict reports the window with the smaller p.
 * Immutable and serializable.
 */
public final class SurgeDetector implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Family-wise error rate before the Bonferroni correction. */
    public static final double DEFAULT_ALPHA = 0.01;
    /** No surge on fewer cases than this, however low the forecast. */
    public static final int DEFAULT_MIN_COUNT = 5;
    /** Length of the trailing window in hours. */
    public static final int WINDOW_HOURS = 3;
    /** Length of the trailing window in milliseconds. */
    public static final long WINDOW_MS = WINDOW_HOURS * 3_600_000L;

    private final double alpha;
    private final int minCount;
    private final long series;
    private final double threshold;

    /**
     * @throws IllegalArgumentException when {@code alpha} is not in (0, 1), {@code minCount < 1} or {@code series < 1}
     */
    public SurgeDetector(double alpha, int minCount, long series) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha " + alpha + " is not in (0, 1)");
        }
        if (minCount < 1 || series < 1) {
            throw new IllegalArgumentException("minCount and series must be at least 1, got " + minCount + ", " + series);
        }
        this.alpha = alpha;
        this.minCount = minCount;
        this.series = series;
        this.threshold = alpha / series;
    }

    /** The default test ({@value #DEFAULT_ALPHA}, {@value #DEFAULT_MIN_COUNT}) over {@code series} series. */
    public static SurgeDetector defaults(long series) {
        return new SurgeDetector(DEFAULT_ALPHA, DEFAULT_MIN_COUNT, Math.max(1, series));
    }

    /** The corrected per-series threshold {@code alpha / series}. */
    public double threshold() {
        return threshold;
    }

    public int minCount() {
        return minCount;
    }

    /**
     * The verdict at time {@code t}.
     *
     * @param times       report times of the series' cases, ascending, in {@code times[0..n)}; later ones are ignored
     * @param weeklyLevel the series' expected cases per week
     * @param profile     the category's hour-of-week shares
     */
    public Verdict test(long[] times, int n, long t, double weeklyLevel, HourOfWeekProfile profile) {
        long windowStart = t - WINDOW_MS;
        long midnight = HourOfWeekProfile.localMidnight(t);
        long inWindow = 0;
        long today = 0;
        for (int i = 0; i < n; i++) {
            long r = times[i];
            if (r > t) {
                break;
            }
            if (r > windowStart) {
                inWindow++;
            }
            if (r >= midnight) {
                today++;
            }
        }
        double expWindow = profile.expected(weeklyLevel, windowStart, t);
        double expToday = profile.expected(weeklyLevel, midnight, t);
        double pWindow = PoissonTail.upper(expWindow, inWindow);
        double pToday = PoissonTail.upper(expToday, today);
        boolean windowCounts = inWindow >= minCount;
        boolean todayCounts = today >= minCount;
        // The reported window: the more significant one that has enough cases, else the trailing window.
        boolean useToday = todayCounts && (!windowCounts || pToday < pWindow);
        long observed = useToday ? today : inWindow;
        double expected = useToday ? expToday : expWindow;
        double p = useToday ? pToday : pWindow;
        boolean significant = (windowCounts && pWindow <= threshold) || (todayCounts && pToday <= threshold);
        return new Verdict(significant, observed, expected, p, useToday ? "today" : WINDOW_HOURS + "h");
    }

    /** Index of the first time still needed at {@code t}: earlier ones lie before both windows. */
    public static int firstNeeded(long[] times, int n, long t) {
        long midnight = HourOfWeekProfile.localMidnight(t);
        int i = 0;
        while (i < n && times[i] <= t - WINDOW_MS && times[i] < midnight) {
            i++;
        }
        return i;
    }

    /**
     * The outcome of a test: whether the series is significant now, and the count, forecast and p of the
     * reported window ({@code 3h} or {@code today}).
     */
    public record Verdict(boolean significant, long observed, double expected, double p, String window) {
    }

    @Override
    public String toString() {
        return "SurgeDetector{alpha=" + alpha + ", minCount=" + minCount + ", series=" + series + '}';
    }
}
