package io.zhili.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.tiles.WebMercator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tile server must not give away: files of the tile directory that are not tiles or TileJSON
 * ({@code run.json} names absolute input paths), files reached through symbolic links that leave the
 * tree, percent-encoded traversals, CORS to origins nobody configured, and a {@code Host} header copied
 * into TileJSON that caches keep.
 */
class TileServerSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path tiles;
    static Path outside;
    static TileServer server;
    static HttpClient http;
    static String base;

    @BeforeAll
    static void start() throws IOException {
        tiles = TileServerTest.writeTiles(dir);
        // A private file outside the tree, shaped like a tile, reached through two kinds of links.
        outside = Files.createDirectories(dir.resolve("private/14/1"));
        Files.write(dir.resolve("private/14/1/1.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 's', 'e', 'c', 'r', 'e', 't'});
        Files.writeString(dir.resolve("private/tilejson.json"), "{\"tilejson\":\"3.0.0\",\"tiles\":[\"secret\"]}");
        Files.createSymbolicLink(tiles.resolve("escape"), dir.resolve("private"));
        Path tileDir = Files.createDirectories(tiles.resolve("cases/14/2"));
        Files.createSymbolicLink(tileDir.resolve("2.png"), dir.resolve("private/14/1/1.png"));
        // A link that stays inside the tree is fine.
        Path inside = tiles.resolve("cases/14/" + WebMercator.tileX(TileServerTest.LON, 14) + "/"
                + WebMercator.tileY(TileServerTest.LAT, 14) + ".png");
        Files.createDirectories(tiles.resolve("cases/14/3"));
        Files.createSymbolicLink(tiles.resolve("cases/14/3/3.png"), inside);
        // What zhili tiles writes beside the tiles: absolute paths of the inputs.
        Files.writeString(tiles.resolve("run.json"), "{\"command\":\"tiles\",\"hotspots\":\"/srv/private/hotspots\"}");
        Files.writeString(tiles.resolve("cases/notes.json"), "{\"secret\":true}");
        // The suspects layer's GeoJSON is published (the console draws it); the same name elsewhere is not.
        Files.createDirectories(tiles.resolve("suspects"));
        Files.writeString(tiles.resolve("suspects/suspects.json"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
        Files.writeString(tiles.resolve("cases/suspects.json"), "{\"secret\":true}");
        server = new TileServer(tiles, null, new AlertHub(), TileServer.Options.loopback(0));
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

    /** A raw HTTP/1.1 GET (java.net.http refuses to set Host); returns the whole response as text. */
    private static String rawGet(String path, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void testOnlyTilesTileJsonAndTheSetIndexAreServed() throws Exception {
        assertEquals(404, get("/tiles/run.json").statusCode(), "run.json names absolute input paths");
        assertEquals(404, get("/tiles/cases/notes.json").statusCode());
        assertEquals(404, get("/tiles/_SUCCESS").statusCode());
        assertEquals(200, get("/tiles/tilesets.json").statusCode());
        assertEquals(200, get("/tiles/cases/tilejson.json").statusCode());
        assertEquals(200, get("/tiles/suspects/suspects.json").statusCode());
        assertEquals(404, get("/tiles/cases/suspects.json").statusCode());
    }

    @Test
    void testSymlinksOutOfTheTreeAreNotFollowed() throws Exception {
        assertEquals(404, get("/tiles/cases/14/2/2.png").statusCode(), "a tile that links outside");
        assertEquals(404, get("/tiles/escape/14/1/1.png").statusCode(), "a folder that links outside");
        assertEquals(404, get("/tiles/escape/tilejson.json").statusCode());
        assertEquals(200, get("/tiles/cases/14/3/3.png").statusCode(), "a link inside the tree is served");
        assertEquals(404, get("/api/cell?set=&layer=cases&z=14&lon=0&lat=0").statusCode());
    }

    @Test
    void testEncodedTraversalsAre404() throws Exception {
        for (String path : new String[] {"/tiles/%2e%2e/private/14/1/1.png", "/tiles/..%2fprivate/14/1/1.png",
                "/tiles/%2E%2E%2Fprivate%2F14%2F1%2F1%2F1.png", "/tiles/cases/%2e%2e/%2e%2e/private/14/1/1.png",
                "/tiles/%252e%252e/private/14/1/1.png", "/tiles/cases/..%5c..%5cprivate/14/1/1.png",
                "/tiles/cases%00/14/1/1.png", "/tiles//etc/passwd", "/console/../../../../etc/passwd",
                "/console/%2e%2e/%2e%2e/etc/passwd"}) {
            HttpResponse<byte[]> r = get(path);
            assertEquals(404, r.statusCode(), path);
            assertFalse(new String(r.body(), StandardCharsets.ISO_8859_1).contains("secret"), path);
        }
        String raw = rawGet("/tiles/../private/14/1/1.png", "127.0.0.1");
        assertFalse(raw.startsWith("HTTP/1.1 200"), raw);
        assertFalse(raw.contains("secret"), raw);
        assertTrue(server.statusCounts().keySet().stream().noneMatch(k -> k.endsWith(" 500")), server.statusCounts().toString());
    }

    @Test
    void testNoCorsWithoutConfiguredOrigins() throws Exception {
        HttpResponse<byte[]> r = get("/tiles/cases/tilejson.json", "Origin", "https://evil.example");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), r.headers().map().toString());
    }

    @Test
    void testHostHeaderNeverReachesTileJson() throws Exception {
        String response = rawGet("/tiles/cases/tilejson.json", "evil.example:666");
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertFalse(response.contains("evil.example"), response);
        JsonNode tj = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertEquals("/tiles/cases/{z}/{x}/{y}.mvt", tj.get("tiles").get(0).asText());
        String etagA = header(response, "ETag");
        String etagB = header(rawGet("/tiles/cases/tilejson.json", "other.example"), "ETag");
        assertEquals(etagA, etagB, "one representation whatever the Host");
    }

    @Test
    void testConfiguredBaseUrlAndOrigins(@TempDir Path other) throws Exception {
        Path t = TileServerTest.writeTiles(other);
        try (TileServer s = new TileServer(t, null, new AlertHub(), TileServer.Options.loopback(0)
                .withBaseUrl("https://maps.example.org/zhili/").withCorsOrigins(Set.of("https://a.example", "http://b.example:8000")))) {
            s.start();
            String b = "http://127.0.0.1:" + s.port();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(b + "/tiles/cases/tilejson.json"))
                    .header("Origin", "http://b.example:8000").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("https://maps.example.org/zhili/tiles/cases/{z}/{x}/{y}.mvt",
                    JSON.readTree(r.body()).get("tiles").get(0).asText());
            assertEquals("http://b.example:8000", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            HttpResponse<byte[]> c = http.send(HttpRequest.newBuilder(URI.create(b + "/tiles/cases/tilejson.json"))
                    .header("Origin", "https://c.example").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertTrue(c.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }

    private static String header(String response, String name) {
        for (String line : response.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
            if (line.isEmpty()) {
                break;
            }
        }
        return null;
    }
}
