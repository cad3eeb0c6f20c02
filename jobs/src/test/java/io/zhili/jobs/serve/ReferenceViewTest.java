package io.zhili.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.jobs.trucks.ReferenceNightAccess;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's reference layers ({@code GET /api/reference}): the truck job's start sites and zones
 * with its update file applied at the requested time — the temporary zone of the test night is there
 * from 00:00 to 02:00 only, and the closed site is gone from 03:00.
 */
class ReferenceViewTest {
    @TempDir
    Path dir;

    @Test
    void theMapShowsTheZonesAndSitesInForceAtEachTime() throws Exception {
        Path updates = Files.write(dir.resolve("updates.jsonl"), ReferenceNightAccess.updates());
        ReferenceView view = new ReferenceView(ReferenceNightAccess.sites(dir), ReferenceNightAccess.zones(dir), updates);
        Files.createDirectories(dir.resolve("tiles"));
        try (TileServer server = new TileServer(dir.resolve("tiles"), null, new AlertHub(), TileServer.Options.loopback(0))) {
            server.withReference(view).start();
            assertEquals(List.of("Z-1"), ids(get(server, ReferenceNightAccess.at(23, 30)), "zones", "zone_id"));
            assertEquals(List.of("Z-1", "Z-TEMP"), ids(get(server, ReferenceNightAccess.at(0, 0)), "zones", "zone_id"));
            assertEquals(List.of("Z-1"), ids(get(server, ReferenceNightAccess.at(2, 0)), "zones", "zone_id"));
            assertEquals(List.of("S-1", "D-2"), ids(get(server, ReferenceNightAccess.at(2, 59)), "sites", "site_id"));
            assertEquals(List.of("S-1"), ids(get(server, ReferenceNightAccess.at(3, 0)), "sites", "site_id"));
        }
    }

    private static JsonNode get(TileServer server, long at) throws Exception {
        try (InputStream in = URI.create("http://127.0.0.1:" + server.port() + "/api/reference?at=" + at).toURL().openStream()) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<String> ids(JsonNode ref, String layer, String property) {
        List<String> ids = new ArrayList<>();
        ref.get(layer).get("features").forEach(f -> ids.add(f.get("properties").get(property).asText()));
        return ids;
    }
}
