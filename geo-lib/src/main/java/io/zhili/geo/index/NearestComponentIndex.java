package io.zhili.geo.index;

import io.zhili.geo.crs.Distances;
import io.zhili.geo.h3.H3Grid;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The nearest registered component of a given subclass to a point, within a radius: how a case
 * reported without a {@code component_id} ("manhole cover missing here") is attached to the
 * component it is about. Also the id → position lookup for cases that do carry an id.
 *
 * <p>Structure (chosen over one JTS STR-tree per class by the JMH benchmark
 * {@code io.zhili.bench.NearestComponentBenchmark}; see {@code docs/BENCHMARKS.md}): components are
 * bucketed by (subclass, H3 cell at {@link #DEFAULT_BUCKET_RESOLUTION}); a query looks up the buckets
 * of the query cell's k-ring, where k is the smallest ring that provably holds every point within
 * the radius (from the cell geometry measured on the data at build), and compares squared local metric
 * distances. Positions are indexes into the arrays given to {@link #build}; everything is primitive
 * arrays: about 62 bytes per component including the ids and classes, 113 MiB for 1.9 M components.
 *
 * <p>Distances are {@link Distances#meters}-accurate (local ellipsoidal flat earth). A query with
 * non-finite coordinates, a negative or NaN radius, or a class that has no component returns -1.
 * Ties at equal distance go to the lower id. Immutable and thread-safe after {@link #build}.
 */
public final class NearestComponentIndex {
    /** H3 resolution of the buckets: at res 10 (edge ~65 m around 36°N) a 30 m query reads one k=1 ring. */
    public static final int DEFAULT_BUCKET_RESOLUTION = 10;
    private static final int MAX_CLASS = 9999;
    /** Margin on the measured ring reach, for cells of the area that the sample missed. */
    private static final double SIZE_MARGIN = 0.05;

    private final long[] ids;
    private final int[] minorClass;
    private final LongPositions positions;
    private final H3Grid grid = H3Grid.get();
    private final int res;
    /** Mask of the unused low digits of a cell at {@link #res}; the class code is packed there. */
    private final long lowMask;
    /** Component positions sorted by bucket; each bucket is a contiguous run. */
    private final int[] order;
    /** Coordinates in {@link #order}, interleaved {lon, lat}: a bucket's candidates are read sequentially. */
    private final double[] sortedLonLat;
    /** Inverse of {@link #order}: where position p sits in the sorted arrays. */
    private final int[] rank;
    /**
     * Open-addressing bucket table, interleaved so that one probe touches one cache line:
     * {@code [2s]} the packed (cell, class) key (0 = empty), {@code [2s+1]} run start << 32 | run end.
     */
    private final long[] buckets;
    private final int bucketMask;
    private final boolean[] classPresent = new boolean[MAX_CLASS + 1];
    /**
     * Smallest distance, over a sample of the bucket cells, from a cell to the outside of its 1-ring
     * (about the edge length), less a margin: metres that one ring is guaranteed to reach.
     */
    private final double ringReach;

    private NearestComponentIndex(long[] ids, int[] minorClass, double[] lon, double[] lat, int res) {
        this.ids = ids;
        this.minorClass = minorClass;
        this.res = res;
        this.lowMask = (1L << (3 * (15 - res))) - 1;
        int n = ids.length;
        for (int i = 0; i < n; i++) {
            int c = minorClass[i];
            if (c < 0 || c > MAX_CLASS) {
                throw new IllegalArgumentException("component " + ids[i] + " at position " + i + ": class " + c + " is not a 4-digit code");
            }
            if (!(lon[i] >= -180 && lon[i] <= 180 && lat[i] >= -90 && lat[i] <= 90)) {
                throw new IllegalArgumentException("component " + ids[i] + " at position " + i + ": bad coordinates " + lon[i] + ", " + lat[i]);
            }
            classPresent[c] = true;
        }
        this.positions = LongPositions.of(ids);

        // Sort by (class, cell, position): a counting sort on class, then primitive sorts of
        // (compressed cell << positionBits | position) within each class.
        int positionBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
        int cellBits = 7 + 3 * res; // base cell + used digits
        if (cellBits + positionBits > 63) {
            throw new IllegalArgumentException("too many components (" + n + ") for bucket resolution " + res);
        }
        long[] cells = new long[n];
        IntStream.range(0, n).parallel().forEach(i -> cells[i] = grid.cell(lon[i], lat[i], res));
        int[] classStart = new int[MAX_CLASS + 2];
        for (int c : minorClass) {
            classStart[c + 1]++;
        }
        for (int c = 0; c <= MAX_CLASS; c++) {
            classStart[c + 1] += classStart[c];
        }
        int[] fill = Arrays.copyOf(classStart, MAX_CLASS + 1);
        long positionMask = (1L << positionBits) - 1;
        long[] sortKeys = new long[n];
        int shift = 3 * (15 - res);
        long cellMask = (1L << cellBits) - 1;
        for (int i = 0; i < n; i++) {
            sortKeys[fill[minorClass[i]]++] = (((cells[i] >>> shift) & cellMask) << positionBits) | i;
        }
        for (int c = 0; c <= MAX_CLASS; c++) {
            if (classStart[c + 1] - classStart[c] > 1) {
                Arrays.sort(sortKeys, classStart[c], classStart[c + 1]);
            }
        }
        order = new int[n];
        rank = new int[n];
        sortedLonLat = new double[2 * n];
        int bucketCount = 0;
        for (int i = 0; i < n; i++) {
            int p = (int) (sortKeys[i] & positionMask);
            order[i] = p;
            rank[p] = i;
            sortedLonLat[2 * i] = lon[p];
            sortedLonLat[2 * i + 1] = lat[p];
            if (i == 0 || (sortKeys[i] >>> positionBits) != (sortKeys[i - 1] >>> positionBits)
                    || minorClass[p] != minorClass[order[i - 1]]) {
                bucketCount++;
            }
        }
        int capacity = Integer.highestOneBit(Math.max(2, bucketCount) * 2 - 1) << 1;
        buckets = new long[2 * capacity];
        bucketMask = capacity - 1;
        for (int i = 0; i < n;) {
            int p = order[i];
            long key = bucketKey(cells[p], minorClass[p]);
            int j = i + 1;
            while (j < n && bucketKey(cells[order[j]], minorClass[order[j]]) == key) {
                j++;
            }
            int s = (int) LongPositions.mix(key) & bucketMask;
            while (buckets[2 * s] != 0) {
                s = (s + 1) & bucketMask;
            }
            buckets[2 * s] = key;
            buckets[2 * s + 1] = (long) i << 32 | j;
            i = j;
        }
        ringReach = measureRingReach(cells) * (1 - SIZE_MARGIN);
    }

    /**
     * Builds the index over components given as parallel arrays; position {@code i} of the index is
     * element {@code i} of the arrays. The index keeps {@code ids} and {@code minorClass} (do not
     * modify them afterwards) and copies the coordinates (the caller may drop {@code lon}, {@code lat}).
     *
     * @param ids component ids (the 16-digit codes as numbers), unique
     * @param minorClass each component's 4-digit subclass as a number (0103 -> 103)
     * @param lon WGS-84 longitudes, degrees
     * @param lat WGS-84 latitudes, degrees
     * @throws IllegalArgumentException for arrays of different lengths, a repeated id, a class outside
     *     0..9999 or coordinates out of range, naming the component
     */
    public static NearestComponentIndex build(long[] ids, int[] minorClass, double[] lon, double[] lat) {
        return build(ids, minorClass, lon, lat, DEFAULT_BUCKET_RESOLUTION);
    }

    /**
     * As {@link #build(long[], int[], double[], double[])} with buckets of H3 resolution
     * {@code bucketResolution} (5..10: the class code is packed into the cell's unused low digits,
     * which need at least 14 bits). Finer buckets suit smaller radii.
     */
    public static NearestComponentIndex build(long[] ids, int[] minorClass, double[] lon, double[] lat, int bucketResolution) {
        if (minorClass.length != ids.length || lon.length != ids.length || lat.length != ids.length) {
            throw new IllegalArgumentException("arrays differ in length: ids " + ids.length + ", classes " + minorClass.length
                    + ", lon " + lon.length + ", lat " + lat.length);
        }
        if (bucketResolution < 5 || bucketResolution > 10) {
            throw new IllegalArgumentException("bucket resolution must be 5..10 (room for the class code), got " + bucketResolution);
        }
        return new NearestComponentIndex(ids, minorClass, lon, lat, bucketResolution);
    }

    /**
     * The position of the nearest component of class {@code minorClass} within {@code radiusMeters}
     * (inclusive) of the point, or -1 when there is none. Ties go to the lower id.
     */
    public int nearest(double lon, double lat, int minorClass, double radiusMeters) {
        if (minorClass < 0 || minorClass > MAX_CLASS || !classPresent[minorClass] || !(radiusMeters >= 0)
                || !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            return -1;
        }
        long cell = grid.cell(lon, lat, res);
        int k = ringsFor(radiusMeters);
        double kx = Distances.metersPerDegreeLon(lat);
        double ky = Distances.metersPerDegreeLat(lat);
        double bestD2 = radiusMeters * radiusMeters;
        int best = -1;
        for (long c : grid.disk(cell, k)) {
            long key = bucketKey(c, minorClass);
            int s = (int) LongPositions.mix(key) & bucketMask;
            long stored;
            while ((stored = buckets[2 * s]) != 0 && stored != key) {
                s = (s + 1) & bucketMask;
            }
            if (stored == 0) {
                continue;
            }
            long run = buckets[2 * s + 1];
            for (int i = (int) (run >>> 32), end = (int) run; i < end; i++) {
                double dx = (sortedLonLat[2 * i] - lon) * kx;
                double dy = (sortedLonLat[2 * i + 1] - lat) * ky;
                double d2 = dx * dx + dy * dy;
                if (d2 < bestD2 || (d2 == bestD2 && (best < 0 || ids[order[i]] < ids[best]))) {
                    bestD2 = d2;
                    best = order[i];
                }
            }
        }
        return best;
    }

    /** The position of the component with this id, or -1. */
    public int position(long id) {
        return positions.position(id);
    }

    public long id(int pos) {
        return ids[pos];
    }

    public double lon(int pos) {
        return sortedLonLat[2 * rank[pos]];
    }

    public double lat(int pos) {
        return sortedLonLat[2 * rank[pos] + 1];
    }

    /** The 4-digit subclass as a number (0103 -> 103). */
    public int minorClass(int pos) {
        return minorClass[pos];
    }

    /** The number of components. */
    public int size() {
        return ids.length;
    }

    /** The H3 resolution of the buckets. */
    public int bucketResolution() {
        return res;
    }

    /**
     * The smallest ring k such that the k-ring of the query's cell holds every point within
     * {@code radius}. If every point within {@code ringReach} of a cell lies in its 1-ring, a straight
     * walk of k steps of at most {@code ringReach} each crosses at most one ring per step, so
     * {@code k = ceil(radius / ringReach)} rings suffice.
     */
    int ringsFor(double radius) {
        return Math.max(1, (int) Math.ceil(radius / ringReach));
    }

    private long bucketKey(long cell, int minorClass) {
        return (cell & ~lowMask) | minorClass;
    }

    /**
     * The smallest distance in metres from a cell to the outside of its 1-ring, over up to 256 cells
     * spread through the data (H3 cells are regular on the icosahedron, not on the ground: around
     * Qingdao a res-10 cell's edges run from 60 to 69 m).
     */
    private double measureRingReach(long[] cells) {
        if (cells.length == 0) {
            return 1;
        }
        double reach = Double.MAX_VALUE;
        int step = Math.max(1, cells.length / 256);
        for (int i = 0; i < cells.length; i += step) {
            long cell = cells[i];
            double[] origin = grid.center(cell);
            double kx = Distances.metersPerDegreeLon(origin[1]);
            double ky = Distances.metersPerDegreeLat(origin[1]);
            long[] ring = grid.disk(cell, 1);
            Polygon[] parts = new Polygon[ring.length];
            for (int j = 0; j < ring.length; j++) {
                parts[j] = toLocalMetres(grid.boundary(ring[j]), origin, kx, ky);
            }
            Geometry flower = UnaryUnionOp.union(METRIC.createMultiPolygon(parts));
            Geometry self = toLocalMetres(grid.boundary(cell), origin, kx, ky);
            reach = Math.min(reach, self.distance(flower.getBoundary()));
        }
        return reach;
    }

    private static final GeometryFactory METRIC = new GeometryFactory();

    private static Polygon toLocalMetres(Polygon lonLat, double[] origin, double kx, double ky) {
        Coordinate[] v = lonLat.getExteriorRing().getCoordinates();
        Coordinate[] m = new Coordinate[v.length];
        for (int j = 0; j < v.length; j++) {
            m[j] = new Coordinate((v[j].x - origin[0]) * kx, (v[j].y - origin[1]) * ky);
        }
        return METRIC.createPolygon(m);
    }
}
