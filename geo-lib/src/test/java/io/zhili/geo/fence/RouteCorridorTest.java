package io.zhili.geo.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.crs.Distances;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

class RouteCorridorTest {
    private static final GeometryFactory GF = new GeometryFactory();
    /** Along the parallel 36.10N from 120.30E to 120.40E, then north-east to 120.45E 36.14N. */
    private static final Route ROUTE = route("P1", 100, new Coordinate(120.30, 36.10), new Coordinate(120.40, 36.10),
            new Coordinate(120.45, 36.14));
    private static final RouteCorridor CORRIDOR = new RouteCorridor(ROUTE);

    private static Route route(String id, double corridorM, Coordinate... line) {
        return new Route(id, List.of("鲁B1"), List.of(), "S", "D", LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-12-31"), HoursWindow.ALL_DAY, corridorM, GF.createLineString(line));
    }

    @Test
    void distanceNorthOfTheRouteIsMeridianArc() {
        // One degree of latitude at 36.1N is 110 960.9 m (meridian arc series
        // 111132.954 - 559.822 cos 2φ + 1.175 cos 4φ), so 0.001 degree is 110.96 m.
        assertEquals(110.96, CORRIDOR.distanceMeters(120.35, 36.101), 0.05);
    }

    @Test
    void distanceBeyondTheStartIsAlongTheParallel() {
        // One degree of longitude at 36.1N is 90 049.6 m (111412.84 cos φ - 93.5 cos 3φ + 0.118 cos 5φ).
        assertEquals(180.10, CORRIDOR.distanceMeters(120.298, 36.10), 0.1);
    }

    @Test
    void ninetyNineMetresIsWithinAndOneHundredAndOneIsNot() {
        double dLat = 1 / 110_960.9;
        assertTrue(CORRIDOR.within(120.35, 36.10 + 99 * dLat));
        double lat = 36.10 + 101 * dLat;
        assertFalse(CORRIDOR.within(120.35, lat));
        assertEquals(101, CORRIDOR.distanceIfOutside(120.35, lat, new int[] {RouteCorridor.NO_HINT}, 0), 0.1);
    }

    @Test
    void distancesEqualJtsIndexedFacetDistanceBitForBit() {
        // The corridor's own scan must give the value the JTS index gives over the same projected line,
        // so that no report changes its verdict at the corridor's edge.
        Route uTurn = route("P2", 100, new Coordinate(120.30, 36.10), new Coordinate(120.32, 36.10),
                new Coordinate(120.32, 36.10135), new Coordinate(120.30, 36.10135), new Coordinate(120.30, 36.10135));
        for (Route r : List.of(ROUTE, uTurn)) {
            RouteCorridor c = new RouteCorridor(r);
            Envelope env = r.line().getEnvelopeInternal();
            double lon0 = (env.getMinX() + env.getMaxX()) / 2;
            double lat0 = (env.getMinY() + env.getMaxY()) / 2;
            double kx = Distances.metersPerDegreeLon(lat0);
            double ky = Distances.metersPerDegreeLat(lat0);
            Coordinate[] cs = r.line().getCoordinates();
            Coordinate[] projected = new Coordinate[cs.length];
            for (int i = 0; i < cs.length; i++) {
                projected[i] = new Coordinate((cs[i].x - lon0) * kx, (cs[i].y - lat0) * ky);
            }
            LineString line = GF.createLineString(projected);
            IndexedFacetDistance jts = new IndexedFacetDistance(line);
            Random random = new Random(3);
            for (int k = 0; k < 20_000; k++) {
                double lon = env.getMinX() - 0.01 + (env.getWidth() + 0.02) * random.nextDouble();
                double lat = env.getMinY() - 0.01 + (env.getHeight() + 0.02) * random.nextDouble();
                double expected = jts.distance(GF.createPoint(new Coordinate((lon - lon0) * kx, (lat - lat0) * ky)));
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(c.distanceMeters(lon, lat)));
            }
        }
    }

    @Test
    void anyHintGivesTheAnswerOfAFullScan() {
        Route zigzag = route("P3", 60, new Coordinate(120.30, 36.10), new Coordinate(120.31, 36.102),
                new Coordinate(120.315, 36.098), new Coordinate(120.32, 36.1015), new Coordinate(120.33, 36.1),
                new Coordinate(120.33, 36.11), new Coordinate(120.30, 36.105));
        RouteCorridor c = new RouteCorridor(zigzag);
        Random random = new Random(5);
        int within = 0;
        int[] hints = new int[3];
        for (int k = 0; k < 50_000; k++) {
            double lon = 120.298 + 0.034 * random.nextDouble();
            double lat = 36.096 + 0.016 * random.nextDouble();
            double full = c.distanceMeters(lon, lat);
            hints[1] = random.nextInt(c.segmentCount() + 2) - 1; // NO_HINT, every segment, and one past the end
            double answer = c.distanceIfOutside(lon, lat, hints, 1);
            if (full <= 60) {
                assertTrue(Double.isNaN(answer), lon + "," + lat);
                assertTrue(c.distanceMeters(lon, lat) <= 60);
                within++;
            } else {
                assertEquals(Double.doubleToLongBits(full), Double.doubleToLongBits(answer), lon + "," + lat);
            }
            assertEquals(0, hints[0]);
            assertEquals(0, hints[2]);
        }
        assertTrue(within > 5_000, "within " + within);
    }

    @Test
    void theHintFollowsATruckAlongTheRoute() {
        int[] hints = {RouteCorridor.NO_HINT};
        // Driving east along the first leg, then up the second: the hint names the leg being driven.
        assertTrue(Double.isNaN(CORRIDOR.distanceIfOutside(120.35, 36.1001, hints, 0)));
        assertEquals(0, hints[0]);
        assertTrue(Double.isNaN(CORRIDOR.distanceIfOutside(120.42, 36.116, hints, 0)));
        assertEquals(1, hints[0]);
        // Leaving the corridor keeps the last good segment.
        assertTrue(CORRIDOR.distanceIfOutside(120.42, 36.13, hints, 0) > 100);
        assertEquals(1, hints[0]);
    }
}
