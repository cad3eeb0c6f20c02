package io.zhili.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.jobs.tiles.HotspotCellsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TilesCommandTest {


    @Test
    void testTilesWritesRunJsonAndSuccessLast(@TempDir Path dir) throws Exception {
        Path hotspots = dir.resolve("hotspots");
        HotspotCellsFixture.write(hotspots, "2025-03", Instant.parse("2025-02-28T16:00:00Z"),
                HotspotCellsFixture.disks(new double[][] {{120.38, 36.07}}, 5, 20), Map.of("ALL", 1.0, "01", 0.5));
        Path out = dir.resolve("tiles");
        CliRun run = CliRun.of("tiles", "--hotspots", hotspots.toString(), "--out", out.toString(), "--min-zoom", "11",
                "--max-zoom", "13", "--category", "ALL,01", "--parallelism", "2");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("tiles: period 2025-03, category ALL"), run.out());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        JsonNode runJson = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("tiles", runJson.get("command").asText());
        assertEquals(2, runJson.get("sets").size());
        assertTrue(runJson.get("tiles_written").asLong() > 0);
        assertEquals(runJson.get("tiles_written").asLong(), runJson.get("sets").findValues("tiles").stream()
                .flatMap(t -> java.util.stream.StreamSupport.stream(t.spliterator(), false)).mapToLong(JsonNode::asLong).sum());
        assertTrue(Files.exists(out.resolve("sets/2025-03/01/cases/tilejson.json")));
    }

    @Test
    void testBadArgumentsAreOneLineMessagesWithNonZeroExit(@TempDir Path dir) throws Exception {
        CliRun zooms = CliRun.of("tiles", "--hotspots", dir.toString(), "--out", dir.resolve("t").toString(), "--min-zoom", "15",
                "--max-zoom", "12");
        assertEquals(2, zooms.exit());
        assertEquals("zhili tiles: zoom range 15..12 must lie within 0..20 with --min-zoom <= --max-zoom (try --help)",
                zooms.err().trim());
        CliRun category = CliRun.of("tiles", "--hotspots", dir.toString(), "--out", dir.resolve("t").toString(), "--category", "roads");
        assertEquals(2, category.exit());
        assertTrue(category.err().trim().startsWith("zhili tiles: category must be ALL"), category.err());
        CliRun missing = CliRun.of("tiles", "--hotspots", dir.resolve("nope").toString(), "--out", dir.resolve("t").toString());
        assertEquals(2, missing.exit());
        CliRun noTable = CliRun.of("tiles", "--hotspots", dir.toString(), "--out", dir.resolve("t").toString());
        assertEquals(1, noTable.exit());
        assertEquals(1, noTable.err().trim().lines().count(), noTable.err());
        assertTrue(noTable.err().contains("has no hotspot_cells/ folder"), noTable.err());
        CliRun serve = CliRun.of("serve", "--tiles", dir.toString());
        assertEquals(2, serve.exit());
        assertTrue(serve.err().contains("has no tilesets.json"), serve.err());
        Files.writeString(dir.resolve("tilesets.json"), "{}");
        CliRun both = CliRun.of("serve", "--tiles", dir.toString(), "--alerts", "a.jsonl", "--kafka", "localhost:9092");
        assertEquals(2, both.exit());
        assertEquals(1, both.err().trim().lines().count(), both.err());
    }
}
