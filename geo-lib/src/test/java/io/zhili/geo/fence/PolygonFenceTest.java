package io.zhili.geo.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKTReader;

class PolygonFenceTest {
    private static final GeometryFactory GF = new GeometryFactory();

    private static Geometry wkt(String s) throws Exception {
        return new WKTReader(GF).read(s);
    }

    @Test
    void pointsInsideOutsideAndOnTheBoundary() throws Exception {
        PolygonFence f = new PolygonFence(wkt("POLYGON ((120.30 36.10, 120.31 36.10, 120.31 36.11, 120.30 36.11, 120.30 36.10))"));
        assertTrue(f.contains(120.305, 36.105));
        assertTrue(f.contains(120.30, 36.105), "boundary counts as inside");
        assertFalse(f.contains(120.3101, 36.105));
        assertFalse(f.contains(121.0, 37.0));
    }

    @Test
    void holeIsOutside() throws Exception {
        PolygonFence f = new PolygonFence(wkt("POLYGON ((120.30 36.10, 120.32 36.10, 120.32 36.12, 120.30 36.12, 120.30 36.10),"
                + " (120.305 36.105, 120.315 36.105, 120.315 36.115, 120.305 36.115, 120.305 36.105))"));
        assertFalse(f.contains(120.31, 36.11));
        assertTrue(f.contains(120.302, 36.11));
    }

    @Test
    void agreesWithJtsEverywhereOnAGrid() throws Exception {
        Geometry g = wkt("POLYGON ((120.30 36.10, 120.32 36.10, 120.325 36.115, 120.31 36.12, 120.30 36.11, 120.30 36.10))");
        PolygonFence f = new PolygonFence(g);
        for (double lon = 120.298; lon <= 120.327; lon += 0.00021) {
            for (double lat = 36.098; lat <= 36.122; lat += 0.00017) {
                Point p = GF.createPoint(new Coordinate(lon, lat));
                assertEquals(g.covers(p), f.contains(lon, lat), lon + "," + lat);
            }
        }
    }

    @Test
    void siteIndexFindsTheSiteAndZoneIndexHonoursHours() throws Exception {
        Geometry a = wkt("POLYGON ((120.30 36.10, 120.31 36.10, 120.31 36.11, 120.30 36.11, 120.30 36.10))");
        Geometry b = wkt("POLYGON ((120.40 36.20, 120.41 36.20, 120.41 36.21, 120.40 36.21, 120.40 36.20))");
        SiteIndex sites = new SiteIndex(List.of(new Site("S1", SiteKind.CONSTRUCTION, "", a), new Site("D1", SiteKind.DISPOSAL, "", b)));
        assertEquals(1, sites.siteAt(120.405, 36.205));
        assertEquals("D1", sites.site(1).siteId());
        assertEquals(-1, sites.siteAt(120.35, 36.15));

        ZoneIndex zones = new ZoneIndex(List.of(new Zone("Z", ZoneKind.RESTRICTED, HoursWindow.parse("07:00-09:00"), a)));
        long eight = java.time.OffsetDateTime.parse("2025-11-24T08:00:00+08:00").toInstant().toEpochMilli();
        assertEquals(0, zones.activeZoneAt(120.305, 36.105, eight));
        assertEquals(-1, zones.activeZoneAt(120.305, 36.105, eight + 3_600_000));
        assertEquals(0, zones.zoneAt(120.305, 36.105));
    }

    @Test
    void lineIsNotAFence() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new PolygonFence(wkt("LINESTRING (120.3 36.1, 120.4 36.1)")));
    }
}
