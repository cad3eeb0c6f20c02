package io.zhili.geo.tiles;

import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.stats.HotClass;
import java.util.Arrays;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * The hexagons of one tile layer with their figures, stored column by column: H3 cell, case and
 * component counts, rate, Gi* z and p and hot/cold class, plus each cell's outline pre-projected to
 * normalised Web Mercator coordinates (see {@link WebMercator}) so that every tile and zoom reuses it.
 *
 * <p>Cells are addressed by index {@code 0 … size()-1} in insertion order. A missing rate is
 * {@link Double#NaN}. Cells may be of any H3 resolution; a tile pyramid usually holds one layer per
 * resolution. Immutable once built, so safe to share between tile workers; the {@link Builder} is not
 * thread-safe.
 */
public final class HexLayer {
    private static final HotClass[] HOT_CLASSES = HotClass.values();

    private final long[] cells;
    private final long[] cases;
    private final long[] components;
    private final double[] rate;
    private final double[] giZ;
    private final double[] giP;
    private final byte[] hotClass;
    private final int[] vertexStart;
    private final double[] vertexX;
    private final double[] vertexY;
    private final double[] bounds;

    private HexLayer(Builder b) {
        int n = b.size;
        this.cells = Arrays.copyOf(b.cells, n);
        this.cases = Arrays.copyOf(b.cases, n);
        this.components = Arrays.copyOf(b.components, n);
        this.rate = Arrays.copyOf(b.rate, n);
        this.giZ = Arrays.copyOf(b.giZ, n);
        this.giP = Arrays.copyOf(b.giP, n);
        this.hotClass = Arrays.copyOf(b.hotClass, n);
        this.vertexStart = Arrays.copyOf(b.vertexStart, n + 1);
        this.vertexX = Arrays.copyOf(b.vertexX, b.vertexCount);
        this.vertexY = Arrays.copyOf(b.vertexY, b.vertexCount);
        this.bounds = b.lonLatBounds.clone();
    }

    private HexLayer(HexLayer src, int[] keep) {
        int n = keep.length;
        cells = new long[n];
        cases = new long[n];
        components = new long[n];
        rate = new double[n];
        giZ = new double[n];
        giP = new double[n];
        hotClass = new byte[n];
        vertexStart = new int[n + 1];
        int vertices = 0;
        for (int i : keep) {
            vertices += src.vertexCount(i);
        }
        vertexX = new double[vertices];
        vertexY = new double[vertices];
        bounds = new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        int v = 0;
        for (int k = 0; k < n; k++) {
            int i = keep[k];
            cells[k] = src.cells[i];
            cases[k] = src.cases[i];
            components[k] = src.components[i];
            rate[k] = src.rate[i];
            giZ[k] = src.giZ[i];
            giP[k] = src.giP[i];
            hotClass[k] = src.hotClass[i];
            int count = src.vertexCount(i);
            System.arraycopy(src.vertexX, src.vertexStart[i], vertexX, v, count);
            System.arraycopy(src.vertexY, src.vertexStart[i], vertexY, v, count);
            for (int j = v; j < v + count; j++) {
                double lon = WebMercator.lon(vertexX[j]);
                double lat = WebMercator.lat(vertexY[j]);
                bounds[0] = Math.min(bounds[0], lon);
                bounds[1] = Math.min(bounds[1], lat);
                bounds[2] = Math.max(bounds[2], lon);
                bounds[3] = Math.max(bounds[3], lat);
            }
            v += count;
            vertexStart[k + 1] = v;
        }
    }

    /** The cells for which {@code keep} is true, in the same order (outlines are copied, not recomputed). */
    public HexLayer where(java.util.function.IntPredicate keep) {
        int[] idx = java.util.stream.IntStream.range(0, size()).filter(keep).toArray();
        return new HexLayer(this, idx);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of cells. */
    public int size() {
        return cells.length;
    }

    public boolean isEmpty() {
        return cells.length == 0;
    }

    public long cell(int i) {
        return cells[i];
    }

    public long cases(int i) {
        return cases[i];
    }

    public long components(int i) {
        return components[i];
    }

    /** The rate, or NaN where the source had none. */
    public double rate(int i) {
        return rate[i];
    }

    public double giZ(int i) {
        return giZ[i];
    }

    public double giP(int i) {
        return giP[i];
    }

    public HotClass hotClass(int i) {
        return HOT_CLASSES[hotClass[i]];
    }

    /** Number of outline vertices of cell {@code i} (6, or 5 for a pentagon; more where a cell crosses an icosahedron edge). */
    public int vertexCount(int i) {
        return vertexStart[i + 1] - vertexStart[i];
    }

    /** Normalised Web Mercator x of vertex {@code v} of cell {@code i}. */
    public double vertexX(int i, int v) {
        return vertexX[vertexStart[i] + v];
    }

    /** Normalised Web Mercator y of vertex {@code v} of cell {@code i}. */
    public double vertexY(int i, int v) {
        return vertexY[vertexStart[i] + v];
    }

    /**
     * Bounds of all cell outlines as {@code {west, south, east, north}} in degrees, or null when the layer is
     * empty.
     */
    public double[] lonLatBounds() {
        return cells.length == 0 ? null : bounds.clone();
    }

    /**
     * Accumulates cells. Not thread-safe.
     */
    public static final class Builder {
        private final H3Grid h3 = H3Grid.get();
        private int size;
        private long[] cells = new long[64];
        private long[] cases = new long[64];
        private long[] components = new long[64];
        private double[] rate = new double[64];
        private double[] giZ = new double[64];
        private double[] giP = new double[64];
        private byte[] hotClass = new byte[64];
        private int[] vertexStart = new int[65];
        private int vertexCount;
        private double[] vertexX = new double[64 * 6];
        private double[] vertexY = new double[64 * 6];
        private final double[] lonLatBounds = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};

        private Builder() {
        }

        /**
         * Adds a cell with its figures.
         *
         * @param rate NaN when there is none
         * @throws IllegalArgumentException when {@code cell} is not a valid H3 cell or {@code hotClass} is null
         */
        public Builder add(long cell, long cases, long components, double rate, double giZ, double giP,
                HotClass hotClass) {
            if (hotClass == null) {
                throw new IllegalArgumentException("hot class of cell " + Long.toHexString(cell) + " is null");
            }
            Polygon outline = h3.boundary(cell);
            if (size == cells.length) {
                grow();
            }
            cells[size] = cell;
            this.cases[size] = cases;
            this.components[size] = components;
            this.rate[size] = rate;
            this.giZ[size] = giZ;
            this.giP[size] = giP;
            this.hotClass[size] = (byte) hotClass.ordinal();
            Coordinate[] ring = outline.getExteriorRing().getCoordinates();
            int vertices = ring.length - 1; // the ring repeats its first vertex
            if (vertexCount + vertices > vertexX.length) {
                vertexX = Arrays.copyOf(vertexX, Math.max(vertexX.length * 2, vertexCount + vertices));
                vertexY = Arrays.copyOf(vertexY, vertexX.length);
            }
            for (int v = 0; v < vertices; v++) {
                double lon = ring[v].x;
                double lat = ring[v].y;
                vertexX[vertexCount + v] = WebMercator.normX(lon);
                vertexY[vertexCount + v] = WebMercator.normY(lat);
                lonLatBounds[0] = Math.min(lonLatBounds[0], lon);
                lonLatBounds[1] = Math.min(lonLatBounds[1], lat);
                lonLatBounds[2] = Math.max(lonLatBounds[2], lon);
                lonLatBounds[3] = Math.max(lonLatBounds[3], lat);
            }
            vertexCount += vertices;
            size++;
            vertexStart[size] = vertexCount;
            return this;
        }

        /** Number of cells added so far. */
        public int size() {
            return size;
        }

        public HexLayer build() {
            return new HexLayer(this);
        }

        private void grow() {
            int n = cells.length * 2;
            cells = Arrays.copyOf(cells, n);
            cases = Arrays.copyOf(cases, n);
            components = Arrays.copyOf(components, n);
            rate = Arrays.copyOf(rate, n);
            giZ = Arrays.copyOf(giZ, n);
            giP = Arrays.copyOf(giP, n);
            hotClass = Arrays.copyOf(hotClass, n);
            vertexStart = Arrays.copyOf(vertexStart, n + 1);
        }
    }
}
