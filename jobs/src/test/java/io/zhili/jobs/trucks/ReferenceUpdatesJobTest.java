package io.zhili.jobs.trucks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The truck job with reference updates on a MiniCluster: the night of {@link ReferenceNight} (a
 * permit issued at 23:00, one revoked at 01:00, a temporary zone 00:00–02:00, a site closed at 03:00)
 * gives exactly the alerts of the hand-worked episodes, whatever the order of the updates file; the
 * invalid updates are dead letters with their reasons and counted in run.json. Outputs are read back
 * with DuckDB.
 */
class ReferenceUpdatesJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;
    static Path routes;
    static Path sites;
    static Path zones;
    static Path gps;

    @BeforeAll
    static void night() throws Exception {
        routes = ReferenceNight.routes(dir);
        sites = ReferenceNight.sites(dir);
        zones = ReferenceNight.zones(dir);
        gps = Files.write(dir.resolve("gps.jsonl"), ReferenceNight.gps());
    }

    private static Path run(String name, List<String> updates) throws Exception {
        Path file = updates == null ? null : Files.write(dir.resolve(name + "-updates.jsonl"), updates);
        Path out = dir.resolve(name);
        new TruckRun(TruckRun.Input.file(gps), routes, sites, zones, out, TruckJobOptions.defaults(), 2)
                .withReferenceUpdates(file, null).execute();
        return out;
    }

    @Test
    void aNightOfChangesGivesTheAlertsOfTheLayersInForceAtEachReport() throws Exception {
        Path out = run("night", ReferenceNight.updates());
        assertEquals(ReferenceNight.expected(), alerts(out));

        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(13, run.at("/updates/read").asLong());
        assertEquals(5, run.at("/updates/applied").asLong());
        assertEquals(8, run.at("/updates/dead_letters").asLong());
        assertEquals(1, run.at("/updates/dead_letters_by_reason/BAD_UPDATE_JSON").asLong());
        assertEquals(1, run.at("/updates/dead_letters_by_reason/UNKNOWN_LAYER").asLong());
        assertEquals(1, run.at("/updates/dead_letters_by_reason/UNKNOWN_OP").asLong());
        assertEquals(1, run.at("/updates/dead_letters_by_reason/MISSING_ID").asLong());
        assertEquals(1, run.at("/updates/dead_letters_by_reason/BAD_EFFECTIVE_AT").asLong());
        assertEquals(1, run.at("/updates/dead_letters_by_reason/BAD_GEOMETRY").asLong());
        assertEquals(2, run.at("/updates/dead_letters_by_reason/INVALID_FEATURE").asLong());
        assertEquals(0, run.at("/updates/late").asLong());
        assertEquals(0, run.at("/gps/dead_letters").asLong());
        assertEquals(0, run.at("/points/late").asLong());
        assertEquals(ReferenceNight.gps().size(), run.at("/points/accepted").asLong());

        // Every invalid update is in dead_letter/ with its raw record and reason.
        List<String> invalid = ReferenceNight.updates().subList(5, 13);
        List<String> reasons = ReferenceNight.expectedUpdateReasons();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT raw, reason FROM read_parquet('" + out.resolve("dead_letter/*.parquet") + "')");
            List<String> seen = new ArrayList<>();
            while (rs.next()) {
                int i = invalid.indexOf(rs.getString(1));
                assertTrue(i >= 0, "unexpected dead letter " + rs.getString(1));
                assertTrue(rs.getString(2).startsWith(reasons.get(i) + ": "), rs.getString(2));
                seen.add(rs.getString(1));
            }
            assertEquals(invalid.size(), seen.size());
        }
    }

    @Test
    void theOrderOfTheUpdatesFileDoesNotMatter() throws Exception {
        List<String> reversed = new ArrayList<>(ReferenceNight.updates());
        Collections.reverse(reversed);
        assertEquals(ReferenceNight.expected(), alerts(run("reversed", reversed)));
    }

    @Test
    void withoutTheUpdatesTheNightIsJudgedAgainstTheStartLayers() throws Exception {
        // The control: the same night with the start layers only. A has no permit all along (one
        // OFF_HOURS, no deviation), B keeps its permit, nobody is in a zone, D-2 stays a site.
        List<ReferenceNight.Episode> alerts = alerts(run("static", null));
        assertEquals(List.of(new ReferenceNight.Episode("OFF_HOURS", ReferenceNight.A, null,
                ReferenceNight.at(22, 40, 0), ReferenceNight.at(23, 20, 0), 81)), alerts);
    }

    static List<ReferenceNight.Episode> alerts(Path out) throws Exception {
        List<ReferenceNight.Episode> alerts = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT rule, truck_id, permit_id, epoch_ms(start_ts), epoch_ms(end_ts), points FROM read_parquet('"
                    + out.resolve("alerts/*.parquet") + "') ORDER BY start_ts, truck_id");
            while (rs.next()) {
                alerts.add(new ReferenceNight.Episode(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getInt(6)));
            }
        }
        return alerts;
    }
}
