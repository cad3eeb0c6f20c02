package io.zhili.geo.fence;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * "Which of these polygons contain the point?" for the truck rules' sites and zones, answered for
 * most points without geometry.
 *
 * <p>The layer's extent is cut into a raster of square lon/lat cells, sized from the polygons
 * (about a sixteenth of a typical polygon across). Each cell that some polygon touches lists those
 * polygons in index order, each marked <em>inside</em> when the cell lies wholly within it (JTS
 * {@code covers}) or <em>edge</em> when the polygon's boundary crosses the cell. A query computes its
 * cell with two subtractions and a division, looks it up in a primitive hash map, and needs the
 * exact point-in-polygon test ({@link PolygonFence}) only for the edge entries. Most trucks are
 * nowhere near a fence, so a bitset of blocks of 8 × 8 cells (a few kilobytes, always in cache)
 * answers "none here" before the hash map is touched. Cells are classified
 * by recursive halving (a block wholly inside or wholly outside is settled at once), so building
 * costs tests along the boundaries rather than over the areas.
 *
 * <p>The shared engine of {@link SiteIndex} and {@link ZoneIndex}; immutable and thread-safe after
 * construction.
 */
final class FenceIndex {
    /** Cells per typical polygon diameter. */
    private static final double CELLS_ACROSS = 16;
    /** The raster never holds more cells than this; the cell size doubles until it fits. */
    private static final long MAX_CELLS = 2_000_000;
    /** Degrees each classified block is grown by, so that rounding in the query's cell never matters. */
    private static final double SLACK_DEG = 1e-9;
    private static final GeometryFactory GF = new GeometryFactory();
    /** log2 of the cells per side of a block of the occupancy bitset. */
    private static final int BLOCK_SHIFT = 3;
    /** Largest occupancy bitset kept, in bits; a larger extent goes straight to the hash map. */
    private static final long MAX_BLOCK_BITS = 1L << 26;

    private final PolygonFence[] fences;
    private final Envelope extent;
    private final double step;
    /** Cell key to the position in {@link #entries} of its count, followed by that many entries. */
    private final LongIntHashMap cells;
    /** Per cell: a count, then entries {@code fence << 1 | inside}, fences ascending. */
    private final int[] entries;
    /** One bit per block of cells (column-major), set when some cell of the block has entries; or null. */
    private final long[] blocks;
    private final int blockRows;

    FenceIndex(List<Geometry> areas) {
        fences = new PolygonFence[areas.size()];
        extent = new Envelope();
        for (int i = 0; i < fences.length; i++) {
            fences[i] = new PolygonFence(areas.get(i));
            extent.expandToInclude(fences[i].envelope());
        }
        step = cellSize(fences);
        LongObjectHashMap<IntArrayList> lists = new LongObjectHashMap<>();
        for (int i = 0; i < fences.length; i++) {
            Envelope e = fences[i].envelope();
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(fences[i].geometry());
            classify(prepared, i, column(e.getMinX()), row(e.getMinY()), column(e.getMaxX()), row(e.getMaxY()), lists);
        }
        cells = new LongIntHashMap(lists.size());
        IntArrayList packed = new IntArrayList();
        for (LongObjectCursor<IntArrayList> c : lists) {
            cells.put(c.key, packed.size());
            packed.add(c.value.size());
            packed.add(c.value.buffer, 0, c.value.size());
        }
        entries = packed.toArray();
        blockRows = (row(extent.getMaxY()) >> BLOCK_SHIFT) + 1;
        long bits = (long) ((column(extent.getMaxX()) >> BLOCK_SHIFT) + 1) * blockRows;
        blocks = bits <= MAX_BLOCK_BITS ? new long[(int) ((bits + 63) >>> 6)] : null;
        if (blocks != null) {
            for (LongObjectCursor<IntArrayList> c : lists) {
                int b = block((int) (c.key >>> 32), (int) c.key);
                blocks[b >>> 6] |= 1L << b;
            }
        }
    }

