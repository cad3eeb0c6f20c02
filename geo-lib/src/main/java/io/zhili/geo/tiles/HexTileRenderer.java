package io.zhili.geo.tiles;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * Renders raster tiles of a {@link HexLayer}: 256 × 256 pixel palette PNGs in which each cell's
 * hexagon is filled with its {@link HexStyle} colour and everything else is transparent.
 *
 * <p>Hexagons are filled with Java2D (no antialiasing, so neighbouring cells meet without seams or
 * blended fringes) into an 8-bit canvas whose byte values are the palette entries, and the canvas is
 * written as a palette PNG with a transparency chunk ({@link PalettePng}): about 1–3 KB a tile.
 *
 * <p>Not thread-safe: it reuses its canvas and PNG encoder, so give each worker thread its own
 * instance. {@link #close()} releases the encoder's native memory.
 */
public final class HexTileRenderer implements AutoCloseable {
    private final BufferedImage canvas;
    private final byte[] pixels;
    private final Graphics2D g;
    private final Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, 12);
    private final PalettePng png = new PalettePng();
    private final Color[] entryColors = new Color[256];

    public HexTileRenderer() {
        int size = WebMercator.TILE_SIZE;
        // A grey canvas maps a colour (v, v, v) exactly to byte v, so the bytes are palette entries.
        canvas = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        pixels = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        for (int v = 0; v < entryColors.length; v++) {
            entryColors[v] = new Color(v, v, v);
        }
    }

    /**
     * Renders tile {@code t} of {@code cover} (built from {@code layer}).
     *
     * @return the PNG bytes, or null when no pixel of the tile shows a cell (an empty tile is not written)
     */
    public byte[] render(HexLayer layer, HexStyle style, TileCover cover, int t) {
        int[] cells = cover.cellArray();
        return render(layer, style, cover.zoom(), cover.tileX(t), cover.tileY(t), cells, cover.cellsFrom(t),
                cover.cellsTo(t));
    }

    /**
     * Renders tile {@code z/x/y} showing the cells {@code cells[from … to-1]} of {@code layer}.
     *
     * @return the PNG bytes, or null when no pixel of the tile shows a cell
     */
    public byte[] render(HexLayer layer, HexStyle style, int z, int x, int y, int[] cells, int from, int to) {
        Arrays.fill(pixels, (byte) 0);
        double world = WebMercator.worldSize(z);
        double originX = (double) x * WebMercator.TILE_SIZE;
        double originY = (double) y * WebMercator.TILE_SIZE;
        boolean any = false;
        for (int k = from; k < to; k++) {
            int i = cells[k];
            int entry = style.colorIndex(layer, i);
            if (entry == 0) {
                continue;
            }
            path.reset();
            for (int v = 0, vc = layer.vertexCount(i); v < vc; v++) {
                double px = layer.vertexX(i, v) * world - originX;
                double py = layer.vertexY(i, v) * world - originY;
                if (v == 0) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
            }
            path.closePath();
            g.setColor(entryColors[entry]);
            g.fill(path);
            any = true;
        }
        if (!any || !anyPixelSet()) {
            return null;
        }
        return png.encode(pixels, WebMercator.TILE_SIZE, WebMercator.TILE_SIZE, style.palette());
    }

    private boolean anyPixelSet() {
        for (byte p : pixels) {
            if (p != 0) {
                return true;
            }
        }
        return false;
    }

    /** The palette entry drawn at pixel {@code (px, py)} of the last rendered tile (0 = transparent); for tests and probes. */
    public int entryAt(int px, int py) {
        return pixels[py * WebMercator.TILE_SIZE + px] & 0xFF;
    }

    @Override
    public void close() {
        g.dispose();
        png.close();
    }
}
