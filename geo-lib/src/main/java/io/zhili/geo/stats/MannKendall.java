package io.zhili.geo.stats;

import java.util.Arrays;

/**
 * Mann-Kendall test for a monotonic trend in a time series, two-sided, with the normal approximation
 * as Gilbert gives it (Gilbert, R. O., 1987, <i>Statistical Methods for Environmental Pollution
 * Monitoring</i>, Van Nostrand Reinhold, §16.4):
 *
 * <pre>
 *   S      = Σ_{k=1}^{n−1} Σ_{j=k+1}^{n} sgn(x_j − x_k)
 *   VAR(S) = [ n(n−1)(2n+5) − Σ_{p=1}^{g} t_p(t_p−1)(2t_p+5) ] / 18
 *   Z      = (S − 1)/√VAR(S) if S &gt; 0,   0 if S = 0,   (S + 1)/√VAR(S) if S &lt; 0
 * </pre>
 *
 * where g is the number of groups of tied values and t_p the size of group p (the tie correction),
 * and the ±1 is the continuity correction. The p-value is two-sided, {@code P(|N(0,1)| ≥ |Z|)}, and
 * the trend is +1 (increasing) or −1 (decreasing) when p ≤ α, else 0.
 *
 * <p>Gilbert tabulates the exact null distribution of S for small n (his Table A18); we use the
 * normal approximation for every n, because the emerging hot spot output needs a z-score for every
 * cell. For n ≤ 10 the p-value is therefore approximate.
 *
 * <p><b>Missing and degenerate data.</b> NaN entries are missing observations (Gilbert §16.4 allows
 * them): they are left out and the remaining values keep their time order. Fewer than two values,
 * or all values tied, give S = 0, VAR(S) = 0 (or the tie-corrected value), z = 0, p = 1, trend 0.
 *
 * <p>O(n²) pairs, fine for the 12–60 periods of a hot spot cube. Stateless and thread-safe.
 */
public final class MannKendall {

    /** Significance level used by {@link #test(double[])}: 0.05, the conventional two-sided 95 % test. */
    public static final double DEFAULT_ALPHA = 0.05;

    private MannKendall() {
    }

    /**
     * Outcome of one test.
     *
     * @param s        the Mann-Kendall statistic S (an integer, as a double)
     * @param variance VAR(S) under the null hypothesis, tie-corrected
     * @param z        the continuity-corrected normal score
     * @param p        the two-sided p-value of z, in [0, 1]
     * @param trend    +1 increasing, −1 decreasing, 0 no significant trend at the test's α
     */
    public record Result(double s, double variance, double z, double p, int trend) {
    }

    /** Tests at {@link #DEFAULT_ALPHA}. */
    public static Result test(double[] series) {
        return test(series, DEFAULT_ALPHA);
    }

    /**
     * Tests at significance level {@code alpha} (two-sided).
     *
     * @throws IllegalArgumentException if alpha is not in (0, 1) or a value is infinite
     */
    public static Result test(double[] series, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        double[] x = observed(series);
        int n = x.length;
        long s = 0;
        for (int k = 0; k < n - 1; k++) {
            for (int j = k + 1; j < n; j++) {
                s += x[j] > x[k] ? 1 : x[j] < x[k] ? -1 : 0;
            }
        }
        // max: n = 0 would give −0.0, and the tie term never exceeds the first term
        double variance = Math.max(0.0, (n * (n - 1.0) * (2.0 * n + 5.0) - tieTerm(x)) / 18.0);
        double z = 0;
        if (variance > 0) {
            if (s > 0) {
                z = (s - 1) / Math.sqrt(variance);
            } else if (s < 0) {
                z = (s + 1) / Math.sqrt(variance);
            }
        }
        double p = Significance.twoSidedP(z);
        int trend = p <= alpha && z != 0 ? (int) Math.signum(z) : 0;
        return new Result(s, variance, z, p, trend);
    }

    /** The series without NaNs, in time order. */
    private static double[] observed(double[] series) {
        int n = 0;
        double[] x = new double[series.length];
        for (int i = 0; i < series.length; i++) {
            double v = series[i];
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("series[" + i + "] is infinite");
            }
            if (!Double.isNaN(v)) {
                x[n++] = v + 0.0; // -0.0 and 0.0 are one value
            }
        }
        return n == x.length ? x : Arrays.copyOf(x, n);
    }

    /** Σ_p t_p(t_p−1)(2t_p+5) over the groups of equal values. */
    private static double tieTerm(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double term = 0;
        int r = 0;
        while (r < sorted.length) {
            int end = r + 1;
            while (end < sorted.length && sorted[end] == sorted[r]) {
                end++;
            }
            double t = end - r;
            term += t * (t - 1) * (2 * t + 5);
            r = end;
        }
        return term;
    }
}
