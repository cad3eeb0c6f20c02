package io.zhili.geo.fence;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;

/**
 * Exact point-in-polygon test for one site or zone outline (lon/lat degrees): envelope first, then
 * JTS's {@link IndexedPointInAreaLocator}. Points on the boundary count as inside. Callers testing
 * many fences go through {@link FenceIndex}, whose raster answers most points without geometry.
 *
 * <p>Immutable and thread-safe after construction (the locator's index is built eagerly).
 */
public final class PolygonFence {
    private final Geometry polygonal;
    private final Envelope envelope;
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
        // The locator builds its index on first use; build it now so concurrent readers never race to.
        locator.locate(new Coordinate(envelope.getMinX(), envelope.getMinY()));
    }

    /** True when the point is inside or on the boundary. */
    public boolean contains(double lon, double lat) {
        if (lon < envelope.getMinX() || lon > envelope.getMaxX() || lat < envelope.getMinY() || lat > envelope.getMaxY()) {
            return false;
        }
        return locator.locate(new Coordinate(lon, lat)) != Location.EXTERIOR;
    }

    public Envelope envelope() {
        return envelope;
    }

    public Geometry geometry() {
        return polygonal;
    }
}
