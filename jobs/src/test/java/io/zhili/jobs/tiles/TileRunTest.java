package io.zhili.jobs.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.parquet.GeoParquetWriter;
import io.zhili.geo.tiles.HexValue;
import io.zhili.geo.tiles.WebMercator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TileRunTest {
    private static final H3Grid H3 = H3Grid.get();
    static final double[][] CENTRES = {{120.38, 36.07}, {120.45, 36.12}};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path hotspots;

    @BeforeAll
    static void writeFixture() throws IOException {
        List<HotspotCellsFixture.Cell> base = HotspotCellsFixture.disks(CENTRES, 8, 40);
        Map<String, Double> categories = new LinkedHashMap<>();
        categories.put("ALL", 1.0);
        categories.put("01", 0.5);
        HotspotCellsFixture.write(hotspots, "2025-02", Instant.parse("2025-01-31T16:00:00Z"), base, categories);
        HotspotCellsFixture.write(hotspots, "2025-03", Instant.parse("2025-02-28T16:00:00Z"), base, categories);
    }

    static TileOptions options(int minZoom, int maxZoom) {
        return TileOptions.defaults().withZooms(minZoom, maxZoom).withParallelism(2)
                .withProgress(new PrintStream(new ByteArrayOutputStream()));
    }

    private static long count(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).count();
        }
    }

    private static JtsMvt decode(Path tile) throws IOException {
        return MvtReader.loadMvt(tile.toFile(), new GeometryFactory(), new TagKeyValueMapConverter(false, "id"),
                MvtReader.RING_CLASSIFIER_V2_1);
    }

    @Test
    void testWritesLayersFormatsAndTileJsonForTheLatestPeriod(@TempDir Path out) throws IOException {
        TileRun.Result result = TileRun.write(hotspots, out, options(10, 14));
        assertEquals(1, result.sets().size());
        TileRun.TileSet set = result.sets().get(0);
        assertEquals("2025-03", set.period(), "latest period by default");
        assertEquals("", set.path());
        for (String layer : TileRun.LAYERS) {
            for (int z = 10; z <= 14; z++) {
                assertTrue(count(out.resolve(layer + "/" + z), ".png") > 0, layer + " png at z" + z);
                assertTrue(count(out.resolve(layer + "/" + z), ".mvt") > 0, layer + " mvt at z" + z);
            }
            assertEquals(count(out.resolve(layer), ".png"), set.tiles().get(layer + ".png"));
            assertEquals(count(out.resolve(layer), ".mvt"), set.tiles().get(layer + ".mvt"));
        }
        JsonNode tj = JSON.readTree(out.resolve("cases/tilejson.json").toFile());
        assertEquals("3.0.0", tj.get("tilejson").asText());
        assertEquals("{z}/{x}/{y}.mvt", tj.get("tiles").get(0).asText());
        assertEquals("{z}/{x}/{y}.png", tj.get("raster_tiles").get(0).asText());
        assertEquals(10, tj.get("minzoom").asInt());
        assertEquals(14, tj.get("maxzoom").asInt());
        assertEquals("cases", tj.get("vector_layers").get(0).get("id").asText());
        JsonNode bounds = tj.get("bounds");
        assertTrue(bounds.get(0).asDouble() < 120.38 && bounds.get(2).asDouble() > 120.45, bounds.toString());
        assertEquals(7, tj.get("zhili").get("resolution_by_zoom").get("10").asInt());
        assertEquals(8, tj.get("zhili").get("resolution_by_zoom").get("12").asInt());
        assertEquals(9, tj.get("zhili").get("resolution_by_zoom").get("14").asInt());
        JsonNode index = JSON.readTree(out.resolve(TileRun.SETS_FILE).toFile());
        assertEquals("2025-03/ALL", index.get("default").asText());
    }

    @Test
    void testVectorTileHoldsTheCoarserRollupAtLowZoomAndBaseCellsAtHighZoom(@TempDir Path out) throws IOException {
        TileRun.write(hotspots, out, options(10, 14));
        double lon = CENTRES[0][0];
        double lat = CENTRES[0][1];
        long centre9 = H3.cell(lon, lat, 9);
        Path high = out.resolve("cases/14/" + WebMercator.tileX(lon, 14) + "/" + WebMercator.tileY(lat, 14) + ".mvt");
        boolean found = false;
        for (Geometry g : decode(high).getLayer("cases").getGeometries()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> a = (Map<String, Object>) g.getUserData();
            assertEquals(9L, ((Number) a.get("h3_res")).longValue());
            if (a.get("h3").equals(H3.address(centre9))) {
                found = true;
                assertEquals(40L, ((Number) a.get("cases")).longValue(), "the disk's centre has the peak");
                assertEquals("HOT_99", a.get("hot_class"));
            }
        }
        assertTrue(found, "the centre cell is in its z14 tile");
        Path low = out.resolve("cases/10/" + WebMercator.tileX(lon, 10) + "/" + WebMercator.tileY(lat, 10) + ".mvt");
        for (Geometry g : decode(low).getLayer("cases").getGeometries()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> a = (Map<String, Object>) g.getUserData();
            assertEquals(7L, ((Number) a.get("h3_res")).longValue(), "z10 shows the res-7 rollup");
        }
    }

    @Test
    void testCasesLayerLeavesOutEmptyCellsButGiLayerKeepsThem(@TempDir Path out) throws IOException {
        TileRun.write(hotspots, out, options(16, 16));
        // The rim of each disk has 0 cases: some z16 tiles show only rim cells, so gi has tiles cases lacks.
        long casesTiles = count(out.resolve("cases/16"), ".mvt");
        long giTiles = count(out.resolve("gi/16"), ".mvt");
        assertTrue(giTiles > casesTiles, "gi " + giTiles + " vs cases " + casesTiles);
        long rim = HotspotCellsFixture.disks(CENTRES, 8, 40).stream().filter(c -> c.cases() == 0).findFirst().orElseThrow().h3();
        double[] c = H3.center(rim);
        Path giTile = out.resolve("gi/16/" + WebMercator.tileX(c[0], 16) + "/" + WebMercator.tileY(c[1], 16) + ".mvt");
        assertTrue(Files.exists(giTile));
        boolean rimInCases = false;
        Path casesTile = out.resolve("cases/16/" + WebMercator.tileX(c[0], 16) + "/" + WebMercator.tileY(c[1], 16) + ".mvt");
        if (Files.exists(casesTile)) {
            for (Geometry g : decode(casesTile).getLayer("cases").getGeometries()) {
                rimInCases |= ((Map<?, ?>) g.getUserData()).get("h3").equals(H3.address(rim));
            }
        }
        assertFalse(rimInCases, "a cell without cases is not in the cases layer");
    }

    @Test
    void testSeveralPeriodsAndCategoriesBecomeSets(@TempDir Path out) throws IOException {
        TileOptions o = options(11, 12).withSelection(List.of("ALL", "01"), List.of("latest", "2025-02"), "ALL", HexValue.COUNT);
        TileRun.Result result = TileRun.write(hotspots, out, o);
        assertEquals(List.of("2025-03/ALL", "2025-03/01", "2025-02/ALL", "2025-02/01"),
                result.sets().stream().map(TileRun.TileSet::id).toList());
        assertTrue(Files.exists(out.resolve("cases/tilejson.json")));
        assertTrue(Files.exists(out.resolve("sets/2025-02/01/gi/tilejson.json")));
        assertTrue(count(out.resolve("sets/2025-03/01/cases/12"), ".png") > 0);
        JsonNode index = JSON.readTree(out.resolve(TileRun.SETS_FILE).toFile());
        assertEquals(4, index.get("sets").size());
        assertEquals("sets/2025-02/01", index.get("sets").get(3).get("path").asText());
    }

    @Test
    void testRerunRemovesStaleTiles(@TempDir Path out) throws IOException {
        TileRun.write(hotspots, out, options(12, 13));
        assertTrue(Files.isDirectory(out.resolve("cases/13")));
        Files.writeString(out.resolve("keep.txt"), "not ours");
        TileRun.write(hotspots, out, options(12, 12));
        assertFalse(Files.exists(out.resolve("cases/13")), "tiles of the earlier run are gone");
        assertTrue(Files.exists(out.resolve("keep.txt")), "other files are left alone");
    }

    @Test
    void testUnknownPeriodAndMissingTableAreOneLineErrors(@TempDir Path out) {
        TileOptions o = options(10, 10).withSelection(List.of("ALL"), List.of("2024-12"), "ALL", HexValue.COUNT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TileRun.write(hotspots, out, o));
        assertEquals("period '2024-12' is not in hotspot_cells (periods: 2025-02, 2025-03)", e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TileRun.write(out, out.resolve("t"), options(10, 10)));
        assertTrue(missing.getMessage().contains("has no hotspot_cells/ folder"), missing.getMessage());
        IllegalArgumentException category = assertThrows(IllegalArgumentException.class,
                () -> TileRun.write(hotspots, out, options(10, 10).withSelection(List.of("0102"), List.of("latest"), "ALL", HexValue.COUNT)));
        assertTrue(category.getMessage().startsWith("hotspot_cells has no usable rows for period 2025-03, category 0102"), category.getMessage());
    }

    @Test
    void testBadRowsAreCountedByReasonAndNotDrawn(@TempDir Path dir) throws IOException {
        long good = H3.cell(120.38, 36.07, 9);
        Path file = dir.resolve("hotspot_cells/period=2025-03/part-00000.parquet");
        try (GeoParquetWriter w = GeoParquetWriter.open(file, HotspotCellsFixture.SCHEMA)) {
            Instant t = Instant.parse("2025-02-28T16:00:00Z");
            w.write(H3.address(good), 9, t, "ALL", "ALL", 5L, 1L, 5.0, 2.0, 0.04, "HOT_95", H3.boundary(good));
            w.write("not-a-cell", 9, t, "ALL", "ALL", 5L, 1L, 5.0, 2.0, 0.04, "HOT_95", H3.boundary(good));
            w.write(H3.address(good), 8, t, "ALL", "ALL", 5L, 1L, 5.0, 2.0, 0.04, "HOT_95", H3.boundary(good));
            w.write(H3.address(H3.disk(good, 1)[1]), 9, t, "ALL", "ALL", 5L, 1L, null, 2.0, 0.04, "VERY_HOT", H3.boundary(good));
            w.write(H3.address(good), 9, t, "ALL", "ALL", 5L, 1L, 5.0, 2.0, 0.04, "HOT_95", H3.boundary(good));
            w.write(H3.address(good), 9, t, "05", "ALL", 5L, 1L, 5.0, 2.0, 0.04, "HOT_95", H3.boundary(good));
        }
        HotspotCellsReader.Selection s = HotspotCellsReader.read(dir, "2025-03", "ALL", "ALL");
        assertEquals(6, s.rowsRead());
        assertEquals(5, s.rowsSelected());
        assertEquals(1, s.cells());
        assertEquals(Map.of("h3 is not a valid H3 cell address", 1L, "h3_res does not match the cell's resolution", 1L,
                "hot_class is not one of HOT_99 … COLD_99, NOT_SIGNIFICANT", 1L, "cell repeated in the selection", 1L),
                s.rejected());
        assertNotNull(s.layers().get(9));
        assertEquals(5.0, s.layers().get(9).rate(0), 0);
    }

    @Test
    void testClassCategoriesNeedTheirKindAndGoToKindedSetFolders(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hotspots/hotspot_cells/period=2025-03/part-00000.parquet");
        long cell = H3.cell(120.38, 36.07, 9);
        try (GeoParquetWriter w = GeoParquetWriter.open(file, HotspotCellsFixture.SCHEMA)) {
            Instant t = Instant.parse("2025-02-28T16:00:00Z");
            w.write(H3.address(cell), 9, t, "ALL", "ALL", 9L, 2L, 4.5, 2.0, 0.04, "HOT_95", H3.boundary(cell));
            w.write(H3.address(cell), 9, t, "02", "COMPONENT", 3L, 2L, 1.5, 1.0, 0.3, "NOT_SIGNIFICANT", H3.boundary(cell));
        }
        Path out = dir.resolve("tiles");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TileRun.write(dir.resolve("hotspots"), out,
                options(12, 12).withSelection(List.of("02"), List.of("latest"), "ALL", HexValue.COUNT)));
        assertTrue(e.getMessage().endsWith("category 02 has rows of kind COMPONENT: name one, e.g. COMPONENT:02)"), e.getMessage());
        TileRun.Result r = TileRun.write(dir.resolve("hotspots"), out,
                options(12, 12).withSelection(List.of("ALL", "COMPONENT:02"), List.of("latest"), "ALL", HexValue.COUNT));
        assertEquals("2025-03/COMPONENT:02", r.sets().get(1).id());
        assertEquals("sets/2025-03/02-COMPONENT", r.sets().get(1).path());
        assertTrue(Files.exists(out.resolve("sets/2025-03/02-COMPONENT/cases/tilejson.json")));
        assertThrows(IllegalArgumentException.class,
                () -> options(12, 12).withSelection(List.of("TRUCK:02"), List.of("latest"), "ALL", HexValue.COUNT));
    }

    @Test
    void testNearestResolutionPrefersCoarserOnTies() {
        assertEquals(9, TileRun.nearest(7, java.util.Set.of(9)));
        assertEquals(8, TileRun.nearest(9, java.util.Set.of(8, 7)));
        assertEquals(7, TileRun.nearest(8, java.util.Set.of(7, 9)));
    }
}
