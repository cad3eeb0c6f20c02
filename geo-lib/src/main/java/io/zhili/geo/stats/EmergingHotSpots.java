package io.zhili.geo.stats;

/**
 * Classifies one location's time series of Gi* hot spot bins into ArcGIS Pro's emerging hot spot
 * patterns (Esri, ArcGIS Pro tool reference, Space Time Pattern Mining, "How Emerging Hot Spot
 * Analysis works", pattern table; the same table in the ArcMap 10.x and ArcGIS AllSource editions).
 *
 * <p>Input per time step (oldest first): the cell's {@link HotClass} (hot or cold at 90 % or more,
 * FDR-corrected or not as the caller chose), plus the Mann-Kendall result of the cell's series.
 * ArcGIS runs Mann-Kendall on the cell's Gi* z-scores, so "intensity of clustering increasing" is an
 * increasing z trend; a caller that tests the counts instead passes that result, with the same signs.
 * "90 percent of the time-step intervals" is read as at least 90 %: hot steps h with 10·h ≥ 9·n.
 *
 * <p>The definitions, for hot spots (cold spots mirror them with "cold" for "hot" and the trend sign
 * reversed: an intensifying cold spot's z-scores fall):
 * <ul>
 * <li><b>NEW</b> — hot in the final time step and never hot before.</li>
 * <li><b>CONSECUTIVE</b> — a single uninterrupted run of at least two hot bins in the final time
 *     steps, never hot before the run, and less than 90 % of all bins hot.</li>
 * <li><b>INTENSIFYING</b> — hot in at least 90 % of the steps, the final one included, and the
 *     intensity of clustering increases over time, significantly (Mann-Kendall trend +1).</li>
 * <li><b>PERSISTENT</b> — hot in at least 90 % of the steps with no significant trend in intensity.</li>
 * <li><b>DIMINISHING</b> — hot in at least 90 % of the steps, the final one included, and the
 *     intensity decreases significantly (trend −1).</li>
 * <li><b>SPORADIC</b> — hot in the final step, an on-again then off-again hot spot: less than 90 % of
 *     the steps hot and never a cold spot.</li>
 * <li><b>OSCILLATING</b> — hot in the final step, a cold spot at some earlier step, less than 90 %
 *     of the steps hot.</li>
 * <li><b>HISTORICAL</b> — not hot in the final step, but hot in at least 90 % of the steps.</li>
 * <li><b>NO_PATTERN</b> — none of the above, hot or cold.</li>
 * </ul>
 *
 * <p><b>How overlaps are resolved.</b> The table's definitions overlap at their edges; we make them a
 * partition, read as follows. (1) The final step decides the side: hot final step → a hot pattern,
 * cold final step → a cold pattern, neither → only HISTORICAL (hot or cold) or NO_PATTERN. So
 * PERSISTENT, like INTENSIFYING and DIMINISHING, has a hot final step; a location hot ≥ 90 % of the
 * time but not now is HISTORICAL, as that definition says. (2) With ≥ 90 % hot steps, the trend picks
 * INTENSIFYING, DIMINISHING or PERSISTENT. (3) Below 90 %, a location that was ever a cold spot is
 * OSCILLATING (SPORADIC excludes cold spots explicitly; we let the cold history outrank NEW and
 * CONSECUTIVE too, as a hot spot that used to be cold is best told as oscillating); otherwise a single
 * hot step is NEW, a single final run of hot steps is CONSECUTIVE, and anything else SPORADIC.
 * The classification is meant for series of ten or more steps; with fewer than ten, 90 % means
 * every step.
 *
 * <p>Stateless and thread-safe; no allocation per call.
 */
public final class EmergingHotSpots {

    private EmergingHotSpots() {
    }

    /**
     * Pattern of one location from its per-step z-scores and p-values, each step classified with
     * {@link HotClass#of(double, double)} (hot or cold at p ≤ 0.10, no FDR correction).
     *
     * @throws IllegalArgumentException if z and p differ in length
     */
    public static EmergingPattern classify(double[] z, double[] p, MannKendall.Result trend) {
        if (z.length != p.length) {
            throw new IllegalArgumentException(
                    "z and p differ in length: " + z.length + " z-scores, " + p.length + " p-values");
        }
        int n = z.length;
        if (n == 0) {
            return EmergingPattern.NO_PATTERN;
        }
        int hot = 0;
        int cold = 0;
        for (int t = 0; t < n; t++) {
            HotClass c = HotClass.of(z[t], p[t]);
            hot += c.hot() ? 1 : 0;
            cold += c.cold() ? 1 : 0;
        }
        HotClass last = HotClass.of(z[n - 1], p[n - 1]);
        int run = 0;
        for (int t = n - 1; t >= 0 && HotClass.of(z[t], p[t]).giBin() * last.giBin() > 0; t--) {
            run++;
        }
        return classify(n, hot, cold, last, run, trend.trend());
    }

    /**
     * Pattern of one location from its per-step hot spot classes (oldest first), e.g. the
     * FDR-corrected classes of {@link BenjaminiHochberg#classifyFdr(double[], double[])}, and the
     * Mann-Kendall result of its Gi* z-score series. An empty series has NO_PATTERN.
     */
    public static EmergingPattern classify(HotClass[] steps, MannKendall.Result trend) {
        int n = steps.length;
        if (n == 0) {
            return EmergingPattern.NO_PATTERN;
        }
        int hot = 0;
        int cold = 0;
        for (HotClass c : steps) {
            hot += c.hot() ? 1 : 0;
            cold += c.cold() ? 1 : 0;
        }
        HotClass last = steps[n - 1];
        int run = 0;
        for (int t = n - 1; t >= 0 && steps[t].giBin() * last.giBin() > 0; t--) {
            run++;
        }
        return classify(n, hot, cold, last, run, trend.trend());
    }

    /**
     * @param run length of the final run of steps on the side of the last step (0 if it is not significant)
     */
    private static EmergingPattern classify(int n, int hot, int cold, HotClass last, int run, int trend) {
        if (last.hot()) {
            return sidePattern(n, hot, cold, run, trend);
        }
        if (last.cold()) {
            // Mirror: cold steps play the hot role and a falling z-score is a strengthening cold spot.
            return sidePattern(n, cold, hot, run, -trend).asCold();
        }
        if (atLeastNinetyPercent(hot, n)) {
            return EmergingPattern.HISTORICAL;
        }
        if (atLeastNinetyPercent(cold, n)) {
            return EmergingPattern.COLD_HISTORICAL;
        }
        return EmergingPattern.NO_PATTERN;
    }

    /** Hot-side pattern of a location whose final step is on its side ({@code same} steps, {@code opposite} on the other). */
    private static EmergingPattern sidePattern(int n, int same, int opposite, int run, int trend) {
        if (atLeastNinetyPercent(same, n)) {
            return trend > 0 ? EmergingPattern.INTENSIFYING
                    : trend < 0 ? EmergingPattern.DIMINISHING
                    : EmergingPattern.PERSISTENT;
        }
        if (opposite > 0) {
            return EmergingPattern.OSCILLATING;
        }
        if (same == 1) {
            return EmergingPattern.NEW;
        }
        if (run == same) {
            return EmergingPattern.CONSECUTIVE;
        }
        return EmergingPattern.SPORADIC;
    }

    private static boolean atLeastNinetyPercent(int count, int n) {
        return 10L * count >= 9L * n;
    }
}
