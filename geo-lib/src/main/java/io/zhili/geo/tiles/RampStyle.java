package io.zhili.geo.tiles;

import java.awt.image.IndexColorModel;
import java.util.Arrays;

/**
 * Colours cells by a figure ({@link HexValue}) on the {@link ColorRamp#viridis viridis} ramp, in
 * {@value #STEPS} steps on a logarithmic scale: {@code t = ln(1 + v) / ln(1 + domainMax)}, so that the
 * few very busy cells do not wash out the rest. Values at or above {@code domainMax} take the top
 * colour; zero, negative and missing (NaN) values are not drawn (transparent).
 *
 * <p>Immutable and thread-safe.
 */
public final class RampStyle implements HexStyle {
    /** Number of colour steps of the ramp (palette entries 1 … STEPS). */
    public static final int STEPS = 64;
    /** Opacity of every drawn cell (0–255), so district outlines underneath stay visible. */
    public static final int ALPHA = 215;
    /** Default share of positive values below the domain's top: the 99th percentile. */
    public static final double DEFAULT_QUANTILE = 0.99;

    private static final IndexColorModel PALETTE = buildPalette();

    private final HexValue value;
    private final double domainMax;
    private final double logMax;

    /**
     * @param domainMax the value that takes the top colour (&gt; 0)
     * @throws IllegalArgumentException when {@code domainMax} is not a positive finite number
     */
    public RampStyle(HexValue value, double domainMax) {
        if (!(domainMax > 0) || Double.isInfinite(domainMax)) {
            throw new IllegalArgumentException("ramp domain must be a positive number, not " + domainMax);
        }
        this.value = value;
        this.domainMax = domainMax;
        this.logMax = Math.log1p(domainMax);
    }

    /**
     * A ramp whose top is the {@link #DEFAULT_QUANTILE} quantile of the layer's positive values (nearest
     * rank), or 1 when the layer has none.
     */
    public static RampStyle forLayer(HexLayer layer, HexValue value) {
        return new RampStyle(value, quantile(layer, value, DEFAULT_QUANTILE));
    }

    /** Nearest-rank quantile {@code q} of the layer's positive values of {@code value}; 1 when there are none. */
    public static double quantile(HexLayer layer, HexValue value, double q) {
        double[] v = new double[layer.size()];
        int n = 0;
        for (int i = 0; i < layer.size(); i++) {
            double x = value.of(layer, i);
            if (x > 0) {
                v[n++] = x;
            }
        }
        if (n == 0) {
            return 1;
        }
        Arrays.sort(v, 0, n);
        int rank = (int) Math.ceil(q * n);
        return v[Math.max(0, Math.min(n - 1, rank - 1))];
    }

    public HexValue value() {
        return value;
    }

    /** The value that takes the top colour. */
    public double domainMax() {
        return domainMax;
    }

    /** Palette entry (1 … {@value #STEPS}) of a value, or 0 when it is not drawn. */
    public int colorIndexOf(double v) {
        if (!(v > 0)) {
            return 0;
        }
        double t = Math.min(1, Math.log1p(v) / logMax);
        return 1 + (int) Math.round(t * (STEPS - 1));
    }

    /** The ramp position (0–1) a palette entry stands for. */
    public static double positionOf(int colorIndex) {
        return (colorIndex - 1) / (double) (STEPS - 1);
    }

    /** The value at ramp position {@code t} (0–1): the inverse of the log scale, for legends. */
    public double valueAt(double t) {
        return Math.expm1(t * logMax);
    }

    @Override
    public IndexColorModel palette() {
        return PALETTE;
    }

    @Override
    public int colorIndex(HexLayer layer, int i) {
        return colorIndexOf(value.of(layer, i));
    }

    @Override
    public String name() {
        return "viridis-log";
    }

    private static IndexColorModel buildPalette() {
        int n = STEPS + 1;
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        byte[] a = new byte[n];
        for (int k = 1; k < n; k++) {
            int rgb = ColorRamp.viridis(positionOf(k));
            r[k] = (byte) (rgb >> 16);
            g[k] = (byte) (rgb >> 8);
            b[k] = (byte) rgb;
            a[k] = (byte) ALPHA;
        }
        return new IndexColorModel(8, n, r, g, b, a);
    }
}
