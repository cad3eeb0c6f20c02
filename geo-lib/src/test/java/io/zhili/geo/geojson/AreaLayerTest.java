package io.zhili.geo.geojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AreaLayerTest {
    @TempDir
    Path dir;

    static final String AREAS = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[120.30,36.00],[120.40,36.00],[120.40,36.10],[120.30,36.10],[120.30,36.00]]]},
             "properties":{"area_id":"370202","name":"市南区","level":"district"}},
            {"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[
               [[[120.40,36.00],[120.50,36.00],[120.50,36.10],[120.40,36.10],[120.40,36.00]]],
               [[[120.60,36.00],[120.70,36.00],[120.70,36.10],[120.60,36.10],[120.60,36.00]]]]},
             "properties":{"area_id":"370212","name":"崂山区","level":"District"}},
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[120.31,36.01],[120.35,36.01],[120.35,36.05],[120.31,36.05],[120.31,36.01]],
               [[120.32,36.02],[120.33,36.02],[120.33,36.03],[120.32,36.03],[120.32,36.02]]]},
             "properties":{"area_id":"370202001","level":"street"}},
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[120.32,36.02],[120.33,36.02],[120.33,36.03],[120.32,36.03],[120.32,36.02]]]},
             "properties":{"area_id":"370202002","name":"inner","level":"street"}}
            ]}
            """;

    static Path write(Path dir, String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    @Test
    void readsAreasWithLevelsAndDefaultName() throws IOException {
        List<Area> areas = AreaLayer.read(write(dir, "areas.geojson", AREAS));
        assertEquals(4, areas.size());
        assertEquals(new Area("370202", "市南区", AreaLevel.DISTRICT, areas.get(0).geometry()), areas.get(0));
        assertEquals(AreaLevel.DISTRICT, areas.get(1).level());
        assertEquals("MultiPolygon", areas.get(1).geometry().getGeometryType());
        assertEquals("370202001", areas.get(2).name(), "name defaults to the id");
        assertEquals(AreaLevel.STREET, areas.get(3).level());
    }

    @Test
    void levelParsesTheThreeFileForms() {
        assertEquals(AreaLevel.GRID, AreaLevel.parse(" grid "));
        assertEquals("street", AreaLevel.STREET.label());
        assertEquals("area level must be district, street or grid, got 'county'",
                assertThrows(IllegalArgumentException.class, () -> AreaLevel.parse("county")).getMessage());
    }

    @Test
    void unknownLevelNamesTheFeature() throws IOException {
        Path p = write(dir, "a.geojson", AREAS.replace("\"level\":\"street\"}", "\"level\":\"county\"}"));
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> AreaLayer.read(p));
        assertEquals(p + ": feature #2: property 'level': area level must be district, street or grid, got 'county'", e.getMessage());
    }

    @Test
    void repeatedIdWithinLevelIsRejected() throws IOException {
        Path p = write(dir, "a.geojson", AREAS.replace("370212", "370202"));
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> AreaLayer.read(p));
        assertEquals(p + ": feature #1: area_id '370202' repeats feature #0 at level district", e.getMessage());
    }

    @Test
    void selfIntersectingPolygonIsRejectedWithThePlace() throws IOException {
        Path p = write(dir, "bow.geojson", """
                {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon",
                 "coordinates":[[[120.0,36.0],[120.1,36.1],[120.1,36.0],[120.0,36.1],[120.0,36.0]]]},
                 "properties":{"area_id":"g1","level":"grid"}}]}""");
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> AreaLayer.read(p));
        assertEquals(p + ": feature #0: area 'g1' has an invalid geometry: Self-intersection at 120.05 36.05", e.getMessage());
    }

    @Test
    void pointAreaAndMissingIdAreRejected() throws IOException {
        Path p = write(dir, "pt.geojson", """
                {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[120,36]},
                 "properties":{"area_id":"g1","level":"grid"}}]}""");
        assertTrue(assertThrows(GeoJsonException.class, () -> AreaLayer.read(p)).getMessage()
                .endsWith("area 'g1' must be a Polygon or MultiPolygon, got Point"));
        Path q = write(dir, "noid.geojson", """
                {"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"level":"grid"}}]}""");
        assertTrue(assertThrows(GeoJsonException.class, () -> AreaLayer.read(q)).getMessage()
                .endsWith("feature #0: property 'area_id' is missing"));
    }

    @Test
    void indexFindsTheContainingAreaPerLevel() throws IOException {
        AreaIndex index = new AreaIndex(AreaLayer.read(write(dir, "areas.geojson", AREAS)));
        assertEquals("370202", index.areaAt(AreaLevel.DISTRICT, 120.35, 36.05));
        assertEquals("370212", index.areaAt(AreaLevel.DISTRICT, 120.45, 36.05));
        assertEquals("370212", index.areaAt(AreaLevel.DISTRICT, 120.65, 36.05), "second part of the MultiPolygon");
        assertNull(index.areaAt(AreaLevel.DISTRICT, 120.55, 36.05), "between the MultiPolygon's parts");
        assertNull(index.areaAt(AreaLevel.GRID, 120.35, 36.05), "no grid level in the layer");
        assertNull(index.areaAt(AreaLevel.DISTRICT, Double.NaN, 36.05));
    }

    @Test
    void indexRespectsHolesAndResolvesSharedBoundaryToFirstListed() throws IOException {
        AreaIndex index = new AreaIndex(AreaLayer.read(write(dir, "areas.geojson", AREAS)));
        assertEquals("370202001", index.areaAt(AreaLevel.STREET, 120.315, 36.015));
        assertEquals("370202002", index.areaAt(AreaLevel.STREET, 120.325, 36.025), "inside the hole: the inner street");
        // On the border x = 120.40 both districts contain the point: the first listed wins.
        assertEquals("370202", index.areaAt(AreaLevel.DISTRICT, 120.40, 36.05));
        // The hole's edge belongs to both streets: again the first listed.
        assertEquals("370202001", index.areaAt(AreaLevel.STREET, 120.32, 36.025));
    }
}
