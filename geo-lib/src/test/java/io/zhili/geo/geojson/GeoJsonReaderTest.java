package io.zhili.geo.geojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

class GeoJsonReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json, StandardCharsets.UTF_8);
        return p;
    }

    private static final String ROUTES = """
            {"type": "FeatureCollection", "name": "routes", "features": [
              {"type": "Feature", "id": "r1",
               "geometry": {"type": "LineString", "coordinates": [[120.30, 36.05, 12.5], [120.35, 36.08]]},
               "properties": {"permit_id": "P-1", "truck_ids": ["鲁B12345", "鲁B23456"], "valid_from": "2025-11-01",
                              "corridor_m": 80, "hours": "22:00-06:00", "district": 370202, "note": null}},
              {"type": "Feature", "id": 7,
               "geometry": {"type": "Polygon", "coordinates": [
                   [[120.0, 36.0], [120.1, 36.0], [120.1, 36.1], [120.0, 36.1], [120.0, 36.0]],
                   [[120.02, 36.02], [120.02, 36.04], [120.04, 36.04], [120.04, 36.02], [120.02, 36.02]]]},
               "properties": {"corridor_m": 12.5}},
              {"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [
                   [[[120.0, 36.0], [120.1, 36.0], [120.1, 36.1], [120.0, 36.0]]],
                   [[[121.0, 36.0], [121.1, 36.0], [121.1, 36.1], [121.0, 36.0]]]]},
               "properties": null},
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [120.38, 36.07]}, "properties": {}},
              {"type": "Feature", "geometry": null, "properties": {"name": "no geometry"}}
            ]}
            """;

    @Test
    void readsGeometriesInLonLatOrderWithSrid4326() throws IOException {
        List<Feature> fs = GeoJsonReader.read(file("routes.geojson", ROUTES));
        assertEquals(5, fs.size());
        LineString line = (LineString) fs.get(0).geometry();
        assertEquals(120.30, line.getCoordinateN(0).x, 0);
        assertEquals(36.05, line.getCoordinateN(0).y, 0);
        assertEquals(4326, line.getSRID());
        Polygon poly = (Polygon) fs.get(1).geometry();
        assertEquals(1, poly.getNumInteriorRing());
        assertEquals(0.01 - 0.0004, poly.getArea(), 1e-12);
        MultiPolygon multi = (MultiPolygon) fs.get(2).geometry();
        assertEquals(2, multi.getNumGeometries());
        assertEquals(120.38, ((Point) fs.get(3).geometry()).getX(), 0);
        assertNull(fs.get(4).geometry());
    }

    @Test
    void keepsIdsIndexesAndTypedProperties() throws IOException {
        List<Feature> fs = GeoJsonReader.read(file("routes.geojson", ROUTES));
        Feature r = fs.get(0);
        assertEquals(0, r.index());
        assertEquals("r1", r.id());
        assertEquals(7L, fs.get(1).id());
        assertNull(fs.get(2).id());
        assertEquals("P-1", r.string("permit_id"));
        assertEquals(List.of("鲁B12345", "鲁B23456"), r.strings("truck_ids"));
        assertEquals(LocalDate.of(2025, 11, 1), r.date("valid_from"));
        assertEquals(80.0, r.number("corridor_m"), 0);
        assertEquals(12.5, fs.get(1).number("corridor_m"), 0);
        assertEquals("370202", r.string("district"), "integral numbers read as codes");
        assertTrue(r.optString("note").isEmpty(), "null counts as missing");
        assertTrue(r.optNumber("speed").isEmpty());
        assertTrue(fs.get(2).properties().isEmpty(), "\"properties\": null gives an empty map");
    }

    @Test
    void missingPropertyMessageNamesFileFeatureAndProperty() throws IOException {
        Path p = file("routes.geojson", ROUTES);
        Feature r = GeoJsonReader.read(p).get(0);
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> r.string("site_id"));
        assertEquals(p + ": feature #0 (id \"r1\"): property 'site_id' is missing", e.getMessage());
    }

    @Test
    void wrongTypeMessageNamesTheValue() throws IOException {
        Path p = file("routes.geojson", ROUTES);
        Feature r = GeoJsonReader.read(p).get(0);
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> r.number("hours"));
        assertEquals(p + ": feature #0 (id \"r1\"): property 'hours' must be a number, got string \"22:00-06:00\"", e.getMessage());
        GeoJsonException d = assertThrows(GeoJsonException.class, () -> r.date("hours"));
        assertTrue(d.getMessage().endsWith("property 'hours' must be a date (YYYY-MM-DD), got \"22:00-06:00\""));
        GeoJsonException s = assertThrows(GeoJsonException.class, () -> r.strings("permit_id"));
        assertTrue(s.getMessage().contains("must be an array of strings"));
        Feature numbered = GeoJsonReader.read(p).get(1);
        GeoJsonException n = assertThrows(GeoJsonException.class, () -> numbered.string("x"));
        assertTrue(n.getMessage().contains("feature #1 (id 7)"), n.getMessage());
    }

    @Test
    void unclosedRingIsReportedWithTheFeature() throws IOException {
        Path p = file("zones.geojson", """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[120,36]},"properties":{}},
                 {"type":"Feature","id":"z2","geometry":{"type":"Polygon","coordinates":[[[120,36],[121,36],[121,37],[120,37]]]},"properties":{}}]}
                """);
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> GeoJsonReader.read(p));
        assertEquals(p + ": feature #1 (id \"z2\"): bad geometry: Polygon exterior ring is not closed (first position [120.0, 36.0] != last [120.0, 37.0])",
                e.getMessage());
    }

    @Test
    void latitudeFirstCoordinatesAreRejected() throws IOException {
        Path p = file("sites.geojson", """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[36.07,120.38],[36.08,120.39]]},"properties":{}}]}
                """);
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> GeoJsonReader.read(p));
        assertTrue(e.getMessage().contains("feature #0: bad geometry: LineString position 0 [36.07, 120.38] is outside"), e.getMessage());
    }

    @Test
    void malformedPositionAndUnknownTypeAreReported() throws IOException {
        Path p1 = file("a.geojson", """
                {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":["120",36]},"properties":{}}]}""");
        assertTrue(assertThrows(GeoJsonException.class, () -> GeoJsonReader.read(p1)).getMessage()
                .contains("Point position must be [lon, lat], got [\"120\",36]"));
        Path p2 = file("b.geojson", """
                {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Circle","coordinates":[120,36]},"properties":{}}]}""");
        assertTrue(assertThrows(GeoJsonException.class, () -> GeoJsonReader.read(p2)).getMessage()
                .endsWith("feature #0: bad geometry: unknown geometry type \"Circle\""));
    }

    @Test
    void notAFeatureCollectionOrBrokenJsonIsOneLineError() throws IOException {
        Path p1 = file("g.geojson", "{\"type\":\"Point\",\"coordinates\":[120,36]}");
        assertTrue(assertThrows(GeoJsonException.class, () -> GeoJsonReader.read(p1)).getMessage()
                .contains("expected \"type\": \"FeatureCollection\", got Point"));
        Path p2 = file("h.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",");
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> GeoJsonReader.read(p2));
        assertTrue(e.getMessage().startsWith(p2 + ": not valid JSON"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
