package io.zhili.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.tiles.WebMercator;
import io.zhili.jobs.tiles.HotspotCellsFixture;
import io.zhili.jobs.tiles.TileOptions;
import io.zhili.jobs.tiles.TileRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TileServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final H3Grid H3 = H3Grid.get();
    static final double LON = 120.38;
    static final double LAT = 36.07;
    /** The one origin the test server allows cross-origin reads from. */
    static final String ORIGIN = "https://gis.example.org";

    @TempDir
    static Path dir;
    static TileServer server;
    static AlertHub hub;
    static HttpClient http;
    static String base;

    /** Writes a hotspot fixture and its tiles (z12–14) under {@code dir}; returns the tiles folder. */
    static Path writeTiles(Path dir) throws IOException {
        Path hotspots = writeHotspots(dir);
        Path tiles = dir.resolve("tiles");
        TileRun.write(hotspots, tiles, TileOptions.defaults().withZooms(12, 14).withParallelism(2)
                .withProgress(new PrintStream(new ByteArrayOutputStream())));
        return tiles;
    }

    /**
     * Writes the hotspot fixture of {@link #writeTiles} ({@code DIR/hotspots}, period 2025-03, category ALL, a
     * res-9 disk of radius 6 around LON/LAT whose centre cell has 40 cases) without tiles; returns its folder.
     */
    static Path writeHotspots(Path dir) throws IOException {
        Path hotspots = dir.resolve("hotspots");
        HotspotCellsFixture.write(hotspots, "2025-03", Instant.parse("2025-02-28T16:00:00Z"),
                HotspotCellsFixture.disks(new double[][] {{LON, LAT}}, 6, 40), Map.of("ALL", 1.0));
        return hotspots;
    }

    @BeforeAll
    static void start() throws IOException {
        Path tiles = writeTiles(dir);
        Path areas = dir.resolve("areas.geojson");
        Files.writeString(areas, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{\"area_id\":\"370202\",\"name\":\"市南区\",\"level\":\"district\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[120.3,36.0],[120.5,36.0],[120.5,36.15],[120.3,36.15],[120.3,36.0]]]}}]}");
        hub = new AlertHub();
        server = new TileServer(tiles, areas, hub, TileServer.Options.loopback(0).withCorsOrigins(java.util.Set.of(ORIGIN)));
        server.start();
        base = "http://127.0.0.1:" + server.port();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String tilePath(String layer, int z, String ext) {
        return "/tiles/" + layer + "/" + z + "/" + WebMercator.tileX(LON, z) + "/" + WebMercator.tileY(LAT, z) + "." + ext;
    }

    @Test
    void testPngTileHasContentTypeEtagCacheControlAndCors() throws Exception {
        HttpResponse<byte[]> r = get(tilePath("cases", 14, "png"), "Origin", ORIGIN);
        assertEquals(200, r.statusCode());
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(ORIGIN, r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("Origin", r.headers().firstValue("Vary").orElse(""));
        assertEquals(TileServer.TILE_CACHE, r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals((byte) 0x89, r.body()[0]);
        assertEquals('P', r.body()[1]);
        String etag = r.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = get(tilePath("cases", 14, "png"), "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(200, get(tilePath("cases", 14, "png"), "If-None-Match", "\"other\"").statusCode());
    }

    @Test
    void testVectorTileContentType() throws Exception {
        HttpResponse<byte[]> r = get(tilePath("gi", 13, "mvt"));
        assertEquals(200, r.statusCode());
        assertEquals("application/vnd.mapbox-vector-tile", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().length > 20);
    }

    @Test
    void testMissingAndMalformedTilesAre404NeverServerErrors() throws Exception {
        assertEquals(404, get("/tiles/cases/14/0/0.png").statusCode());
        assertEquals(404, get("/tiles/cases/14/abc/1.mvt").statusCode());
        assertEquals(404, get("/tiles/cases/99/1/1.png").statusCode());
        assertEquals(404, get("/tiles/nolayer/14/1/1.png").statusCode());
        assertEquals(404, get("/tiles/../hotspots/hotspot_cells/period=2025-03/part-00000.parquet").statusCode());
        assertEquals(404, get("/tiles/%2e%2e/areas.geojson").statusCode());
        assertEquals(404, get("/tiles/cases/tilejson.json/../../run.json").statusCode());
        assertEquals(404, get("/tiles/").statusCode());
        assertEquals(404, get("/nothing-here").statusCode());
        assertTrue(server.statusCounts().keySet().stream().noneMatch(k -> k.endsWith(" 500")), server.statusCounts().toString());
    }

    @Test
    void testTileJsonHasRootRelativeUrlsOfThisServer() throws Exception {
        HttpResponse<byte[]> r = get("/tiles/cases/tilejson.json");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode tj = JSON.readTree(r.body());
        assertEquals("3.0.0", tj.get("tilejson").asText());
        assertEquals("/tiles/cases/{z}/{x}/{y}.mvt", tj.get("tiles").get(0).asText());
        assertEquals("/tiles/cases/{z}/{x}/{y}.png", tj.get("raster_tiles").get(0).asText());
        assertEquals("/tiles/gi/{z}/{x}/{y}.mvt", JSON.readTree(get("/tiles/gi/tilejson.json").body()).get("tiles").get(0).asText());
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/tiles/cases/tilejson.json", "If-None-Match", etag).statusCode());
        JsonNode sets = JSON.readTree(get("/tiles/tilesets.json").body());
        assertEquals("2025-03/ALL", sets.get("default").asText());
    }

    @Test
    void testPreflightAndMethods() throws Exception {
        HttpResponse<Void> options = http.send(HttpRequest.newBuilder(URI.create(base + "/tiles/cases/12/1/1.png"))
                .header("Origin", ORIGIN).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(204, options.statusCode());
        assertEquals("GET, HEAD, OPTIONS", options.headers().firstValue("Access-Control-Allow-Methods").orElse(""));
        HttpResponse<Void> foreign = http.send(HttpRequest.newBuilder(URI.create(base + "/tiles/cases/12/1/1.png"))
                .header("Origin", "https://evil.example").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Methods").isEmpty(), "no preflight for another origin");
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        HttpResponse<Void> post = http.send(HttpRequest.newBuilder(URI.create(base + "/tiles/cases/tilejson.json"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(405, post.statusCode());
    }

    @Test
    void testCellLookupReturnsTheFiguresUnderAPoint() throws Exception {
        HttpResponse<byte[]> r = get("/api/cell?set=&layer=cases&z=14&lon=" + LON + "&lat=" + LAT);
        assertEquals(200, r.statusCode());
        JsonNode cell = JSON.readTree(r.body());
        assertEquals(H3.address(H3.cell(LON, LAT, 9)), cell.get("h3").asText());
        assertEquals(40, cell.get("cases").asInt());
        assertEquals("HOT_99", cell.get("hot_class").asText());
        JsonNode coarse = JSON.readTree(get("/api/cell?layer=gi&z=12&lon=" + LON + "&lat=" + LAT).body());
        assertEquals(8, coarse.get("h3_res").asInt(), "z12 shows the res-8 rollup");
        assertEquals(404, get("/api/cell?layer=cases&z=14&lon=121.5&lat=37.5").statusCode());
        assertEquals(400, get("/api/cell?layer=cases&z=14&lon=x&lat=1").statusCode());
        assertEquals(404, get("/api/cell?layer=cases&set=../..&z=14&lon=1&lat=1").statusCode());
    }

    @Test
    void testConsoleVendoredLeafletAndAreas() throws Exception {
        HttpResponse<byte[]> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = new String(page.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(html.contains("/console/vendor/leaflet-1.9.4/leaflet.js"));
        assertTrue(!html.contains("://unpkg") && !html.contains("://cdn"), "no CDN");
        HttpResponse<byte[]> js = get("/console/vendor/leaflet-1.9.4/leaflet.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertEquals(200, get("/console/vendor/leaflet-1.9.4/images/marker-icon.png").statusCode());
        HttpResponse<byte[]> areas = get("/api/areas");
        assertEquals("application/geo+json", areas.headers().firstValue("Content-Type").orElse(""));
        assertTrue(new String(areas.body(), java.nio.charset.StandardCharsets.UTF_8).contains("市南区"));
    }

    @Test
    void testAlertStreamDeliversPublishedAlerts() throws Exception {
        hub.publish("{\"alert_id\":\"a-1\",\"rule\":\"SPEEDING\",\"truck_id\":\"鲁B12345\",\"start_ts\":\"2025-11-24T15:30:00Z\","
                + "\"lon\":120.38,\"lat\":36.07}");
        CompletableFuture<HttpResponse<Stream<String>>> f = http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/alerts/stream")).build(), HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> r = f.get(10, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> r.body()
                .filter(l -> l.startsWith("data:") && l.contains("ILLEGAL_DUMPING")).findFirst().orElse(null));
        // The backlog alert arrives first; a new one is pushed while the client is connected.
        long deadline = System.currentTimeMillis() + 5000;
        while (hub.clientCount() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        hub.publish("{\"alert_id\":\"a-2\",\"rule\":\"ILLEGAL_DUMPING\",\"truck_id\":\"鲁B00001\",\"start_ts\":1763998200000,"
                + "\"lon\":120.39,\"lat\":36.08}");
        String line = received.get(10, TimeUnit.SECONDS);
        assertNotNull(line);
        JsonNode alert = JSON.readTree(line.substring("data:".length()));
        assertEquals("鲁B00001", alert.get("truck_id").asText());
        assertEquals(1763998200000L, alert.get("start_ts").asLong());
        JsonNode recent = JSON.readTree(get("/api/alerts").body());
        assertEquals(1763998200000L - 1763998200000L + Instant.parse("2025-11-24T15:30:00Z").toEpochMilli(),
                recent.get("alerts").get(0).get("start_ts").asLong(), "ISO start_ts normalised to epoch ms");
    }
}
