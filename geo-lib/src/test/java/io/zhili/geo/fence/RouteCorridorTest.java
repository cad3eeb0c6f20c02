package io.zhili.geo.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.h3.H3Grid;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

class RouteCorridorTest {
    private static final GeometryFactory GF = new GeometryFactory();
    /** Along the parallel 36.10N from 120.30E to 120.40E, then north-east to 120.45E 36.14N. */
    private static final Route ROUTE = new Route("P1", List.of("鲁B1"), List.of(), "S", "D", LocalDate.parse("2025-01-01"),
            LocalDate.parse("2025-12-31"), HoursWindow.ALL_DAY, 100,
            GF.createLineString(new Coordinate[] {new Coordinate(120.30, 36.10), new Coordinate(120.40, 36.10),
                    new Coordinate(120.45, 36.14)}));
    private static final RouteCorridor CORRIDOR = new RouteCorridor(ROUTE);

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
    void pointOnTheRouteIsWithinThroughAnInteriorCell() {
        long cell = H3Grid.get().cell(120.35, 36.10, PolygonFence.CELL_RES);
        assertTrue(CORRIDOR.within(cell, 120.35, 36.10));
        assertTrue(Double.isNaN(CORRIDOR.distanceIfOutside(cell, 120.35, 36.10)));
        assertTrue(CORRIDOR.interiorCellCount() > 1000, "a 16 km corridor of 200 m holds thousands of res-11 cells");
    }

    @Test
    void ninetyNineMetresIsWithinAndOneHundredAndOneIsNot() {
        double dLat = 1 / 110_960.9;
        assertTrue(CORRIDOR.within(H3Grid.get().cell(120.35, 36.10 + 99 * dLat, 11), 120.35, 36.10 + 99 * dLat));
        double lat = 36.10 + 101 * dLat;
        long cell = H3Grid.get().cell(120.35, lat, 11);
        assertFalse(CORRIDOR.within(cell, 120.35, lat));
        assertEquals(101, CORRIDOR.distanceIfOutside(cell, 120.35, lat), 0.1);
    }

    @Test
    void interiorCellsNeverAnswerWithinForAPointBeyondTheCorridor() {
        H3Grid grid = H3Grid.get();
        int checked = 0;
        for (double lon = 120.29; lon <= 120.46; lon += 0.0007) {
            for (double lat = 36.095; lat <= 36.145; lat += 0.00013) {
                long cell = grid.cell(lon, lat, PolygonFence.CELL_RES);
                boolean exact = CORRIDOR.distanceMeters(lon, lat) <= 100;
                assertEquals(exact, CORRIDOR.within(cell, lon, lat), lon + "," + lat);
                checked++;
            }
        }
        assertTrue(checked > 50_000);
    }
}
