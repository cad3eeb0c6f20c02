package io.zhili.geo.fence;

import io.zhili.geo.crs.Distances;
import io.zhili.geo.h3.H3Grid;
import java.util.Arrays;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
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
    /** Spacing of the centreline samples, metres: well under a res-11 cell's 43 m across. */
    private static final double SAMPLE_M = 15;
    /**
     * Metres a k-ring grows per ring at res 11, rounded down from the 37 m of 1.5 mean edges so
     * that the rings surely reach the corridor's edge.
     */
    private static final double RING_M = 30;

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

    /**
     * Cells wholly within the corridor. Candidates are the k-rings around the cells the route
     * passes through (k covers the corridor width), not an H3 polygon fill, whose cost grows with
     * the bounding box of a long diagonal route rather than with the corridor's area.
     */
    private long[] interiorCells(LineString projected) {
        H3Grid grid = H3Grid.get();
        long[] centre = new long[64];
        int n = 0;
        Coordinate[] cs = projected.getCoordinates();
        for (int i = 0; i + 1 < cs.length; i++) {
            double len = cs[i].distance(cs[i + 1]);
            int steps = Math.max(1, (int) Math.ceil(len / SAMPLE_M));
            for (int k = 0; k <= steps; k++) {
                double t = (double) k / steps;
                double x = cs[i].x + t * (cs[i + 1].x - cs[i].x);
                double y = cs[i].y + t * (cs[i + 1].y - cs[i].y);
                long cell = grid.cell(x / kx + lon0, y / ky + lat0, PolygonFence.CELL_RES);
                if (n == 0 || centre[n - 1] != cell) {
                    if (n == centre.length) {
                        centre = Arrays.copyOf(centre, 2 * n);
                    }
                    centre[n++] = cell;
                }
            }
        }
        long[] candidates = distinct(centre, n);
        int rings = (int) Math.ceil(route.corridorM() / RING_M) + 1;
        long[] all = new long[0];
        int m = 0;
        for (long c : candidates) {
            long[] disk = grid.disk(c, rings);
            if (m + disk.length > all.length) {
                all = Arrays.copyOf(all, Math.max(2 * all.length, m + disk.length));
            }
            System.arraycopy(disk, 0, all, m, disk.length);
            m += disk.length;
        }
        long[] cells = distinct(all, m);
        long[] inside = new long[cells.length];
        int k = 0;
        for (long cell : cells) {
            Coordinate[] vs = grid.boundary(cell).getCoordinates();
            boolean whole = true;
            for (int i = 0; i < vs.length - 1 && whole; i++) {
                whole = distanceMeters(vs[i].x, vs[i].y) < route.corridorM();
            }
            if (whole) {
                inside[k++] = cell;
            }
        }
        return Arrays.copyOf(inside, k);
    }

    private static long[] distinct(long[] values, int n) {
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (k == 0 || sorted[k - 1] != sorted[i]) {
                sorted[k++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, k);
    }
}
