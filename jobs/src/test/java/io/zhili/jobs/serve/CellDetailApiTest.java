package io.zhili.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.h3.H3Grid;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/cell/{h3}} and {@code /api/cell/at} of a real {@link TileServer} over a hotspots directory
 * written in the contract's layout (hotspot_cells of three periods, forecast/cells, forecast/hour_of_week):
 * the JSON's figures, 404 for unknown and malformed cells, and files outside the directory never read.
 */
class CellDetailApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final H3Grid H3 = H3Grid.get();

    @TempDir
    static Path dir;
    static TileServer server;
    static CellDetails details;
    static HttpClient http;
    static long centre;
    /** A cell whose only rows lie in files outside the hotspots directory, reached through symbolic links. */
    static long outsider;

    @BeforeAll
    static void start() throws IOException {
        // The hotspot table as the tile tests write it (the centre cell with 40 cases in 2025-03); no tiles needed.
        Path hotspots = TileServerTest.writeHotspots(dir);
        Path tiles = Files.createDirectories(dir.resolve("tiles"));
        centre = H3.cell(TileServerTest.LON, TileServerTest.LAT, 9);
        LiveConsoleFixture.writeHistoryAndForecast(hotspots, centre);
        outsider = H3.cell(120.10, 36.30, 9);
        Path outside = dir.resolve("elsewhere");
        LiveConsoleFixture.writeCounts(outside, "2025-02", Instant.parse("2025-01-31T16:00:00Z"), "part-00000.parquet", outsider,
                Map.of("ALL|ALL", 99L));
        LiveConsoleFixture.writeForecast(outside, List.of(new LiveConsoleFixture.Forecast(outsider, "ALL", "ALL", 5, "2025-04",
                20, 10, 30)));
        Files.createSymbolicLink(hotspots.resolve("hotspot_cells/period=2025-02/part-00009.parquet"),
                outside.resolve("hotspot_cells/period=2025-02/part-00000.parquet"));
        Files.createSymbolicLink(hotspots.resolve("forecast/cells/part-00009.parquet"),
                outside.resolve("forecast/cells/part-00000.parquet"));
        details = CellDetails.load(hotspots, ClassCatalog.standard());
        server = new TileServer(tiles, null, new AlertHub(), TileServer.Options.loopback(0)).withCellDetails(details);
        server.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode category(JsonNode cell, String kind, String category) {
        for (JsonNode c : cell.get("categories")) {
            if (c.get("kind").asText().equals(kind) && c.get("category").asText().equals(category)) {
                return c;
            }
        }
        throw new AssertionError("no " + kind + ":" + category + " in " + cell);
    }

    @Test
    void testCellDetailHasCountsByCategoryTrendAndForecast() throws Exception {
        HttpResponse<String> r = get("/api/cell/" + H3.address(centre));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode cell = JSON.readTree(r.body());
        assertEquals(H3.address(centre), cell.get("h3").asText());
        assertEquals(9, cell.get("h3_res").asInt());
        assertEquals("[\"2025-01\",\"2025-02\",\"2025-03\"]", cell.get("periods").toString());
        assertEquals(7, cell.get("boundary").size(), "closed hexagon ring");
        // Counts by category and period, ALL first then by total; names from the catalog.
        List<String> order = new java.util.ArrayList<>();
        cell.get("categories").forEach(c -> order.add(c.get("kind").asText() + ":" + c.get("category").asText()));
        assertEquals(List.of("ALL:ALL", "EVENT:05", "COMPONENT:01"), order);
        for (Map.Entry<String, long[]> h : LiveConsoleFixture.HISTORY.entrySet()) {
            String[] kc = h.getKey().split("\\|");
            JsonNode c = category(cell, kc[0], kc[1]);
            long[] expected = h.getValue();
            assertEquals(JSON.valueToTree(expected).toString(), c.get("cases").toString(), h.getKey());
            assertEquals(expected[2], c.get("latest").asLong());
            assertEquals(expected[0] + expected[1] + expected[2], c.get("total").asLong());
        }
        assertEquals("街面秩序", category(cell, "EVENT", "05").get("name_zh").asText());
        assertEquals("公用设施", category(cell, "COMPONENT", "01").get("name_zh").asText());
        assertEquals("全部", category(cell, "ALL", "ALL").get("name_zh").asText());
        // The forecast of each category, as written.
        for (Object[] f : LiveConsoleFixture.FORECASTS) {
            JsonNode fc = category(cell, (String) f[0], (String) f[1]).get("forecast");
            assertEquals((double) f[2], fc.get("weekly_level").asDouble(), 1e-12);
            assertEquals("2025-04", fc.get("next_period").asText());
            assertEquals((double) f[3], fc.get("expected_next").asDouble(), 1e-12);
            assertEquals((double) f[4], fc.get("lower_90").asDouble(), 1e-12);
            assertEquals((double) f[5], fc.get("upper_90").asDouble(), 1e-12);
        }
        // Hour of week: ALL's weekly level times ALL's shares, hour by hour.
        JsonNode how = cell.get("hour_of_week");
        double[] shares = LiveConsoleFixture.shares();
        assertEquals(168, how.get("expected").size());
        double sum = 0;
        for (int h = 0; h < 168; h++) {
            assertEquals(9.6 * shares[h], how.get("expected").get(h).asDouble(), 1e-9, "hour " + h);
            sum += how.get("expected").get(h).asDouble();
        }
        assertEquals(9.6, sum, 1e-9, "a week of expected cases is the weekly level");
    }

    @Test
    void testCellWithoutForecastHasCountsOnly() throws Exception {
        long neighbour = H3.disk(centre, 1)[1];
        assertFalse(neighbour == centre);
        JsonNode cell = JSON.readTree(get("/api/cell/" + H3.address(neighbour)).body());
        JsonNode all = category(cell, "ALL", "ALL");
        assertEquals(0, all.get("cases").get(0).asInt(), "no row in 2025-01: zero");
        assertTrue(all.get("cases").get(2).asInt() > 0, all.toString());
        assertFalse(all.has("forecast"));
        assertTrue(cell.get("hour_of_week").isNull());
    }

    @Test
    void testPointLookupFindsTheBaseCell() throws Exception {
        HttpResponse<String> r = get("/api/cell/at?lon=" + TileServerTest.LON + "&lat=" + TileServerTest.LAT);
        assertEquals(200, r.statusCode());
        assertEquals(H3.address(centre), JSON.readTree(r.body()).get("h3").asText());
        assertEquals(400, get("/api/cell/at?lon=east&lat=36").statusCode());
        assertEquals(400, get("/api/cell/at?lon=200&lat=36").statusCode());
        assertEquals(404, get("/api/cell/at?lon=100.0&lat=20.0").statusCode(), "no data there");
    }

    @Test
    void testUnknownAndMalformedCellsAre404() throws Exception {
        String[] paths = {
            "/api/cell/" + H3.address(H3.cell(100.0, 20.0, 9)),   // valid cell, not in the run
            "/api/cell/" + H3.address(H3.parent(centre, 8)),      // a rollup resolution, not the base
            "/api/cell/" + H3.address(centre).toUpperCase(java.util.Locale.ROOT),
            "/api/cell/" + H3.address(centre) + "/x",
            "/api/cell/zzzzzzzzzzzzzzz",
            "/api/cell/..%2F..%2F..%2Fetc%2Fpasswd",
            "/api/cell/",
        };
        for (String p : paths) {
            HttpResponse<String> r = get(p);
            assertEquals(404, r.statusCode(), p + ": " + r.body());
            assertTrue(r.body().contains("\"error\""), r.body());
        }
    }

    @Test
    void testFilesOutsideTheDirectoryAreNotRead() throws Exception {
        assertEquals(404, get("/api/cell/" + H3.address(outsider)).statusCode(), "rows behind symbolic links leaving the directory");
        assertEquals(Long.valueOf(2), details.skipped().get("file outside the hotspots directory (symbolic link)"), details.skipped().toString());
        // The centre's 2025-02 count is the directory's own file's, not changed by the linked one.
        JsonNode all = category(JSON.readTree(get("/api/cell/" + H3.address(centre)).body()), "ALL", "ALL");
        assertEquals(31, all.get("cases").get(1).asInt());
    }

    @Test
    void testWithoutHotspotsTheEndpointIs404() throws Exception {
        try (TileServer plain = new TileServer(dir.resolve("tiles"), null, new AlertHub(), TileServer.Options.loopback(0))) {
            plain.start();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain.port()
                    + "/api/cell/" + H3.address(centre))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("no --hotspots given"), r.body());
        }
    }

    @Test
    void testMissingColumnIsAOneLineError(@TempDir Path other) throws IOException {
        Path hotspots = other.resolve("hotspots");
        LiveConsoleFixture.writeCounts(hotspots, "2025-01", Instant.parse("2024-12-31T16:00:00Z"), "part-00000.parquet", centre,
                Map.of("ALL|ALL", 3L));
        Path bad = hotspots.resolve("forecast/cells/part-00000.parquet");
        try (io.zhili.geo.parquet.GeoParquetWriter w = io.zhili.geo.parquet.GeoParquetWriter.open(bad,
                io.zhili.geo.parquet.TableSchema.builder().string("h3").string("category").string("kind").build())) {
            w.write(H3.address(centre), "ALL", "ALL");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CellDetails.load(hotspots, ClassCatalog.standard()));
        assertTrue(e.getMessage().endsWith("part-00000.parquet: column 'weekly_level' is missing"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> CellDetails.load(other.resolve("nothing"), ClassCatalog.standard()));
        assertFalse(none.getMessage().contains("\n"), none.getMessage());
    }
}
