package io.zhili.geo.tiles;

import java.util.Arrays;

/**
 * Which cells of a {@link HexLayer} each tile of one zoom level shows: the tiles that some cell's
 * outline reaches, each with the cells whose outline reaches the tile enlarged by a buffer (so that
 * clipped vector tiles and antialiased edges continue seamlessly into the neighbour tile).
 *
 * <p>Tests use the cells' bounding boxes in world pixels, so a tile may list a cell whose hexagon only
 * misses it by a corner; renderers clip anyway. A tile reached only through its buffer is not listed,
 * so no tile consists of buffer slivers alone. Tiles are ordered by column, then row; the cells of a
 * tile by index.
 *
 * <p>Cost: one sort of {@code pairs} primitive longs, with pairs ≈ cells × (tiles per cell); no boxing.
 * Immutable and thread-safe once built.
 */
public final class TileCover {
    /** Most cells a layer may have for the packed keys ({@code 2^22}). */
    public static final int MAX_CELLS = 1 << 22;

    private static final int IDX_SHIFT = 1;
    private static final int Y_SHIFT = 23;
    private static final int X_SHIFT = 43;
    private static final long MASK20 = (1L << 20) - 1;
    private static final long MASK22 = (1L << 22) - 1;

    private final int z;
    private final int[] tileX;
    private final int[] tileY;
    private final int[] start;
    private final int[] cells;

    private TileCover(int z, int[] tileX, int[] tileY, int[] start, int[] cells) {
        this.z = z;
        this.tileX = tileX;
        this.tileY = tileY;
        this.start = start;
        this.cells = cells;
    }

    /**
     * Computes the cover of {@code layer} at zoom {@code z}.
     *
     * @param bufferPx how far beyond a tile's edge, in pixels of a 256-pixel tile, cells still count for it (≥ 0)
     * @throws IllegalArgumentException for a zoom outside 0 … {@value WebMercator#MAX_ZOOM}, a negative
     *                                  buffer or more than {@value #MAX_CELLS} cells
     */
    public static TileCover of(HexLayer layer, int z, double bufferPx) {
        WebMercator.checkZoom(z);
        if (!(bufferPx >= 0)) {
            throw new IllegalArgumentException("tile buffer must be >= 0 pixels, not " + bufferPx);
        }
        if (layer.size() > MAX_CELLS) {
            throw new IllegalArgumentException("a tile layer holds at most " + MAX_CELLS + " cells, not " + layer.size());
        }
        double world = WebMercator.worldSize(z);
        int maxTile = WebMercator.tilesPerAxis(z) - 1;
        int size = WebMercator.TILE_SIZE;
        long[] keys = new long[Math.max(16, layer.size() * 2)];
        int n = 0;
        for (int i = 0; i < layer.size(); i++) {
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int v = 0, vc = layer.vertexCount(i); v < vc; v++) {
                double px = layer.vertexX(i, v) * world;
                double py = layer.vertexY(i, v) * world;
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
            }
            int coreX0 = clamp(Math.floor(minX / size), maxTile);
            int coreX1 = clamp(Math.floor(maxX / size), maxTile);
            int coreY0 = clamp(Math.floor(minY / size), maxTile);
            int coreY1 = clamp(Math.floor(maxY / size), maxTile);
            int x0 = clamp(Math.floor((minX - bufferPx) / size), maxTile);
            int x1 = clamp(Math.floor((maxX + bufferPx) / size), maxTile);
            int y0 = clamp(Math.floor((minY - bufferPx) / size), maxTile);
            int y1 = clamp(Math.floor((maxY + bufferPx) / size), maxTile);
            for (int tx = x0; tx <= x1; tx++) {
                for (int ty = y0; ty <= y1; ty++) {
                    if (n == keys.length) {
                        keys = Arrays.copyOf(keys, keys.length * 2);
                    }
                    boolean core = tx >= coreX0 && tx <= coreX1 && ty >= coreY0 && ty <= coreY1;
                    keys[n++] = ((long) tx << X_SHIFT) | ((long) ty << Y_SHIFT) | ((long) i << IDX_SHIFT) | (core ? 1 : 0);
                }
            }
        }
        Arrays.sort(keys, 0, n);

        int[] tx = new int[16];
        int[] ty = new int[16];
        int[] start = new int[17];
        int[] cells = new int[n];
        int tiles = 0;
        int kept = 0;
        int i = 0;
        while (i < n) {
            long tile = keys[i] >>> Y_SHIFT;
            int j = i;
            boolean core = false;
            while (j < n && (keys[j] >>> Y_SHIFT) == tile) {
                core |= (keys[j] & 1) != 0;
                j++;
            }
            if (core) {
                if (tiles + 1 >= start.length) {
                    tx = Arrays.copyOf(tx, tx.length * 2);
                    ty = Arrays.copyOf(ty, tx.length);
                    start = Arrays.copyOf(start, tx.length + 1);
                }
                tx[tiles] = (int) ((keys[i] >>> X_SHIFT) & MASK20);
                ty[tiles] = (int) ((keys[i] >>> Y_SHIFT) & MASK20);
                start[tiles] = kept;
                for (int k = i; k < j; k++) {
                    cells[kept++] = (int) ((keys[k] >>> IDX_SHIFT) & MASK22);
                }
                tiles++;
                start[tiles] = kept;
            }
            i = j;
        }
        return new TileCover(z, Arrays.copyOf(tx, tiles), Arrays.copyOf(ty, tiles), Arrays.copyOf(start, tiles + 1),
                Arrays.copyOf(cells, kept));
    }

    private static int clamp(double t, int max) {
        return (int) Math.max(0, Math.min(max, t));
    }

    public int zoom() {
        return z;
    }

    /** Number of tiles that show at least one cell. */
    public int tileCount() {
        return tileX.length;
    }

    public int tileX(int t) {
        return tileX[t];
    }

    public int tileY(int t) {
        return tileY[t];
    }

    /** The cells of tile {@code t}: indices {@code cellIndex(cellsFrom(t)) … cellIndex(cellsTo(t) - 1)}. */
    public int cellsFrom(int t) {
        return start[t];
    }

    /** End (exclusive) of tile {@code t}'s cells; see {@link #cellsFrom(int)}. */
    public int cellsTo(int t) {
        return start[t + 1];
    }

    /** The layer index of the {@code k}-th listed cell. */
    public int cellIndex(int k) {
        return cells[k];
    }

    /** The backing array of listed cells, for renderers of this package (not copied: do not modify). */
    int[] cellArray() {
        return cells;
    }

    /** Index of tile {@code (x, y)} in this cover, or -1 when it shows no cell. */
    public int indexOf(int x, int y) {
        int lo = 0;
        int hi = tileX.length - 1;
        long target = ((long) x << 32) | y;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long key = ((long) tileX[mid] << 32) | tileY[mid];
            if (key < target) {
                lo = mid + 1;
            } else if (key > target) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
