package io.zhili.jobs.trucks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.jt808.Jt808Encoder;
import io.zhili.geo.jt808.Jt808Version;
import io.zhili.geo.trucks.GpsJsonParser;
import io.zhili.geo.trucks.GpsPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The truck job on a MiniCluster over a hand-made trace whose outcome is known: one speeding
 * episode, a duplicate, three undecodable lines; the same trace as JT/T 808 frames gives the same
 * alert. Outputs are read back with DuckDB.
 */
class TruckMonitorJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;
    static Path routes;
    static Path sites;
    static Path zones;
    static List<String> trace;

    @BeforeAll
    static void world() throws Exception {
        routes = HandMadeWorld.routes(dir);
        sites = HandMadeWorld.sites(dir);
        zones = HandMadeWorld.zones(dir);
        // 60 s at 40 km/h, 60 s at 80 km/h (7 reports, the last one twice), 50 s at 40, a 20 s stop.
        trace = new HandMadeWorld.Trace(HandMadeWorld.T0, 120.33, 10)
                .drive(6, 40, 18, "CLOSED").drive(7, 80, 18, "CLOSED").duplicateLast()
                .drive(5, 40, 18, "CLOSED").drive(3, 0, 18, "CLOSED").lines;
    }

    private static Path run(String name, List<String> lines, GpsFormat format) throws Exception {
        Path gps = Files.write(dir.resolve(name + ".txt"), lines);
        Path out = dir.resolve(name);
        new TruckRun(TruckRun.Input.file(gps), routes, sites, zones, out,
                TruckJobOptions.defaults().withFormat(format), 2).execute();
        return out;
    }

    @Test
    void speedingEpisodeIsOneAlertAndBadRecordsAreDeadLetters() throws Exception {
        List<String> lines = new ArrayList<>(trace);
        lines.add(3, "not json at all");
        lines.add(8, "{\"truck_id\":\"鲁B00001\",\"ts\":1763949600000,\"lon\":120.3,\"lat\":95.0,\"speed_kmh\":10}");
        lines.add("{\"truck_id\":\"鲁B00001\",\"ts\":1763949600000,\"lon\":120.3}");
        Path out = run("json", lines, GpsFormat.JSON);

        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(25, run.at("/gps/read").asLong());
        assertEquals(3, run.at("/gps/dead_letters").asLong());
        assertEquals(1, run.at("/gps/dead_letters_by_reason/MALFORMED_JSON").asLong());
        assertEquals(1, run.at("/gps/dead_letters_by_reason/OUT_OF_RANGE").asLong());
        assertEquals(1, run.at("/gps/dead_letters_by_reason/MISSING_FIELD").asLong());
        assertEquals(21, run.at("/points/accepted").asLong());
        assertEquals(1, run.at("/points/duplicate").asLong());
        assertEquals(0, run.at("/points/late").asLong());
        assertEquals(1, run.at("/alerts/total").asLong());
        assertEquals(1, run.at("/alerts/by_rule/SPEEDING").asLong());

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT rule, truck_id, permit_id, epoch_ms(start_ts), epoch_ms(end_ts), points, "
                    + "geometry IS NOT NULL FROM read_parquet('" + out.resolve("alerts/*.parquet") + "')");
            assertTrue(rs.next());
            assertEquals("SPEEDING", rs.getString(1));
            assertEquals(HandMadeWorld.TRUCK, rs.getString(2));
            assertEquals("P-1", rs.getString(3));
            assertEquals(HandMadeWorld.T0 + 70_000, rs.getLong(4));
            assertEquals(HandMadeWorld.T0 + 130_000, rs.getLong(5));
            assertEquals(7, rs.getInt(6));
            assertTrue(!rs.next());
            rs = st.executeQuery("SELECT count(*), count(DISTINCT reason) FROM read_parquet('"
                    + out.resolve("dead_letter/*.parquet") + "') WHERE raw <> ''");
            rs.next();
            assertEquals(3, rs.getLong(1));
            assertEquals(3, rs.getLong(2));
        }
    }

    @Test
    void jt808FramesOfTheSameTraceGiveTheSameAlert() throws Exception {
        Jt808Encoder encoder = new Jt808Encoder();
        List<String> frames = new ArrayList<>();
        int serial = 0;
        for (String line : trace) {
            GpsPoint p = GpsJsonParser.parse(line).point();
            frames.add(encoder.encodeLocationHex(p, Long.parseLong(HandMadeWorld.PHONE), serial++, Jt808Version.V2013));
        }
        frames.add("7e0200zz7e");
        Path out = run("jt808", frames, GpsFormat.JT808);

        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(23, run.at("/gps/read").asLong());
        assertEquals(1, run.at("/gps/dead_letters_by_reason/BAD_HEX").asLong());
        assertEquals(1, run.at("/points/duplicate").asLong());
        assertEquals(1, run.at("/alerts/by_rule/SPEEDING").asLong());
        assertEquals(1, run.at("/alerts/total").asLong());
    }

    @Test
    void badInputCorpusNeverFailsTheJobAndEveryRecordIsAccountedFor() throws Exception {
        List<String> corpus = List.of(
                "", "{", "[1,2,3]", "{\"truck_id\":\"鲁B00001\"}", "null",
                "{\"truck_id\":\"鲁B00001\",\"ts\":1763949600000,\"lon\":\"NaN\",\"lat\":36.1,\"speed_kmh\":10}",
                "{\"truck_id\":\"鲁B00001\",\"ts\":1763949600000,\"lon\":NaN,\"lat\":36.1,\"speed_kmh\":10}",
                "{\"truck_id\":\"鲁B00001\",\"ts\":1763949600000,\"lon\":181.0,\"lat\":36.1,\"speed_kmh\":10}",
                "{\"truck_id\":\"鲁B00001\",\"ts\":1763949600000,\"lon\":120.3,\"lat\":36.1,\"speed_kmh\":-4}",
                "{\"truck_id\":\"鲁B00001\",\"ts\":\"yesterday\",\"lon\":120.3,\"lat\":36.1,\"speed_kmh\":10}",
                "{\"truck_id\":\"鲁B00001\",\"ts\":1763949600000,\"lon\":120.3,\"lat\":36.1,\"speed_kmh\":10,\"lid\":\"HALF\"}",
                "\u0000\u0001binary garbage\u00ff");
        List<String> lines = new ArrayList<>(trace);
        for (int i = 0; i < corpus.size(); i++) {
            lines.add(1 + 2 * i, corpus.get(i));
        }
        Path out = run("bad-json", lines, GpsFormat.JSON);
        assertEverythingCounted(out, lines.size(), corpus.size());
    }

    @Test
    void badJt808FramesNeverFailTheJobAndEveryRecordIsAccountedFor() throws Exception {
        Jt808Encoder encoder = new Jt808Encoder();
        List<String> frames = new ArrayList<>();
        int serial = 0;
        for (String line : trace) {
            GpsPoint p = GpsJsonParser.parse(line).point();
            frames.add(encoder.encodeLocationHex(p, Long.parseLong(HandMadeWorld.PHONE), serial++, Jt808Version.V2013));
        }
        String good = frames.get(0);
        byte[] bytes = java.util.HexFormat.of().parseHex(good);
        bytes[bytes.length - 2] ^= 0x5a;
        String badChecksum = java.util.HexFormat.of().withUpperCase().formatHex(bytes);
        List<String> corpus = List.of(
                badChecksum,
                good.substring(0, 30) + "7E",                 // truncated header
                good.substring(0, good.length() - 12) + "7E",  // truncated body
                "7E7D03" + good.substring(2),                  // 0x7d followed by 0x03
                good.substring(2),                             // no opening 0x7e
                good.substring(0, 7),                          // odd number of hex digits
                "7E02XX7E",                                    // not hex
                "");
        List<String> lines = new ArrayList<>(frames);
        for (int i = 0; i < corpus.size(); i++) {
            lines.add(1 + 2 * i, corpus.get(i));
        }
        Path out = run("bad-jt808", lines, GpsFormat.JT808);
        JsonNode run = assertEverythingCounted(out, lines.size(), corpus.size());
        for (String reason : List.of("BAD_CHECKSUM", "TRUNCATED", "BAD_ESCAPE", "BAD_FRAME", "BAD_HEX")) {
            assertTrue(run.at("/gps/dead_letters_by_reason/" + reason).asLong() >= 1, reason + " in " + run.get("gps"));
        }
    }

    /** read = decoded + dead-lettered, every decoded report reached the rules, the trace still alerts once. */
    private static JsonNode assertEverythingCounted(Path out, int read, int bad) throws Exception {
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        JsonNode points = run.get("points");
        long processed = points.get("accepted").asLong() + points.get("duplicate").asLong()
                + points.get("jump").asLong() + points.get("out_of_order").asLong() + points.get("late").asLong();
        System.out.printf("%s: read %d, processed %d, dead letters %d%n", out.getFileName(),
                run.at("/gps/read").asLong(), processed, run.at("/gps/dead_letters").asLong());
        assertEquals(read, run.at("/gps/read").asLong());
        assertEquals(bad, run.at("/gps/dead_letters").asLong());
        assertEquals(read, processed + run.at("/gps/dead_letters").asLong());
        assertEquals(1, run.at("/alerts/by_rule/SPEEDING").asLong());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + out.resolve("dead_letter/*.parquet") + "')")) {
            rs.next();
            assertEquals(bad, rs.getLong(1));
        }
        return run;
    }
}
