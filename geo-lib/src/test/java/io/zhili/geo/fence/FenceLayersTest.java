package io.zhili.geo.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.geojson.GeoJsonException;
import io.zhili.geo.jt808.TerminalRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

class FenceLayersTest {
    private static final GeometryFactory GF = new GeometryFactory();
    @TempDir
    Path dir;

    private static Polygon box(double x0, double y0, double x1, double y1) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1),
                new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }

    @Test
    void routesSitesAndZonesRoundTripThroughGeoJson() throws Exception {
        Route r = new Route("QD-2025-0001", List.of("鲁B12345", "鲁B23456"), List.of("13912345678", "013912345679"), "S1", "D1",
                LocalDate.parse("2025-11-01"), LocalDate.parse("2025-11-30"), HoursWindow.parse("22:00-06:00"), 150,
                GF.createLineString(new Coordinate[] {new Coordinate(120.3, 36.1), new Coordinate(120.4, 36.15)}));
        Site s = new Site("S1", SiteKind.CONSTRUCTION, "青岛某工地", box(120.29, 36.09, 120.31, 36.11));
        Zone z = new Zone("Z1", ZoneKind.RESTRICTED, HoursWindow.parse("07:00-09:00,17:00-19:00"), box(120.35, 36.12, 120.36, 36.13));
        FenceLayers.writeRoutes(dir.resolve("routes.geojson"), List.of(r));
        FenceLayers.writeSites(dir.resolve("sites.geojson"), List.of(s));
        FenceLayers.writeZones(dir.resolve("zones.geojson"), List.of(z));

        Route back = FenceLayers.readRoutes(dir.resolve("routes.geojson")).get(0);
        assertEquals(r.permitId(), back.permitId());
        assertEquals(r.truckIds(), back.truckIds());
        assertEquals(r.terminalPhones(), back.terminalPhones());
        assertEquals(r.validFrom(), back.validFrom());
        assertEquals(r.validTo(), back.validTo());
        assertEquals(r.hours(), back.hours());
        assertEquals(150, back.corridorM());
        assertTrue(r.line().equalsExact(back.line(), 1e-7));
        Site sb = FenceLayers.readSites(dir.resolve("sites.geojson")).get(0);
        assertEquals("青岛某工地", sb.name());
        assertEquals(SiteKind.CONSTRUCTION, sb.kind());
        Zone zb = FenceLayers.readZones(dir.resolve("zones.geojson")).get(0);
        assertEquals("07:00-09:00,17:00-19:00", zb.hours().toString());

        TerminalRegistry reg = TerminalRegistry.fromRoutes(List.of(back));
        assertEquals("鲁B23456", reg.plate(13_912_345_679L));
    }

    @Test
    void corridorDefaultsToOneHundredMetres() throws Exception {
        Path f = write("routes.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{\"permit_id\":\"P\",\"truck_ids\":[\"鲁B1\"],\"site_id\":\"S\",\"disposal_id\":\"D\",\"valid_from\":\"2025-01-01\","
                + "\"valid_to\":\"2025-12-31\",\"hours\":\"22:00-06:00\"},\"geometry\":{\"type\":\"LineString\","
                + "\"coordinates\":[[120.3,36.1],[120.4,36.1]]}}]}");
        assertEquals(Route.DEFAULT_CORRIDOR_M, FenceLayers.readRoutes(f).get(0).corridorM());
    }

    @Test
    void routeWithPolygonGeometryNamesTheFeature() throws Exception {
        Path f = write("routes.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"P\","
                + "\"properties\":{\"permit_id\":\"P\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[120.3,36.1],[120.4,36.1],[120.4,36.2],[120.3,36.1]]]}}]}");
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> FenceLayers.readRoutes(f));
        assertTrue(e.getMessage().contains("feature #0") && e.getMessage().contains("LineString"), e.getMessage());
    }

    @Test
    void badHoursNamesFeatureAndProperty() throws Exception {
        Path f = write("zones.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{\"zone_id\":\"Z\",\"kind\":\"RESTRICTED\",\"hours\":\"7-9\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[120.3,36.1],[120.4,36.1],[120.4,36.2],[120.3,36.1]]]}}]}");
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> FenceLayers.readZones(f));
        assertTrue(e.getMessage().contains("'hours'") && e.getMessage().contains("7-9"), e.getMessage());
    }

    @Test
    void unknownSiteKindAndDuplicateIdsAreRejected() throws Exception {
        String feature = "{\"type\":\"Feature\",\"properties\":{\"site_id\":\"S\",\"kind\":\"%s\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[120.3,36.1],[120.4,36.1],[120.4,36.2],[120.3,36.1]]]}}";
        Path bad = write("a.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" + String.format(feature, "QUARRY") + "]}");
        assertTrue(assertThrows(GeoJsonException.class, () -> FenceLayers.readSites(bad)).getMessage().contains("QUARRY"));
        Path dup = write("b.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" + String.format(feature, "DISPOSAL") + ","
                + String.format(feature, "construction") + "]}");
        assertTrue(assertThrows(GeoJsonException.class, () -> FenceLayers.readSites(dup)).getMessage().contains("duplicate site_id"));
    }

    @Test
    void validToBeforeValidFromIsRejected() throws Exception {
        Path f = write("routes.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{\"permit_id\":\"P\",\"truck_ids\":[\"鲁B1\"],\"site_id\":\"S\",\"disposal_id\":\"D\",\"valid_from\":\"2025-12-01\","
                + "\"valid_to\":\"2025-11-30\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[120.3,36.1],[120.4,36.1]]}}]}");
        assertTrue(assertThrows(GeoJsonException.class, () -> FenceLayers.readRoutes(f)).getMessage().contains("before valid_from"));
    }

    private Path write(String name, String json) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }
}
