package io.zhili.geo.fence;

import io.zhili.geo.h3.H3Grid;
import java.util.Arrays;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Fast point-in-polygon test for one site or zone outline (lon/lat degrees).
 *
 * <p>At build time the polygon is covered with H3 cells of resolution {@value #CELL_RES} (edge about
 * 25 m) and the cells lying wholly inside are kept as a sorted {@code long[]}. A query whose cell is
 * one of them is inside without geometry; only points in boundary cells (or in polygons too small
 * for a whole cell) go to JTS's {@link IndexedPointInAreaLocator}. Points on the boundary count as
 * inside.
 *
 * <p>Immutable and thread-safe after construction (the locator's index is built eagerly).
 */
public final class PolygonFence {
    /** Resolution of the cells callers pass to {@link #contains(long, double, double)}. */
    public static final int CELL_RES = 11;

    private final Geometry polygonal;
    private final Envelope envelope;
    private final long[] interior;
    private final IndexedPointInAreaLocator locator;

    /**
     * @param polygonal a Polygon or MultiPolygon in lon/lat
     * @throws IllegalArgumentException when the geometry is not polygonal or is empty
     */
    public PolygonFence(Geometry polygonal) {
        if (polygonal == null || polygonal.isEmpty() || polygonal.getDimension() != 2) {
            throw new IllegalArgumentException("a fence needs a non-empty Polygon or MultiPolygon");
        }
        this.polygonal = polygonal;
        this.envelope = polygonal.getEnvelopeInternal();
        this.locator = new IndexedPointInAreaLocator(polygonal);
        locator.locate(new Coordinate(envelope.getMinX(), envelope.getMinY()));
        this.interior = interiorCells(polygonal);
    }

    private static long[] interiorCells(Geometry polygonal) {
        H3Grid grid = H3Grid.get();
        long[] cover = grid.cover(polygonal, CELL_RES);
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(polygonal);
        long[] inside = new long[cover.length];
        int n = 0;
        for (long cell : cover) {
            if (prepared.covers(grid.boundary(cell))) {
                inside[n++] = cell;
            }
        }
        return Arrays.copyOf(inside, n); // cover() is sorted, so is this
    }

    /**
     * True when the point is inside or on the boundary.
     *
     * @param cell the point's H3 cell at {@link #CELL_RES} (computed once per point by the caller)
     */
    public boolean contains(long cell, double lon, double lat) {
        if (lon < envelope.getMinX() || lon > envelope.getMaxX() || lat < envelope.getMinY() || lat > envelope.getMaxY()) {
            return false;
        }
        if (Arrays.binarySearch(interior, cell) >= 0) {
            return true;
        }
        return locator.locate(new Coordinate(lon, lat)) != Location.EXTERIOR;
    }

    /** True when the point is inside or on the boundary (computes the cell itself). */
    public boolean contains(double lon, double lat) {
        return contains(H3Grid.get().cell(lon, lat, CELL_RES), lon, lat);
    }

    public Envelope envelope() {
        return envelope;
    }

    public Geometry geometry() {
        return polygonal;
    }

    /** Number of cells answered without geometry. */
    public int interiorCellCount() {
        return interior.length;
    }
}
