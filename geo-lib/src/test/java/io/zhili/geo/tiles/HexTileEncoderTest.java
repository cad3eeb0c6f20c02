package io.zhili.geo.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.stats.HotClass;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.junit.jupiter.api.Test;

/** Encodes hexagon tiles and decodes them again with the library's reader. */
class HexTileEncoderTest {
    private static final H3Grid H3 = H3Grid.get();
    private static final int Z = 14;

    private static JtsMvt decode(byte[] tile) throws IOException {
        return MvtReader.loadMvt(new ByteArrayInputStream(tile), new GeometryFactory(),
                new TagKeyValueMapConverter(false, "id"), MvtReader.RING_CLASSIFIER_V2_1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributes(Geometry g) {
        return (Map<String, Object>) g.getUserData();
    }

    @Test
    void testDecodedFeaturesCarryGeometryAndAttributes() throws IOException {
        long a = H3.cell(120.38, 36.07, 9);
        long b = H3.disk(a, 1)[1];
        HexLayer layer = HexLayer.builder()
                .add(a, 12, 40, 0.3, 2.75, 0.006, HotClass.HOT_99)
                .add(b, 0, 3, Double.NaN, -0.5, 0.62, HotClass.NOT_SIGNIFICANT)
                .build();
        double[] centre = H3.center(a);
        int x = WebMercator.tileX(centre[0], Z);
        int y = WebMercator.tileY(centre[1], Z);
        HexTileEncoder encoder = new HexTileEncoder();
        byte[] tile = encoder.encode("cases", layer, Z, x, y, new int[] {0, 1}, 0, 2);
        assertNotNull(tile);

        JtsMvt mvt = decode(tile);
        JtsLayer decoded = mvt.getLayer("cases");
        assertNotNull(decoded, "layer named cases");
        assertEquals(4096, decoded.getExtent());
        List<Geometry> features = new ArrayList<>(decoded.getGeometries());
        assertEquals(2, features.size());
        Map<String, Geometry> byH3 = new HashMap<>();
        for (Geometry g : features) {
            byH3.put((String) attributes(g).get("h3"), g);
        }
        Geometry first = byH3.get(H3.address(a));
        Map<String, Object> attrs = attributes(first);
        assertEquals(a, ((Number) attrs.get("id")).longValue(), "feature id is the H3 cell");
        assertEquals(9L, ((Number) attrs.get("h3_res")).longValue());
        assertEquals(12L, ((Number) attrs.get("cases")).longValue());
        assertEquals(40L, ((Number) attrs.get("components")).longValue());
        assertEquals(0.3, ((Number) attrs.get("rate")).doubleValue(), 0);
        assertEquals(2.75, ((Number) attrs.get("gi_z")).doubleValue(), 0);
        assertEquals(0.006, ((Number) attrs.get("gi_p")).doubleValue(), 0);
        assertEquals("HOT_99", attrs.get("hot_class"));
        Map<String, Object> second = attributes(byH3.get(H3.address(b)));
        assertFalse(second.containsKey("rate"), "a missing rate is left out");
        assertEquals("NOT_SIGNIFICANT", second.get("hot_class"));

        // Geometry: each vertex where the Web Mercator formulas put it, to the rounding of tile units.
        assertTrue(first instanceof Polygon);
        Coordinate[] got = first.getCoordinates();
        Coordinate[] lonLat = H3.boundary(a).getCoordinates();
        assertEquals(lonLat.length, got.length);
        for (Coordinate ll : lonLat) {
            double ex = (WebMercator.pixelX(ll.x, Z) / 256 - x) * 4096;
            double ey = (WebMercator.pixelY(ll.y, Z) / 256 - y) * 4096;
            boolean found = false;
            for (Coordinate c : got) {
                found |= Math.abs(c.x - ex) <= 0.5 + 1e-9 && Math.abs(c.y - ey) <= 0.5 + 1e-9;
            }
            assertTrue(found, "vertex " + ex + "," + ey + " in " + first);
        }
        assertEquals(H3.boundary(a).getArea() > 0, first.getArea() > 0);
        assertTrue(first.isValid());
    }

    @Test
    void testPolygonsAreClippedToTheBuffer() throws IOException {
        long big = H3.cell(120.38, 36.07, 6); // about 7 km across: far larger than a z14 tile (about 2 km)
        HexLayer layer = HexLayer.builder().add(big, 100, 0, Double.NaN, 0, 1, HotClass.NOT_SIGNIFICANT).build();
        double[] centre = H3.center(big);
        int x = WebMercator.tileX(centre[0], Z);
        int y = WebMercator.tileY(centre[1], Z);
        HexTileEncoder encoder = new HexTileEncoder(4096, 64);
        Geometry g = decode(encoder.encode("gi", layer, Z, x, y, new int[] {0}, 0, 1)).getLayer("gi")
                .getGeometries().iterator().next();
        Envelope env = g.getEnvelopeInternal();
        assertEquals(new Envelope(-64, 4160, -64, 4160), env, "the tile's centre cell covers the whole buffered tile");
        assertEquals(4224.0 * 4224.0, g.getArea(), 1e-6);
    }

    @Test
    void testPartlyCoveredTileIsClippedAtTheBufferEdgeOnly() throws IOException {
        long cell = H3.cell(120.38, 36.07, 8);
        HexLayer layer = HexLayer.builder().add(cell, 1, 0, Double.NaN, 0, 1, HotClass.NOT_SIGNIFICANT).build();
        TileCover cover = TileCover.of(layer, 16, new HexTileEncoder().bufferPixels());
        HexTileEncoder encoder = new HexTileEncoder();
        int clipped = 0;
        for (int t = 0; t < cover.tileCount(); t++) {
            byte[] tile = encoder.encode("cases", layer, cover, t);
            if (tile == null) {
                continue;
            }
            Envelope env = decode(tile).getLayer("cases").getGeometries().iterator().next().getEnvelopeInternal();
            assertTrue(env.getMinX() >= -64 && env.getMaxX() <= 4160 && env.getMinY() >= -64 && env.getMaxY() <= 4160, env.toString());
            if (env.getMinX() == -64 || env.getMaxX() == 4160 || env.getMinY() == -64 || env.getMaxY() == 4160) {
                clipped++;
            }
        }
        assertTrue(clipped > 0, "a res-8 cell spans several z16 tiles, so some are clipped");
    }

    @Test
    void testCellOutsideTheBufferedTileGivesNoTile() {
        long cell = H3.cell(120.38, 36.07, 9);
        HexLayer layer = HexLayer.builder().add(cell, 1, 0, Double.NaN, 0, 1, HotClass.NOT_SIGNIFICANT).build();
        double[] centre = H3.center(cell);
        int x = WebMercator.tileX(centre[0], Z) + 3;
        int y = WebMercator.tileY(centre[1], Z);
        assertNull(new HexTileEncoder().encode("cases", layer, Z, x, y, new int[] {0}, 0, 1));
    }
}
