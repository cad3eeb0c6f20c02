package io.zhili.jobs.hotspots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled daily runs ({@code --from/--to}) on a MiniCluster over a hand-made set of cases on three
 * local days: each run counts only its day (local midnight, not UTC), refuses only its day's bad rows,
 * replaces only its own partitions, and a rerun of a day is idempotent.
 */
class HotspotWindowTest {
    @TempDir
    static Path dir;
    static Path components;
    static Path cases;
    static Path out;
    static JsonNode dayOne;
    static JsonNode dayTwo;
    static Map<String, Long> dayOneFilesBeforeDayTwo;
    static Map<String, Long> dayOneFilesAfterDayTwo;
    static List<String> dayOneCellsFirst;
    static List<String> dayOneCellsRerun;

    static final String COMPONENTS = String.join("\n",
            "component_id,major_class,minor_class,lon,lat,district_code,status",
            "3702020101000001,01,0101,120.3800,36.0700,370202,NORMAL",
            "3702020101000002,01,0101,120.3900,36.0700,370202,NORMAL") + "\n";

    static final String CASES = String.join("\n",
            "case_id,source,kind,major_class,minor_class,component_id,lon,lat,crs,reported_at,verified_at,dispatched_at,disposed_at,closed_at,district_code",
            // 1 March (local).
            "D1A,PATROL,COMPONENT,01,0101,3702020101000001,,,WGS84,2025-03-01T09:00:00+08:00,,,,,370202",
            "D1B,PATROL,COMPONENT,01,0101,3702020101000002,,,WGS84,2025-03-01T23:30:00+08:00,,,,,370202",
            // 2 March local, still 1 March in UTC: belongs to the second day.
            "D2A,PATROL,COMPONENT,01,0101,3702020101000001,,,WGS84,2025-03-01T16:30:00Z,,,,,370202",
            "D2B,HOTLINE_12345,EVENT,01,0102,,120.3805,36.0705,WGS84,2025-03-02T10:00:00+08:00,,,,,370202",
            // 2 March, bad coordinates: refused by the second day only.
            "D2X,PATROL,EVENT,01,0102,,200.0,36.07,WGS84,2025-03-02T11:00:00+08:00,,,,,370202",
            // 3 March: in neither window.
            "D3A,PATROL,COMPONENT,01,0101,3702020101000002,,,WGS84,2025-03-03T09:00:00+08:00,,,,,370202",
            // No readable date: refused by every window that reads it.
            "DXX,PATROL,EVENT,01,0102,,120.38,36.07,WGS84,yesterday,,,,,370202") + "\n";

    @BeforeAll
    static void runDays() throws Exception {
        components = dir.resolve("components.csv");
        cases = dir.resolve("cases.csv");
        Files.writeString(components, COMPONENTS);
        Files.writeString(cases, CASES);
        out = dir.resolve("daily");

        run(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 2));
        dayOne = json(out.resolve("runs/2025-03-01_2025-03-02.json"));
        dayOneFilesBeforeDayTwo = files("hotspot_cells/period=2025-03-01");
        dayOneCellsFirst = cellRows("2025-03-01");

        run(LocalDate.of(2025, 3, 2), LocalDate.of(2025, 3, 3));
        dayTwo = json(out.resolve("runs/2025-03-02_2025-03-03.json"));
        dayOneFilesAfterDayTwo = files("hotspot_cells/period=2025-03-01");

        run(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 2));
        dayOneCellsRerun = cellRows("2025-03-01");
    }

    private static void run(LocalDate from, LocalDate to) throws Exception {
        HotspotOptions options = new HotspotOptions();
        options.period = Period.DAY;
        options.from = from;
        options.to = to;
        new HotspotRun(components, cases, null, out, options, 2).execute();
    }

    private static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    /** File name → last-modified time of the files under a partition. */
    private static Map<String, Long> files(String partition) throws Exception {
        try (Stream<Path> files = Files.list(out.resolve(partition))) {
            Map<String, Long> byName = new TreeMap<>();
            for (Path p : files.collect(Collectors.toList())) {
                byName.put(p.getFileName().toString(), Files.getLastModifiedTime(p).toMillis());
            }
            return byName;
        }
    }

    private static List<String> cellRows(String period) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT h3, h3_res, category, cases, components, gi_z FROM read_parquet('"
                     + out.resolve("hotspot_cells/period=" + period) + "/*.parquet') ORDER BY ALL")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getInt(2) + " " + r.getString(3) + " " + r.getLong(4) + " "
                        + r.getLong(5) + " " + r.getDouble(6));
            }
        }
        return rows;
    }

    private static long casesOfDay(String period) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT sum(cases) FROM read_parquet('" + out.resolve("hotspot_cells")
                     + "/*/*.parquet', hive_partitioning=true) WHERE category = 'ALL' AND h3_res = 9 AND period = '"
                     + period + "'")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void eachDayCountsOnlyItsLocalDate() {
        JsonNode one = dayOne.get("cases");
        assertEquals(7, one.get("read").asLong());
        assertEquals(2, one.get("accepted").asLong());
        assertEquals(4, one.get("outside_window").asLong());
        assertEquals(1, one.get("rejected").asLong());
        assertEquals(1, one.get("rejected_by_reason").get("BAD_TIMESTAMP").asLong());

        JsonNode two = dayTwo.get("cases");
        assertEquals(2, two.get("accepted").asLong());
        assertEquals(3, two.get("outside_window").asLong());
        assertEquals(2, two.get("rejected").asLong());
        assertEquals(1, two.get("rejected_by_reason").get("BAD_COORDINATES").asLong());
        assertEquals("2025-03-02", dayTwo.get("window").get("from").asText());
    }

    @Test
    void cellsHoldEachDaysCases() throws Exception {
        assertEquals(2, casesOfDay("2025-03-01"));
        assertEquals(2, casesOfDay("2025-03-02"));
        assertFalse(Files.exists(out.resolve("hotspot_cells/period=2025-03-03")));
    }

    @Test
    void secondDayLeavesTheFirstDaysPartitionsAlone() throws Exception {
        assertEquals(dayOneFilesBeforeDayTwo, dayOneFilesAfterDayTwo);
        assertTrue(Files.isDirectory(out.resolve("time_profile/window=2025-03-01_2025-03-02")));
        assertTrue(Files.isDirectory(out.resolve("time_profile/window=2025-03-02_2025-03-03")));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void rerunOfADayIsIdempotent() throws Exception {
        assertFalse(dayOneCellsFirst.isEmpty());
        assertEquals(dayOneCellsFirst, dayOneCellsRerun);
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            assertEquals(2, runs.count(), "one summary per window");
        }
        try (Stream<Path> top = Files.list(out)) {
            assertTrue(top.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no staging or trash left");
        }
    }

    @Test
    void windowCuttingAMonthIsRefused() {
        HotspotOptions options = new HotspotOptions();
        options.period = Period.MONTH;
        options.from = LocalDate.of(2025, 3, 2);
        options.to = LocalDate.of(2025, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HotspotRun(components, cases, null, dir.resolve("monthly"), options, 1).execute());
        assertEquals("with --period month the window must start and end on the first of a month, not 2025-03-02",
                e.getMessage());
    }

    @Test
    void runOverAllDatesIntoADailyDirectoryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HotspotRun(components, cases, null, out, new HotspotOptions(), 1).execute());
        assertTrue(e.getMessage().contains("holds runs of date windows"), e.getMessage());
    }
}
