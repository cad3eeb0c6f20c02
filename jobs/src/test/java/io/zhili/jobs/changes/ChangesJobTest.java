package io.zhili.jobs.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.cli.ZhiliCommand;
import io.zhili.datasets.QingdaoGenerator;
import io.zhili.datasets.Scale;
import io.zhili.jobs.hotspots.HotspotOptions;
import io.zhili.jobs.hotspots.HotspotRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the generated city, on a MiniCluster through the command line: both rounds of change
 * polygons screened against the generated footprints and permits. SUSPECT precision and recall at 95 %
 * or more against the truth, every polygon accounted for, the expected outcome for each planted kind,
 * round 2 keeping the ids of persisting suspects and marking the others GONE, ids stable across reruns
 * at another parallelism, and the cases taken in by {@code zhili hotspots}.
 */
class ChangesJobTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path round1;
    static Path round2;
    static Path rerun;

    @BeforeAll
    static void generateAndRunBothRounds() throws Exception {
        data = dir.resolve("data");
        QingdaoGenerator.generate(data, Scale.SMALL, 20251L, 2, new PrintStream(new ByteArrayOutputStream()));
        round1 = dir.resolve("round1");
        round2 = dir.resolve("round2");
        rerun = dir.resolve("round1-rerun");
        assertEquals(0, changes(data.resolve("changes/round-1"), round1, null, "2"));
        assertEquals(0, changes(data.resolve("changes/round-2"), round2, round1, "2"));
        assertEquals(0, changes(data.resolve("changes/round-1"), rerun, null, "1"));
    }

    static int changes(Path input, Path out, Path previous, String parallelism) {
        List<String> args = new ArrayList<>(List.of("changes", "--changes", input.toString(),
                "--buildings", data.resolve("buildings").toString(), "--permits", data.resolve("permits.geojson").toString(),
                "--areas", data.resolve("areas.geojson").toString(), "--out", out.toString(), "--parallelism", parallelism));
        if (previous != null) {
            args.addAll(List.of("--previous", previous.toString()));
        }
        return ZhiliCommand.execute(args.toArray(new String[0]));
    }

    static Connection duck() throws Exception {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    /** change_id → outcome (SUSPECT for fragments of suspects, REJECTED:REASON for rejects) of one output. */
    static Map<String, String> outcomes(Path out) throws Exception {
        Map<String, String> m = new HashMap<>();
        try (Connection db = duck(); Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT unnest(string_split(change_ids, ',')) FROM read_parquet('" + out
                    + "/suspects/*.parquet') WHERE status <> 'GONE'");
            while (rs.next()) {
                assertEquals(null, m.put(rs.getString(1), "SUSPECT"), "a change in two suspects: " + rs.getString(1));
            }
            rs = st.executeQuery("SELECT change_id, outcome FROM read_parquet('" + out + "/explained/*.parquet')");
            while (rs.next()) {
                assertEquals(null, m.put(rs.getString(1), rs.getString(2)), "two outcomes for " + rs.getString(1));
            }
        }
        return m;
    }

    /** The truth lines of a round, without the repeated-id lines (the earlier row of that id keeps its truth). */
    static List<String[]> truth(int round) throws Exception {
        List<String[]> t = new ArrayList<>();
        try (Connection db = duck(); Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT change_id, structure_id, kind, expected, persists FROM read_csv('"
                    + data.resolve("truth/changes.csv") + "', all_varchar=true) WHERE round = '" + round
                    + "' AND expected <> 'REJECTED:DUPLICATE_ID'");
            while (rs.next()) {
                t.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
            }
        }
        return t;
    }

    @Test
    void suspectPrecisionAndRecallAgainstTheTruth() throws Exception {
        for (int round = 1; round <= 2; round++) {
            Map<String, String> got = outcomes(round == 1 ? round1 : round2);
            int truePositive = 0;
            int truth = 0;
            int flagged = (int) got.values().stream().filter("SUSPECT"::equals).count();
            Map<String, int[]> byExpected = new TreeMap<>();
            for (String[] t : truth(round)) {
                String outcome = got.get(t[0]);
                if (t[3].equals("SUSPECT")) {
                    truth++;
                    if ("SUSPECT".equals(outcome)) {
                        truePositive++;
                    }
                }
                if (!t[3].startsWith("REJECTED")) {
                    int[] c = byExpected.computeIfAbsent(t[3], k -> new int[2]);
                    c[0]++;
                    c[1] += t[3].equals(outcome) ? 1 : 0;
                }
            }
            double precision = (double) truePositive / flagged;
            double recall = (double) truePositive / truth;
            System.out.printf("changes round %d: SUSPECT precision %.4f recall %.4f (%d flagged, %d planted fragments); by expected outcome %s%n",
                    round, precision, recall, flagged, truth, byExpected.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()[1] + "/" + e.getValue()[0]).toList());
            assertTrue(truth > 100, "round " + round + ": " + truth + " planted suspect fragments");
            assertTrue(precision >= 0.95, "round " + round + " precision " + precision);
            assertTrue(recall >= 0.95, "round " + round + " recall " + recall);
            // Every planted kind gets its outcome.
            for (Map.Entry<String, int[]> e : byExpected.entrySet()) {
                assertTrue(e.getValue()[1] >= 0.95 * e.getValue()[0], "round " + round + " " + e.getKey() + ": "
                        + e.getValue()[1] + " of " + e.getValue()[0]);
            }
        }
    }

    @Test
    void fragmentsOfOneStructureMergeIntoOneSuspect() throws Exception {
        Map<String, String> structureOf = new HashMap<>();
        Map<String, Integer> fragments = new HashMap<>();
        for (String[] t : truth(1)) {
            if (t[3].equals("SUSPECT") && t[1] != null) {
                structureOf.put(t[0], t[1]);
                fragments.merge(t[1], 1, Integer::sum);
            }
        }
        int exact = 0;
        int multi = 0;
        try (Connection db = duck(); Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT change_ids, n_fragments FROM read_parquet('" + round1 + "/suspects/*.parquet')");
            while (rs.next()) {
                String[] ids = rs.getString(1).split(",");
                assertEquals(ids.length, rs.getInt(2));
                Set<String> structures = new HashSet<>();
                for (String id : ids) {
                    structures.add(structureOf.get(id));
                }
                if (structures.size() == 1 && !structures.contains(null)
                        && fragments.get(structures.iterator().next()) == ids.length) {
                    exact++;
                    multi += ids.length > 1 ? 1 : 0;
                }
            }
        }
        assertTrue(exact >= 0.95 * fragments.size(), exact + " of " + fragments.size() + " structures exactly one suspect");
        assertTrue(multi > 20, multi + " suspects merged from fragments");
    }

    @Test
    void everyChangePolygonIsAccountedFor() throws Exception {
        for (Path out : List.of(round1, round2)) {
            JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
            JsonNode c = run.get("changes");
            assertTrue(c.get("balanced").asBoolean(), c.toString());
            assertTrue(Files.exists(out.resolve("_SUCCESS")));
            Map<String, String> got = outcomes(out);
            long rejects;
            Map<String, Long> byReason = new HashMap<>();
            try (Connection db = duck(); Statement st = db.createStatement()) {
                ResultSet rs = st.executeQuery("SELECT reason, count(*) FROM read_parquet('" + out + "/rejects/*.parquet') "
                        + "WHERE input = 'changes' GROUP BY 1");
                while (rs.next()) {
                    byReason.put(rs.getString(1), rs.getLong(2));
                }
                rejects = byReason.values().stream().mapToLong(Long::longValue).sum();
            }
            int round = out.equals(round1) ? 1 : 2;
            long rows = 0;
            Map<String, Long> expectedReasons = new HashMap<>();
            try (Connection db = duck(); Statement st = db.createStatement()) {
                ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + data + "/changes/round-" + round + "/*.parquet')");
                rs.next();
                rows = rs.getLong(1);
                rs = st.executeQuery("SELECT replace(expected, 'REJECTED:', ''), count(*) FROM read_csv('" + data.resolve("truth/changes.csv")
                        + "', all_varchar=true) WHERE round = '" + round + "' AND expected LIKE 'REJECTED:%' GROUP BY 1");
                while (rs.next()) {
                    expectedReasons.put(rs.getString(1), rs.getLong(2));
                }
            }
            assertEquals(rows, c.get("read").asLong());
            assertEquals(rows, got.size() + rejects, "every row in suspects, explained or rejects");
            assertEquals(expectedReasons, byReason);
        }
    }

    @Test
    void roundTwoKeepsTheIdsOfPersistingSuspects() throws Exception {
        Map<String, String> structureOf1 = new HashMap<>();
        Map<String, String> structureOf2 = new HashMap<>();
        Set<String> persisting = new HashSet<>();
        Set<String> gone = new HashSet<>();
        for (String[] t : truth(1)) {
            if (t[3].equals("SUSPECT") && t[1] != null) {
                structureOf1.put(t[0], t[1]);
                if (t[2].equals("ILLEGAL") && "true".equals(t[4])) {
                    persisting.add(t[1]);
                } else {
                    gone.add(t[1]);
                }
            }
        }
        for (String[] t : truth(2)) {
            if (t[1] != null) {
                structureOf2.put(t[0], t[1]);
            }
        }
        Map<String, String> idOfStructure1 = suspectIds(round1, structureOf1, null);
        Map<String, String> statusOf = new HashMap<>();
        Map<String, String> idOfStructure2 = suspectIds(round2, structureOf2, statusOf);
        int kept = 0;
        for (String s : persisting) {
            if (idOfStructure1.containsKey(s) && idOfStructure1.get(s).equals(idOfStructure2.get(s))
                    && "PERSISTING".equals(statusOf.get(idOfStructure2.get(s)))) {
                kept++;
            }
        }
        assertTrue(persisting.size() > 40);
        assertTrue(kept >= 0.95 * persisting.size(), kept + " of " + persisting.size() + " persisting suspects kept their id");
        Set<String> goneIds = new HashSet<>();
        Set<String> newIds = new HashSet<>();
        try (Connection db = duck(); Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT suspect_id, status, round, first_round FROM read_parquet('" + round2 + "/suspects/*.parquet')");
            while (rs.next()) {
                assertEquals("2026-03", rs.getString(3));
                if (rs.getString(2).equals("GONE")) {
                    goneIds.add(rs.getString(1));
                    assertEquals("2025-09", rs.getString(4));
                } else if (rs.getString(2).equals("NEW")) {
                    newIds.add(rs.getString(1));
                    assertEquals("2026-03", rs.getString(4));
                }
            }
        }
        int goneRight = 0;
        for (String s : gone) {
            goneRight += goneIds.contains(idOfStructure1.get(s)) ? 1 : 0;
        }
        assertTrue(goneRight >= 0.95 * gone.size(), goneRight + " of " + gone.size() + " vanished suspects GONE");
        assertTrue(goneIds.size() <= gone.size() + 0.05 * gone.size());
        assertTrue(newIds.size() > 100);
        JsonNode run = new ObjectMapper().readTree(round2.resolve("run.json").toFile());
        assertEquals(goneIds.size(), run.get("suspects").get("gone").asLong());
    }

    /** Planted structure → suspect id in an output (status of each id into {@code statusOf} when given). */
    static Map<String, String> suspectIds(Path out, Map<String, String> structureOf, Map<String, String> statusOf) throws Exception {
        Map<String, String> m = new HashMap<>();
        try (Connection db = duck(); Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT suspect_id, status, change_ids FROM read_parquet('" + out
                    + "/suspects/*.parquet') WHERE status <> 'GONE'");
            while (rs.next()) {
                if (statusOf != null) {
                    statusOf.put(rs.getString(1), rs.getString(2));
                }
                for (String id : rs.getString(3).split(",")) {
                    String s = structureOf.get(id);
                    if (s != null) {
                        m.put(s, rs.getString(1));
                    }
                }
            }
        }
        return m;
    }

    @Test
    void idsAreStableAcrossRerunsAtAnotherParallelism() throws Exception {
        try (Connection db = duck(); Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT count(*), count(b.suspect_id) FROM read_parquet('" + round1
                    + "/suspects/*.parquet') a FULL OUTER JOIN read_parquet('" + rerun + "/suspects/*.parquet') b "
                    + "ON a.suspect_id = b.suspect_id AND a.change_ids = b.change_ids AND a.area_m2 = b.area_m2");
            rs.next();
            assertTrue(rs.getLong(1) > 100);
            assertEquals(rs.getLong(1), rs.getLong(2));
        }
    }

    @Test
    void casesGoIntoTheHotspotJob() throws Exception {
        Path cases = round1.resolve("cases.csv");
        long newSuspects;
        try (Connection db = duck(); Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + round1 + "/suspects/*.parquet') WHERE status = 'NEW'");
            rs.next();
            newSuspects = rs.getLong(1);
            rs = st.executeQuery("SELECT count(*), count(DISTINCT district_code), min(source), min(minor_class) FROM read_csv('"
                    + cases + "', all_varchar=true)");
            rs.next();
            assertEquals(newSuspects, rs.getLong(1));
            assertTrue(rs.getLong(2) >= 5, "suspects spread over the districts");
            assertEquals("SATELLITE", rs.getString(3));
            assertEquals("0101", rs.getString(4));
        }
        Path out = dir.resolve("hotspots");
        Map<String, Object> summary = new HotspotRun(data.resolve("components.csv"), cases, data.resolve("areas.geojson"),
                out, new HotspotOptions(), 2).execute();
        Map<?, ?> c = (Map<?, ?>) summary.get("cases");
        assertEquals(newSuspects, ((Number) c.get("read")).longValue());
        assertEquals(0L, ((Number) c.get("rejected")).longValue(), c.toString());
        assertEquals(newSuspects, ((Number) c.get("events")).longValue(), c.toString());
    }
}
