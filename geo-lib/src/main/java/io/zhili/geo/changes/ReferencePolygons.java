package io.zhili.geo.changes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The "index side" of the screening: registered building footprints or permits, in EPSG:4549 metres,
 * packed for millions of polygons. Each polygon is kept as WKB in one shared byte arena with its
 * envelope and validity days in primitive arrays, and is registered in every cell of a square grid
 * that its envelope touches (a sorted {@code long} cell key array with the polygon ids beside it).
 * A query reads the cells of the change polygon's envelope, filters by envelope and days, and parses
 * only the few polygons that can overlap. About 100 bytes of WKB, 48 of envelope and days and 12 per
 * grid entry per footprint, plus its id string: roughly 250 bytes per footprint, 375 MB for 1.5 M,
 * instead of about 1 KB each as JTS objects in an STRtree.
 *
 * <p>Build with {@link Builder} (not thread-safe); the built index is immutable and thread-safe (a
 * query allocates its own scratch), so one instance serves every task of a JVM.
 */
public final class ReferencePolygons {
    /** Side of a grid cell in metres: about the size of a large building, so most sit in one to four cells. */
    public static final double CELL_M = 100;

    private final String[] ids;
    private final int[] fromDay;
    private final int[] toDay;
    private final byte[] kind;
    private final double[] env;
    private final byte[] wkb;
    private final long[] wkbStart;
    private final long[] cellKeys;
    private final int[] cellIds;
    private final GeometryFactory factory;

