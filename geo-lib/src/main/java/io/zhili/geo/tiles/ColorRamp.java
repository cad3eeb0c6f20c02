package io.zhili.geo.tiles;

/**
 * A perceptually uniform sequential colour ramp: matplotlib's <em>viridis</em> (van der Walt and
 * Smith, 2015), given by ten evenly spaced anchors (the values R's {@code viridisLite::viridis(10)}
 * prints) and interpolated linearly in sRGB between them. Dark purple means little, yellow much; the
 * ramp stays readable for colour-blind viewers and in greyscale.
 *
 * <p>Stateless and thread-safe.
 */
public final class ColorRamp {
    private static final int[] VIRIDIS = {
        0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725,
    };

    private ColorRamp() {
    }

    /**
     * The ramp's colour at {@code t} as {@code 0xRRGGBB}; {@code t} is clamped to [0, 1] and NaN gives
     * the colour at 0.
     */
    public static int viridis(double t) {
        double c = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        double pos = c * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(pos));
        double f = pos - i;
        int a = VIRIDIS[i];
        int b = VIRIDIS[i + 1];
        return (mix((a >> 16) & 0xFF, (b >> 16) & 0xFF, f) << 16)
                | (mix((a >> 8) & 0xFF, (b >> 8) & 0xFF, f) << 8)
                | mix(a & 0xFF, b & 0xFF, f);
    }

    /** The colour as a CSS hex string {@code #rrggbb}. */
    public static String css(int rgb) {
        return String.format("#%06x", rgb & 0xFFFFFF);
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
