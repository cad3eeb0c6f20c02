package io.zhili.geo.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TileJsonTest {

    private static TileJson sample() {
        return new TileJson("cases", "Cases per H3 cell", List.of("{z}/{x}/{y}.mvt"), 10, 16,
                new double[] {120.1, 35.9, 120.6, 36.3}, new double[] {120.35, 36.1, 12},
                List.of(new TileJson.VectorLayer("cases", null, 10, 16, HexTileEncoder.FIELDS)),
                Map.of("format", "pbf"));
    }

    @Test
    void testWritesTheRequiredTileJson3Members(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cases/tilejson.json");
        sample().write(file);
        JsonNode n = new ObjectMapper().readTree(file.toFile());
        assertEquals("3.0.0", n.get("tilejson").asText());
        assertEquals("{z}/{x}/{y}.mvt", n.get("tiles").get(0).asText());
        assertEquals("xyz", n.get("scheme").asText());
        assertEquals(10, n.get("minzoom").asInt());
        assertEquals(16, n.get("maxzoom").asInt());
        assertEquals(4, n.get("bounds").size());
        assertEquals(12, n.get("center").get(2).asInt());
        JsonNode layer = n.get("vector_layers").get(0);
        assertEquals("cases", layer.get("id").asText());
        assertEquals("String", layer.get("fields").get("h3").asText());
        assertEquals("Number", layer.get("fields").get("gi_z").asText());
        assertEquals("pbf", n.get("format").asText());
    }

    @Test
    void testReadsBackWhatItWrote(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tilejson.json");
        sample().write(file);
        TileJson back = TileJson.read(file);
        assertEquals("cases", back.name());
        assertArrayEquals(new double[] {120.1, 35.9, 120.6, 36.3}, back.bounds(), 1e-9);
        assertEquals(HexTileEncoder.FIELDS, back.vectorLayers().get(0).fields());
        assertEquals("pbf", back.extra().get("format"));
        assertEquals(List.of("http://h/t/{z}/{x}/{y}.mvt"), back.withTiles(List.of("http://h/t/{z}/{x}/{y}.mvt")).tiles());
    }

    @Test
    void testRejectsMissingTilesAndBadZooms() {
        assertThrows(IllegalArgumentException.class, () -> new TileJson("x", null, List.of(), 0, 1, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new TileJson("x", null, List.of("a"), 5, 4, null, null, null, null));
    }
}