    private ReferencePolygons(Builder b) {
        int n = b.size;
        this.ids = Arrays.copyOf(b.ids, n);
        this.fromDay = Arrays.copyOf(b.fromDay, n);
        this.toDay = Arrays.copyOf(b.toDay, n);
        this.kind = Arrays.copyOf(b.kind, n);
        this.env = Arrays.copyOf(b.env, 4 * n);
        this.wkb = Arrays.copyOf(b.wkb, (int) b.wkbSize);
        this.wkbStart = Arrays.copyOf(b.wkbStart, n + 1);
        this.wkbStart[n] = b.wkbSize;
        this.factory = b.factory;
        // Grid entries: (cell, id) pairs sorted by cell, packed as one long to sort primitives.
        long entries = 0;
        for (int i = 0; i < n; i++) {
            entries += (long) (cell(env[4 * i + 2]) - cell(env[4 * i]) + 1) * (cell(env[4 * i + 3]) - cell(env[4 * i + 1]) + 1);
        }
        if (entries > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("reference polygons too large for the grid: " + entries + " cell entries");
        }
        long[] keys = new long[(int) entries];
        int[] order = new int[(int) entries];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int cx = cell(env[4 * i]); cx <= cell(env[4 * i + 2]); cx++) {
                for (int cy = cell(env[4 * i + 1]); cy <= cell(env[4 * i + 3]); cy++) {
                    keys[k] = key(cx, cy);
                    order[k] = i;
                    k++;
                }
            }
        }
        sortByKey(keys, order);
        this.cellKeys = keys;
        this.cellIds = order;
    }

    /** Number of polygons. */
    public int size() {
        return ids.length;
    }

    public String id(int index) {
        return ids[index];
    }

    /** Which polygons count for a query. */
    @FunctionalInterface
    public interface Filter {
        boolean accept(int fromDay, int toDay, int kind);
    }

    /**
     * How much of a change polygon the accepted reference polygons cover.
     *
     * @param share     covered area over the change polygon's area, 0–1
     * @param largestId the id of the polygon covering the most of it, or null when none overlaps
     */
    public record Coverage(double share, String largestId) {
        static final Coverage NONE = new Coverage(0, null);
    }

    /** The share of {@code change} (metres) covered by the union of the polygons that {@code filter} accepts. */
    public Coverage coverage(Geometry change, Filter filter) {
        double area = change.getArea();
        if (!(area > 0) || ids.length == 0) {
            return Coverage.NONE;
        }
        Envelope e = change.getEnvelopeInternal();
        int[] candidates = candidates(e);
        List<Geometry> pieces = new ArrayList<>(2);
        double largest = 0;
        String largestId = null;
        WKBReader reader = new WKBReader(factory);
        for (int id : candidates) {
            if (env[4 * id] > e.getMaxX() || env[4 * id + 2] < e.getMinX() || env[4 * id + 1] > e.getMaxY()
                    || env[4 * id + 3] < e.getMinY() || !filter.accept(fromDay[id], toDay[id], kind[id])) {
                continue;
            }
            Geometry piece = OverlayNGRobust.overlay(change, polygon(reader, id), OverlayNG.INTERSECTION);
            double a = piece.getArea();
            if (a > 0) {
                pieces.add(piece);
                if (a > largest) {
                    largest = a;
                    largestId = ids[id];
                }
            }
        }
        if (pieces.isEmpty()) {
            return Coverage.NONE;
        }
        // Overlapping reference polygons must not count twice.
        double covered = pieces.size() == 1 ? pieces.get(0).getArea() : UnaryUnionOp.union(pieces).getArea();
        return new Coverage(Math.min(1, covered / area), largestId);
    }

    /** The polygon {@code index} as a JTS geometry (metres). */
    public Geometry polygon(int index) {
        return polygon(new WKBReader(factory), index);
    }

    private Geometry polygon(WKBReader reader, int id) {
        int start = (int) wkbStart[id];
        byte[] bytes = Arrays.copyOfRange(wkb, start, (int) wkbStart[id + 1]);
        try {
            return reader.read(bytes);
        } catch (ParseException e) {
            throw new IllegalStateException("corrupt packed polygon " + ids[id], e);
        }
    }

    /** Distinct ids of the polygons registered in the cells that {@code e} touches, ascending. */
    private int[] candidates(Envelope e) {
        int[] out = new int[16];
        int n = 0;
        for (int cx = cell(e.getMinX()); cx <= cell(e.getMaxX()); cx++) {
            for (int cy = cell(e.getMinY()); cy <= cell(e.getMaxY()); cy++) {
                long key = key(cx, cy);
                int i = lowerBound(cellKeys, key);
                for (; i < cellKeys.length && cellKeys[i] == key; i++) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = cellIds[i];
                }
            }
        }
        Arrays.sort(out, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || out[distinct - 1] != out[i]) {
                out[distinct++] = out[i];
            }
        }
        return Arrays.copyOf(out, distinct);
    }

    private static int cell(double metres) {
        return (int) Math.floor(metres / CELL_M);
    }

    private static long key(int cx, int cy) {
        return ((long) cx << 32) | (cy & 0xffffffffL);
    }

    private static int lowerBound(long[] a, long key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Sorts keys ascending, ids alongside (ties by id), with a primitive merge sort of positions. */
    private static void sortByKey(long[] keys, int[] ids) {
        int n = keys.length;
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        mergeSort(positions, new int[n], 0, n, keys, ids);
        long[] sortedKeys = new long[n];
        int[] sortedIds = new int[n];
        for (int i = 0; i < n; i++) {
            sortedKeys[i] = keys[positions[i]];
            sortedIds[i] = ids[positions[i]];
        }
        System.arraycopy(sortedKeys, 0, keys, 0, n);
        System.arraycopy(sortedIds, 0, ids, 0, n);
    }

    private static void mergeSort(int[] a, int[] tmp, int lo, int hi, long[] keys, int[] ids) {
        if (hi - lo < 2) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, keys, ids);
        mergeSort(a, tmp, mid, hi, keys, ids);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            int x = a[i];
            int y = a[j];
            boolean left = keys[x] < keys[y] || (keys[x] == keys[y] && ids[x] <= ids[y]);
            tmp[k++] = left ? a[i++] : a[j++];
        }
        while (i < mid) {
            tmp[k++] = a[i++];
        }
        while (j < hi) {
            tmp[k++] = a[j++];
        }
        System.arraycopy(tmp, lo, a, lo, hi - lo);
    }

    /** Collects polygons; {@link #build} packs them. Not thread-safe. */
    public static final class Builder {
        private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 4549);
        private final WKBWriter writer = new WKBWriter();
        private String[] ids = new String[1024];
        private int[] fromDay = new int[1024];
        private int[] toDay = new int[1024];
        private byte[] kind = new byte[1024];
        private double[] env = new double[4096];
        private long[] wkbStart = new long[1025];
        private byte[] wkb = new byte[1 << 16];
        private long wkbSize;
        private int size;

        /**
         * Adds a polygon valid on days {@code [fromDay, toDay]} (epoch days; use
         * {@link Integer#MIN_VALUE}/{@link Integer#MAX_VALUE} for open ends) with a kind code.
         */
        public Builder add(String id, int fromDay, int toDay, int kind, Geometry plane) {
            if (size == ids.length) {
                int cap = size * 2;
                ids = Arrays.copyOf(ids, cap);
                this.fromDay = Arrays.copyOf(this.fromDay, cap);
                this.toDay = Arrays.copyOf(this.toDay, cap);
                this.kind = Arrays.copyOf(this.kind, cap);
                env = Arrays.copyOf(env, 4 * cap);
                wkbStart = Arrays.copyOf(wkbStart, cap + 1);
            }
            byte[] bytes = writer.write(plane);
            if (wkbSize + bytes.length > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("reference polygons exceed 2 GB of WKB");
            }
            if (wkbSize + bytes.length > wkb.length) {
                wkb = Arrays.copyOf(wkb, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(wkb.length * 2L, wkbSize + bytes.length)));
            }
            System.arraycopy(bytes, 0, wkb, (int) wkbSize, bytes.length);
            wkbStart[size] = wkbSize;
            wkbSize += bytes.length;
            Envelope e = plane.getEnvelopeInternal();
            env[4 * size] = e.getMinX();
            env[4 * size + 1] = e.getMinY();
            env[4 * size + 2] = e.getMaxX();
            env[4 * size + 3] = e.getMaxY();
            ids[size] = id;
            this.fromDay[size] = fromDay;
            this.toDay[size] = toDay;
            this.kind[size] = (byte) kind;
            size++;
            return this;
        }

        /**
         * Appends every polygon of {@code other} after this builder's, in {@code other}'s order: the
         * same as adding them here one by one, so builders filled in parallel (one per input split)
         * and appended in split order give the index a single builder would.
         */
        public Builder addAll(Builder other) {
            int n = size + other.size;
            if (n > ids.length) {
                ids = Arrays.copyOf(ids, n);
                fromDay = Arrays.copyOf(fromDay, n);
                toDay = Arrays.copyOf(toDay, n);
                kind = Arrays.copyOf(kind, n);
                env = Arrays.copyOf(env, 4 * n);
                wkbStart = Arrays.copyOf(wkbStart, n + 1);
            }
            if (wkbSize + other.wkbSize > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("reference polygons exceed 2 GB of WKB");
            }
            if (wkbSize + other.wkbSize > wkb.length) {
                wkb = Arrays.copyOf(wkb, (int) (wkbSize + other.wkbSize));
            }
            System.arraycopy(other.wkb, 0, wkb, (int) wkbSize, (int) other.wkbSize);
            for (int i = 0; i < other.size; i++) {
                wkbStart[size + i] = wkbSize + other.wkbStart[i];
            }
            System.arraycopy(other.ids, 0, ids, size, other.size);
            System.arraycopy(other.fromDay, 0, fromDay, size, other.size);
            System.arraycopy(other.toDay, 0, toDay, size, other.size);
            System.arraycopy(other.kind, 0, kind, size, other.size);
            System.arraycopy(other.env, 0, env, 4 * size, 4 * other.size);
            wkbSize += other.wkbSize;
            size = n;
            return this;
        }

        public int size() {
            return size;
        }

        public ReferencePolygons build() {
            return new ReferencePolygons(this);
        }
    }
}
