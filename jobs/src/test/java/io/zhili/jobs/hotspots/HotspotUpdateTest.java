package io.zhili.jobs.hotspots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.cli.ZhiliCommand;
import io.zhili.datasets.QingdaoGenerator;
import io.zhili.datasets.Scale;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zhili hotspots --update} on the small generated year, on a MiniCluster: the cases split into
 * every day but the last and the last day (plus a repeat of an earlier day's case id); a full run over
 * the first part updated in place with the last day publishes the same rows in every table, the count
 * cube included, and the same run.json counts as a full run over both, which refuses the repeated id as
 * DUPLICATE_ID in both.
 */
class HotspotUpdateTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path cases;
    static Path lastDay;
    static Path updated;
    static Path full;
    static JsonNode updatedRun;
    static JsonNode fullRun;
    static long lastDayRows;
    static String repeatedId;

    @BeforeAll
    static void runBothWays() throws Exception {
        data = dir.resolve("data");
        QingdaoGenerator.generate(data, Scale.SMALL, 20251L, 2, new PrintStream(new ByteArrayOutputStream()));
        List<String> lines = Files.readAllLines(data.resolve("cases.csv"));
        String header = lines.get(0);
        // Case ids carry their day (QDyyyyMMdd...): the last day is the largest day among them.
        String last = lines.stream().skip(1).filter(l -> l.matches("QD\\d{8}.*")).map(l -> l.substring(2, 10))
                .max(String::compareTo).orElseThrow();
        List<String> before = new ArrayList<>(List.of(header));
        List<String> after = new ArrayList<>(List.of(header));
        for (String line : lines.subList(1, lines.size())) {
            (line.startsWith("QD" + last) ? after : before).add(line);
        }
        // An earlier day's case reported again on the last day: its id is taken.
        String repeated = before.get(before.size() / 2);
        repeatedId = repeated.substring(0, repeated.indexOf(','));
        after.add(repeated);
        lastDayRows = after.size() - 1;
        assertTrue(lastDayRows > 10 && before.size() > 10 * after.size(), "the last day is a small part of the year");

        cases = dir.resolve("cases");
        Files.createDirectories(cases);
        Files.write(cases.resolve("cases-1-before.csv"), before);
        updated = dir.resolve("updated");
        new HotspotRun(data.resolve("components.csv"), cases, data.resolve("areas.geojson"), updated,
                new HotspotOptions(), 2).execute();

        lastDay = cases.resolve("cases-2-last.csv");
        Files.write(lastDay, after);
        // In place, as the nightly run does: --out is the run it updates.
        int exit = ZhiliCommand.execute("hotspots", "--update", updated.toString(), "--cases", lastDay.toString(),
                "--out", updated.toString(), "--parallelism", "2");
        assertEquals(0, exit, "zhili hotspots --update");

        full = dir.resolve("full");
        new HotspotRun(data.resolve("components.csv"), cases, data.resolve("areas.geojson"), full,
                new HotspotOptions(), 2).execute();
        ObjectMapper json = new ObjectMapper();
        updatedRun = json.readTree(updated.resolve("run.json").toFile());
        fullRun = json.readTree(full.resolve("run.json").toFile());
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String table(Path run, String table) {
        return "SELECT * FROM read_parquet('" + run.resolve(table) + "/**/*.parquet', hive_partitioning=false)";
    }

    @Test
    void everyTableEqualsTheFullRunsBothWays() throws Exception {
        List<String> tables = new ArrayList<>(List.of(HotspotTables.ALL));
        tables.addAll(List.of(HotspotCube.CELLS, HotspotCube.AREAS, HotspotCube.RECURRENCE, HotspotCube.CASE_IDS));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String t : tables) {
                long rows = count(db, "SELECT count(*) FROM (" + table(full, t) + ")");
                assertTrue(rows > 0, t + " has rows");
                assertEquals(rows, count(db, "SELECT count(*) FROM (" + table(updated, t) + ")"), t + " rows");
                assertEquals(0, HotspotGeneratedDataTest.differences(db, table(full, t), table(updated, t)),
                        t + ": the update and the full run differ");
            }
        }
    }

    @Test
    void runJsonCountsEqualAndSayWhichRunWasUpdated() {
        assertEquals(fullRun.get("cases"), updatedRun.get("cases"));
        assertEquals(fullRun.get("components"), updatedRun.get("components"));
        JsonNode update = updatedRun.get("update");
        assertEquals(updated.toAbsolutePath().toString(), update.get("base").asText());
        assertEquals(cases.toString(), update.get("base_cases").asText());
        assertEquals(1, update.get("updates").asLong());
        assertEquals(List.of(cases.toAbsolutePath().toString(), lastDay.toAbsolutePath().toString()),
                json(update.get("folded_cases")));
        assertEquals(lastDay.toString(), updatedRun.get("inputs").get("cases").asText());
        assertTrue(fullRun.get("update") == null, "a full run is no update");
        // Only the last day was read by the update, yet it counts the whole year.
        assertTrue(updatedRun.get("cases").get("read").asLong() > 10 * lastDayRows);
    }

    private static List<String> json(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void theSameDayIsNotFoldedTwice() throws Exception {
        String before = Files.readString(updated.resolve("run.json"));
        int exit = ZhiliCommand.execute("hotspots", "--update", updated.toString(), "--cases", lastDay.toString(),
                "--out", updated.toString());
        assertEquals(1, exit, "a second update with the same day is refused before the job starts");
        assertEquals(before, Files.readString(updated.resolve("run.json")), "the published run is untouched");
    }

    @Test
    void aRepeatedIdOfAnEarlierDayIsRefusedBothWays() throws Exception {
        String q = "SELECT count(*) FROM read_parquet('%s/rejects/**/*.parquet') WHERE reason = 'DUPLICATE_ID' "
                + "AND file = '" + lastDay + "' AND line = " + (lastDayRows + 1) + " AND detail LIKE 'case_id " + repeatedId + " %%'";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            assertEquals(1, count(db, String.format(q, full)), "full run");
            assertEquals(1, count(db, String.format(q, updated)), "update");
        }
    }
}
