package io.zhili.geo.tiles;

import io.zhili.geo.stats.HotClass;
import java.awt.image.IndexColorModel;

/**
 * Colours cells by their Gi* hot/cold class on a diverging red–blue palette, the colours ArcGIS's
 * Hot Spot Analysis uses: deep red for 99 % hot spots through pale orange for 90 %, deep blue for 99 %
 * cold spots through pale blue for 90 %. Cells that are not significant are drawn in a faint neutral
 * grey, so the analysed study area stays visible; cells outside it are not in the layer at all.
 *
 * <p>Palette entry {@code 4 + giBin} holds the colour of a class ({@code giBin} −3 … 3, see
 * {@link HotClass#giBin()}). Immutable and thread-safe.
 */
public final class HotClassStyle implements HexStyle {
    /** The shared instance. */
    public static final HotClassStyle INSTANCE = new HotClassStyle();
    /** Opacity (0–255) of significant cells. */
    public static final int ALPHA = 220;
    /** Opacity (0–255) of not-significant cells. */
    public static final int NOT_SIGNIFICANT_ALPHA = 70;

    private static final IndexColorModel PALETTE = buildPalette();

    private HotClassStyle() {
    }

    /** The class's colour as {@code 0xRRGGBB}. */
    public static int rgb(HotClass c) {
        switch (c) {
            case HOT_99: return 0xD62F27;
            case HOT_95: return 0xED7551;
            case HOT_90: return 0xFAB984;
            case COLD_90: return 0xC0CCBE;
            case COLD_95: return 0x849EBA;
            case COLD_99: return 0x4575B5;
            default: return 0xBDBDBD;
        }
    }

    /** The class's opacity (0–255). */
    public static int alpha(HotClass c) {
        return c == HotClass.NOT_SIGNIFICANT ? NOT_SIGNIFICANT_ALPHA : ALPHA;
    }

    @Override
    public IndexColorModel palette() {
        return PALETTE;
    }

    @Override
    public int colorIndex(HexLayer layer, int i) {
        return 4 + layer.hotClass(i).giBin();
    }

    @Override
    public String name() {
        return "hot-cold";
    }

    private static IndexColorModel buildPalette() {
        int n = 8;
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        byte[] a = new byte[n];
        for (HotClass c : HotClass.values()) {
            int k = 4 + c.giBin();
            int rgb = rgb(c);
            r[k] = (byte) (rgb >> 16);
            g[k] = (byte) (rgb >> 8);
            b[k] = (byte) rgb;
            a[k] = (byte) alpha(c);
        }
        return new IndexColorModel(8, n, r, g, b, a);
    }
}
