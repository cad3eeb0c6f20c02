package io.zhili.geo.geojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class GeoJsonWriterTest {
    @TempDir
    Path dir;

    @Test
    void roundsToSevenDecimalsWithoutExponent() {
        assertEquals("120.3812346", GeoJsonWriter.round7(120.38123456));
        assertEquals("36.07", GeoJsonWriter.round7(36.07));
        assertEquals("-0.0000001", GeoJsonWriter.round7(-0.00000012));
        assertEquals("0", GeoJsonWriter.round7(-0.00000001));
        assertEquals("120", GeoJsonWriter.round7(120.0));
        assertEquals("-122.0553238", GeoJsonWriter.round7(-122.05532375));
    }

    @Test
    void writesOneFeaturePerLineInUtf8() throws IOException, ParseException {
        WKTReader wkt = new WKTReader();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("name", "市南区");
        props.put("truck_ids", List.of("鲁B12345"));
        props.put("valid_from", LocalDate.of(2025, 11, 1));
        props.put("corridor_m", 100);
        props.put("rate", 0.25);
        props.put("none", null);
        List<Feature> features = List.of(
                new Feature(0, "a1", wkt.read("POINT (120.38123456 36.07)"), props),
                new Feature(1, null, null, Map.of()));
        Path p = dir.resolve("out/areas.geojson");
        GeoJsonWriter.write(p, features);
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        assertEquals(List.of(
                "{\"type\":\"FeatureCollection\",\"features\":[",
                "{\"type\":\"Feature\",\"id\":\"a1\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.3812346,36.07]},"
                        + "\"properties\":{\"name\":\"市南区\",\"truck_ids\":[\"鲁B12345\"],\"valid_from\":\"2025-11-01\","
                        + "\"corridor_m\":100,\"rate\":0.25,\"none\":null}},",
                "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}}",
                "]}"), lines);
    }

    @Test
    void writesPolygonsWithRfc7946WindingAndReadsThemBack() throws IOException, ParseException {
        WKTReader wkt = new WKTReader();
        // Clockwise shell and counter-clockwise hole: the writer must flip both.
        Polygon p = (Polygon) wkt.read("POLYGON ((120 36, 120 36.1, 120.1 36.1, 120.1 36, 120 36),"
                + " (120.02 36.02, 120.04 36.02, 120.04 36.04, 120.02 36.04, 120.02 36.02))");
        Path file = dir.resolve("p.geojson");
        GeoJsonWriter.write(file, List.of(new Feature(0, 5L, p, Map.of("level", "grid"))));
        Feature back = GeoJsonReader.read(file).get(0);
        Polygon q = (Polygon) back.geometry();
        assertTrue(Orientation.isCCW(q.getExteriorRing().getCoordinateSequence()));
        assertTrue(!Orientation.isCCW(q.getInteriorRingN(0).getCoordinateSequence()));
        assertTrue(q.equalsTopo(p));
        assertEquals(5L, back.id());
        assertEquals("grid", back.string("level"));
    }

    @Test
    void roundTripsEveryGeometryType() throws IOException, ParseException {
        WKTReader wkt = new WKTReader();
        String[] wkts = {
            "LINESTRING (120.1 36.1, 120.2 36.2)",
            "MULTIPOINT ((120.1 36.1), (120.2 36.2))",
            "MULTILINESTRING ((120.1 36.1, 120.2 36.2), (120.3 36.3, 120.4 36.4))",
            "MULTIPOLYGON (((120 36, 120.1 36, 120.1 36.1, 120 36)), ((121 36, 121.1 36, 121.1 36.1, 121 36)))",
            "GEOMETRYCOLLECTION (POINT (120 36), LINESTRING (120 36, 121 37))",
        };
        for (int i = 0; i < wkts.length; i++) {
            Path file = dir.resolve("g" + i + ".geojson");
            GeoJsonWriter.write(file, List.of(new Feature(0, null, wkt.read(wkts[i]), Map.of())));
            assertTrue(GeoJsonReader.read(file).get(0).geometry().equalsExact(wkt.read(wkts[i])), wkts[i]);
        }
    }
}
