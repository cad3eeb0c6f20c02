package io.zhili.geo.stats;

/**
 * Hot/cold spot class of one cell, ArcGIS's {@code Gi_Bin} convention (Hot Spot Analysis (Getis-Ord
 * Gi*), ArcGIS Pro tool reference): ±3 for a p-value ≤ 0.01 (99 % confidence), ±2 for ≤ 0.05 (95 %),
 * ±1 for ≤ 0.10 (90 %), 0 otherwise; the sign is the sign of the z-score (positive = hot).
 *
 * <p>The names are the {@code hot_class} column of the {@code hotspot_cells} output contract.
 * Immutable and thread-safe.
 */
public enum HotClass {
    HOT_99(3),
    HOT_95(2),
    HOT_90(1),
    NOT_SIGNIFICANT(0),
    COLD_90(-1),
    COLD_95(-2),
    COLD_99(-3);

    /** The three confidence levels' significance thresholds, strongest first: 0.01, 0.05, 0.10. */
    static final double[] ALPHAS = {0.01, 0.05, 0.10};

    private static final HotClass[] HOT_BY_LEVEL = {HOT_99, HOT_95, HOT_90};
    private static final HotClass[] COLD_BY_LEVEL = {COLD_99, COLD_95, COLD_90};

    private final int giBin;

    HotClass(int giBin) {
        this.giBin = giBin;
    }

    /**
     * Classifies a z-score with its (unadjusted) p-value: p ≤ 0.01, 0.05 or 0.10 gives the 99, 95 or
     * 90 % class on the side of the sign of z. z = 0, p > 0.10 or a NaN z or p gives
     * {@link #NOT_SIGNIFICANT}.
     */
    public static HotClass of(double z, double p) {
        for (int level = 0; level < ALPHAS.length; level++) {
            if (p <= ALPHAS[level]) {
                return signed(z, level);
            }
        }
        return NOT_SIGNIFICANT;
    }

    /** The class at confidence level index {@code level} (0 = 99 %, 1 = 95 %, 2 = 90 %) for the sign of z. */
    static HotClass signed(double z, int level) {
        if (z > 0) {
            return HOT_BY_LEVEL[level];
        }
        if (z < 0) {
            return COLD_BY_LEVEL[level];
        }
        return NOT_SIGNIFICANT;
    }

    /** ArcGIS's numeric {@code Gi_Bin}: −3 … 3. */
    public int giBin() {
        return giBin;
    }

    /** Whether this is a hot spot at 90 % confidence or more. */
    public boolean hot() {
        return giBin > 0;
    }

    /** Whether this is a cold spot at 90 % confidence or more. */
    public boolean cold() {
        return giBin < 0;
    }
}
