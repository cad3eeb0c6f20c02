package io.zhili.geo.fence;

import io.zhili.geo.crs.Distances;
import org.locationtech.jts.algorithm.Distance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;

/**
 * The corridor of a permit's route: distance in metres from a GPS point to the route, and a fast
 * "within {@code corridor_m}" test.
 *
 * <p>Distances are computed in a local metric plane (equirectangular at the route's mean latitude,
 * scaled by {@link Distances#metersPerDegreeLon}/{@link Distances#metersPerDegreeLat}); over a city
 * route of up to 50 km north–south the scale error stays under 0.4 %, i.e. under 0.4 m at a 100 m
 * corridor edge. The distance to the route is the least {@link Distance#pointToSegment} over its
 * segments in that plane, the value JTS's {@code IndexedFacetDistance} gives.
 *
 * <p><b>Why a segment hint instead of an index.</b> A truck on its route reports every few seconds
 * from the segment it last reported from, or the next one. The caller keeps, per truck and permit,
 * the segment that last answered ({@link #NO_HINT} at first): one point-to-segment distance then
 * decides most reports, and only a truck that left the segment's corridor pays a scan of the route
 * (the neighbouring segments first). Being within the corridor of any one segment is within the
 * corridor, so the hint changes the cost, never the answer. Building a corridor is a projection of
 * the vertices: no H3 cover, no tree, so a city's thousands of permits load in milliseconds.
 *
 * <p>Immutable and thread-safe; hints belong to the caller.
 */
public final class RouteCorridor {
    /** A hint meaning "no segment answered yet". */
    public static final int NO_HINT = -1;

    private final Route route;
    private final double lon0;
    private final double lat0;
    private final double kx;
    private final double ky;
    /** Projected vertices (metres in the local plane): none or at least two, as in any JTS LineString. */
    private final Coordinate[] vertices;

    public RouteCorridor(Route route) {
        this.route = route;
        Envelope env = route.line().getEnvelopeInternal();
        this.lon0 = (env.getMinX() + env.getMaxX()) / 2;
        this.lat0 = (env.getMinY() + env.getMaxY()) / 2;
        this.kx = Distances.metersPerDegreeLon(lat0);
        this.ky = Distances.metersPerDegreeLat(lat0);
        this.vertices = project(route.line());
    }

    public Route route() {
        return route;
    }

    /** True when the point is at most {@code corridor_m} from the route. */
    public boolean within(double lon, double lat) {
        return Double.isNaN(distanceIfOutside(lon, lat, new int[] {NO_HINT}, 0));
    }

    /**
     * NaN when the point is within the corridor, else its distance to the route in metres (greater
     * than {@code corridor_m}). One call answers both questions the deviation rule asks.
     *
     * @param hints the caller's hints; {@code hints[slot]} is the segment that answered last time for
     *              this truck and permit, or {@link #NO_HINT}, and is set to the segment that answers now
     *              when the point is within
     */
    public double distanceIfOutside(double lon, double lat, int[] hints, int slot) {
        Coordinate p = new Coordinate((lon - lon0) * kx, (lat - lat0) * ky);
        double corridor = route.corridorM();
        int segments = vertices.length - 1;
        int hint = hints[slot];
        if (hint >= 0 && hint < segments) {
            // The hinted segment, then the ones after and before it: the truck moves on along the route.
            if (segment(p, hint) <= corridor) {
                return Double.NaN;
            }
            if (hint + 1 < segments && segment(p, hint + 1) <= corridor) {
                hints[slot] = hint + 1;
                return Double.NaN;
            }
            if (hint > 0 && segment(p, hint - 1) <= corridor) {
                hints[slot] = hint - 1;
                return Double.NaN;
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < segments; i++) {
            double d = segment(p, i);
            if (d <= corridor) {
                hints[slot] = i;
                return Double.NaN;
            }
            best = Math.min(best, d);
        }
        return best;
    }

    /** Distance in metres from the point to the nearest point of the route. */
    public double distanceMeters(double lon, double lat) {
        Coordinate p = new Coordinate((lon - lon0) * kx, (lat - lat0) * ky);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < vertices.length; i++) {
            best = Math.min(best, segment(p, i));
        }
        return best;
    }

    /** Number of segments of the route. */
    public int segmentCount() {
        return Math.max(0, vertices.length - 1);
    }

    private double segment(Coordinate p, int i) {
        return Distance.pointToSegment(p, vertices[i], vertices[i + 1]);
    }

    private Coordinate[] project(LineString line) {
        Coordinate[] cs = line.getCoordinates();
        Coordinate[] out = new Coordinate[cs.length];
        for (int i = 0; i < cs.length; i++) {
            out[i] = new Coordinate((cs[i].x - lon0) * kx, (cs[i].y - lat0) * ky);
        }
        return out;
    }
}
