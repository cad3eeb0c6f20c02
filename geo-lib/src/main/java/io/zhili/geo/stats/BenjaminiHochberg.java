package io.zhili.geo.stats;

import java.util.Arrays;

/**
 * False discovery rate (FDR) correction of Benjamini and Hochberg (1995, "Controlling the false
 * discovery rate: a practical and powerful approach to multiple testing", J. R. Statist. Soc. B 57(1),
 * 289–300), applied to hot spot bins the way ArcGIS's Hot Spot Analysis applies it.
 *
 * <p><b>Step-up rule.</b> With the m p-values sorted, p<sub>(1)</sub> ≤ … ≤ p<sub>(m)</sub>, and a level
 * α, let k be the largest rank with p<sub>(k)</sub> ≤ k·α/m. The critical p-value is p<sub>(k)</sub>
 * and every test with p ≤ p<sub>(k)</sub> is significant at FDR α; if no rank qualifies, nothing is.
 *
 * <p><b>Our reading of ArcGIS.</b> ArcGIS documents that the FDR option "reduces the critical p-value
 * thresholds" of the 90/95/99 % bins. Its Python layer ({@code Stats.fdrTransform} in the Spatial
 * Statistics toolbox) builds, for every feature rank k of the ascending p-values over <em>all</em>
 * features of the analysis, the three cut-offs k/m·{0.10, 0.05, 0.01}, and hands them to the
 * native binning. We therefore compute one BH critical p-value per confidence level over all m
 * tests passed in and give each the strongest level whose critical p-value it meets, with the sign of
 * its z-score ({@link HotClass}). This is the same as comparing BH adjusted p-values
 * ({@link #adjustedP(double[])}) with 0.01, 0.05 and 0.10. The caller chooses the family: Hot Spot
 * Analysis corrects over the features of one map (one period), while ArcGIS's Emerging Hot Spot
 * Analysis passes every bin of the space-time cube (all locations × all time steps) in one call.
 *
 * <p><b>Inputs.</b> p-values must lie in [0, 1]; a NaN p-value is not a test: it is not counted in m,
 * its class is {@link HotClass#NOT_SIGNIFICANT} and its adjusted value NaN. Empty input gives empty
 * output. O(m log m) time for the sort, no boxing. Stateless and thread-safe.
 */
public final class BenjaminiHochberg {

    private BenjaminiHochberg() {
    }

    /**
     * FDR-corrected hot/cold classes: {@code z[i]} gives the side, {@code p[i]} the evidence, and the
     * BH critical p-value of each confidence level over all cells the threshold (see the class comment).
     *
     * @throws IllegalArgumentException if the arrays differ in length or a p-value is outside [0, 1]
     */
    public static HotClass[] classifyFdr(double[] z, double[] p) {
        if (z.length != p.length) {
            throw new IllegalArgumentException(
                    "z and p differ in length: " + z.length + " z-scores, " + p.length + " p-values");
        }
        double[] sorted = sortedTests(p);
        int m = countTests(sorted);
        double[] critical = new double[HotClass.ALPHAS.length];
        for (int level = 0; level < critical.length; level++) {
            critical[level] = criticalPSorted(sorted, m, HotClass.ALPHAS[level]);
        }
        HotClass[] classes = new HotClass[p.length];
        for (int i = 0; i < p.length; i++) {
            HotClass c = HotClass.NOT_SIGNIFICANT;
            for (int level = 0; level < critical.length; level++) {
                if (p[i] <= critical[level]) {
                    c = HotClass.signed(z[i], level);
                    break;
                }
            }
            classes[i] = c;
        }
        return classes;
    }

    /**
     * BH critical p-value at FDR level {@code alpha}: the largest p<sub>(k)</sub> with
     * p<sub>(k)</sub> ≤ k·α/m, or {@link Double#NEGATIVE_INFINITY} when no p-value qualifies (so that
     * {@code p <= criticalP} holds for none).
     *
     * @throws IllegalArgumentException if a p-value is outside [0, 1] or alpha is not in (0, 1]
     */
    public static double criticalP(double[] p, double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
        }
        double[] sorted = sortedTests(p);
        return criticalPSorted(sorted, countTests(sorted), alpha);
    }

    /**
     * BH adjusted p-values (q-values): q<sub>(i)</sub> = min<sub>j ≥ i</sub> min(1, m·p<sub>(j)</sub>/j),
     * in the input order. They are monotone in p (a larger p never gets a smaller q) and tied
     * p-values get equal q-values; a cell is significant at FDR α exactly when q ≤ α.
     *
     * @throws IllegalArgumentException if a p-value is outside [0, 1]
     */
    public static double[] adjustedP(double[] p) {
        double[] sorted = sortedTests(p);
        int m = countTests(sorted);
        double[] qSorted = new double[m];
        double running = 1.0;
        for (int r = m - 1; r >= 0; r--) {
            running = Math.min(running, sorted[r] * m / (r + 1));
            qSorted[r] = running;
        }
        double[] q = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double pi = p[i] + 0.0; // folds -0.0 into 0.0, as in sortedTests
            // any rank among equal p-values carries the same q (see the Javadoc), so any hit will do
            q[i] = Double.isNaN(pi) ? Double.NaN : qSorted[Arrays.binarySearch(sorted, 0, m, pi)];
        }
        return q;
    }

    private static double criticalPSorted(double[] sorted, int m, double alpha) {
        for (int k = m; k >= 1; k--) {
            if (sorted[k - 1] <= alpha * k / m) {
                return sorted[k - 1];
            }
        }
        return Double.NEGATIVE_INFINITY;
    }

    /** Validated ascending copy; NaNs sort to the end. */
    private static double[] sortedTests(double[] p) {
        double[] sorted = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double pi = p[i];
            if (pi < 0 || pi > 1) {
                throw new IllegalArgumentException("p-value " + pi + " at index " + i + " is outside [0, 1]");
            }
            sorted[i] = pi + 0.0;
        }
        Arrays.sort(sorted);
        return sorted;
    }

    private static int countTests(double[] sorted) {
        int m = sorted.length;
        while (m > 0 && Double.isNaN(sorted[m - 1])) {
            m--;
        }
        return m;
    }
}