    /** Lowest index of a fence that {@code accept}s and contains the point (boundary included), or -1. */
    int first(double lon, double lat, IntPredicate accept) {
        if (!(lon >= extent.getMinX() && lon <= extent.getMaxX() && lat >= extent.getMinY() && lat <= extent.getMaxY())) {
            return -1;
        }
        int column = column(lon);
        int row = row(lat);
        if (blocks != null) {
            int b = block(column, row);
            if ((blocks[b >>> 6] & (1L << b)) == 0) {
                return -1;
            }
        }
        int at = cells.getOrDefault(key(column, row), -1);
        if (at < 0) {
            return -1;
        }
        int end = at + 1 + entries[at];
        for (int k = at + 1; k < end; k++) {
            int i = entries[k] >>> 1;
            if (accept.test(i) && ((entries[k] & 1) != 0 || fences[i].contains(lon, lat))) {
                return i;
            }
        }
        return -1;
    }

    PolygonFence fence(int i) {
        return fences[i];
    }

    int size() {
        return fences.length;
    }

    /** Number of raster cells that some fence touches. */
    int cellCount() {
        return cells.size();
    }

    /** Number of (cell, fence) entries answered without geometry. */
    int insideEntryCount() {
        int n = 0;
        for (int at = 0; at < entries.length; at += 1 + entries[at]) {
            for (int k = at + 1; k <= at + entries[at]; k++) {
                n += entries[k] & 1;
            }
        }
        return n;
    }

    private int column(double lon) {
        return (int) Math.floor((lon - extent.getMinX()) / step);
    }

    private int row(double lat) {
        return (int) Math.floor((lat - extent.getMinY()) / step);
    }

    private int block(int column, int row) {
        return (column >> BLOCK_SHIFT) * blockRows + (row >> BLOCK_SHIFT);
    }

    private static long key(int column, int row) {
        return ((long) column << 32) | (row & 0xFFFFFFFFL);
    }

    /**
     * Adds fence {@code i} to every cell of the block [c0..c1] × [r0..r1] it touches: settled at once
     * when the block is wholly inside or outside, else halved along its longer side down to single
     * cells, which are then edge cells.
     */
    private void classify(PreparedGeometry fence, int i, int c0, int r0, int c1, int r1,
                          LongObjectHashMap<IntArrayList> lists) {
        Geometry block = GF.toGeometry(new Envelope(
                extent.getMinX() + c0 * step - SLACK_DEG, extent.getMinX() + (c1 + 1) * step + SLACK_DEG,
                extent.getMinY() + r0 * step - SLACK_DEG, extent.getMinY() + (r1 + 1) * step + SLACK_DEG));
        if (!fence.intersects(block)) {
            return;
        }
        boolean inside = fence.covers(block);
        if (inside || (c0 == c1 && r0 == r1)) {
            for (int c = c0; c <= c1; c++) {
                for (int r = r0; r <= r1; r++) {
                    IntArrayList list = lists.get(key(c, r));
                    if (list == null) {
                        list = new IntArrayList(2);
                        lists.put(key(c, r), list);
                    }
                    list.add(i << 1 | (inside ? 1 : 0));
                }
            }
            return;
        }
        if (c1 - c0 >= r1 - r0) {
            int mid = (c0 + c1) >>> 1;
            classify(fence, i, c0, r0, mid, r1, lists);
            classify(fence, i, mid + 1, r0, c1, r1, lists);
        } else {
            int mid = (r0 + r1) >>> 1;
            classify(fence, i, c0, r0, c1, mid, lists);
            classify(fence, i, c0, mid + 1, c1, r1, lists);
        }
    }

    /**
     * Degrees per cell: the median polygon diameter over {@link #CELLS_ACROSS}, doubled until the
     * polygons' envelopes span at most {@link #MAX_CELLS} cells.
     */
    private static double cellSize(PolygonFence[] fences) {
        if (fences.length == 0) {
            return 1;
        }
        double[] across = new double[fences.length];
        for (int i = 0; i < fences.length; i++) {
            Envelope e = fences[i].envelope();
            across[i] = Math.max(e.getWidth(), e.getHeight());
        }
        Arrays.sort(across);
        double step = Math.max(across[across.length / 2] / CELLS_ACROSS, 1e-6);
        while (true) {
            long total = 0;
            for (PolygonFence f : fences) {
                Envelope e = f.envelope();
                total += (long) (Math.floor(e.getWidth() / step) + 2) * (long) (Math.floor(e.getHeight() / step) + 2);
            }
            if (total <= MAX_CELLS) {
                return step;
            }
            step *= 2;
        }
    }

    /** A primitive int predicate (avoids boxing in the query). */
    @FunctionalInterface
    interface IntPredicate {
        boolean test(int index);
    }
}
