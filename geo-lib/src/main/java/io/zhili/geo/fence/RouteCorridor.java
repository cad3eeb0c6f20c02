package io.zhili.geo.fence;

import io.zhili.geo.crs.Distances;
import io.zhili.geo.h3.H3Grid;
import java.util.Arrays;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * The corridor of a permit's route: distance in metres from a GPS point to the route, and a fast
 * "within {@code corridor_m}" test.
 *
 * <p>Distances are computed in a local metric plane (equirectangular at the route's mean latitude,
 * scaled by {@link Distances#metersPerDegreeLon}/{@link Distances#metersPerDegreeLat}); over a city
 * route of up to 50 km north–south the scale error stays under 0.4 %, i.e. under 0.4 m at a 100 m
 * corridor edge. At build time the corridor is covered with H3 cells of resolution
 * {@value PolygonFence#CELL_RES}; a cell is "interior" when all six of its vertices lie within the
 * corridor (distance to a line is convex, so then the whole hexagon does). A point in an interior
 * cell is within without any geometry; other points get the exact distance from JTS's
 * {@link IndexedFacetDistance} over the projected route.
 *
 * <p>Immutable and thread-safe after construction.
 */
public final class RouteCorridor {
    private static final GeometryFactory PLANE = new GeometryFactory();

    private final Route route;
    private final double lon0;
    private final double lat0;
    private final double kx;
    private final double ky;
    private final IndexedFacetDistance distance;
    private final long[] interior;

    public RouteCorridor(Route route) {
        this.route = route;
        Envelope env = route.line().getEnvelopeInternal();
        this.lon0 = (env.getMinX() + env.getMaxX()) / 2;
        this.lat0 = (env.getMinY() + env.getMaxY()) / 2;
        this.kx = Distances.metersPerDegreeLon(lat0);
        this.ky = Distances.metersPerDegreeLat(lat0);
        LineString projected = project(route.line());
        this.distance = new IndexedFacetDistance(projected);
        this.interior = interiorCells(projected);
    }

    public Route route() {
        return route;
    }

    /**
     * True when the point is at most {@code corridor_m} from the route.
     *
     * @param cell the point's H3 cell at {@link PolygonFence#CELL_RES}
     */
    public boolean within(long cell, double lon, double lat) {
        return Arrays.binarySearch(interior, cell) >= 0 || distanceMeters(lon, lat) <= route.corridorM();
    }

    /**
     * NaN when the point is within the corridor, else its distance to the route in metres
     * (greater than {@code corridor_m}). One call answers both questions the deviation rule asks.
     *
     * @param cell the point's H3 cell at {@link PolygonFence#CELL_RES}
     */
    public double distanceIfOutside(long cell, double lon, double lat) {
        if (Arrays.binarySearch(interior, cell) >= 0) {
            return Double.NaN;
        }
        double d = distanceMeters(lon, lat);
        return d <= route.corridorM() ? Double.NaN : d;
    }

    /** Distance in metres from the point to the nearest point of the route. */
    public double distanceMeters(double lon, double lat) {
        return distance.distance(PLANE.createPoint(new Coordinate((lon - lon0) * kx, (lat - lat0) * ky)));
    }

    /** Number of cells answered without geometry. */
    public int interiorCellCount() {
        return interior.length;
    }

    private LineString project(LineString line) {
        Coordinate[] cs = line.getCoordinates();
        Coordinate[] out = new Coordinate[cs.length];
        for (int i = 0; i < cs.length; i++) {
            out[i] = new Coordinate((cs[i].x - lon0) * kx, (cs[i].y - lat0) * ky);
        }
        return PLANE.createLineString(out);
    }

    private long[] interiorCells(LineString projected) {
        // Cover a lon/lat version of the corridor buffer, then keep the cells wholly inside.
        Geometry buffer = projected.buffer(route.corridorM(), 8);
        Geometry area = unproject(buffer, new GeometryFactory(route.line().getPrecisionModel(), H3Grid.SRID_WGS84));
        H3Grid grid = H3Grid.get();
        long[] cover = grid.cover(area, PolygonFence.CELL_RES);
        long[] inside = new long[cover.length];
        int n = 0;
        for (long cell : cover) {
            Coordinate[] vs = grid.boundary(cell).getCoordinates();
            boolean all = true;
            for (int i = 0; i < vs.length - 1 && all; i++) {
                all = distanceMeters(vs[i].x, vs[i].y) < route.corridorM();
            }
            if (all) {
                inside[n++] = cell;
            }
        }
        return Arrays.copyOf(inside, n);
    }

    private Geometry unproject(Geometry g, GeometryFactory wgs) {
        Geometry copy = wgs.createGeometry(g);
        copy.apply((CoordinateFilter) c -> {
            c.x = c.x / kx + lon0;
            c.y = c.y / ky + lat0;
        });
        copy.geometryChanged();
        return copy;
    }
}
