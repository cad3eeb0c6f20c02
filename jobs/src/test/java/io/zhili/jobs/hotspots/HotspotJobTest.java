package io.zhili.jobs.hotspots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.h3.H3Grid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hotspot job on a MiniCluster over a hand-made data set whose every count is known, read back with
 * DuckDB: join paths, rejects, aggregates, recurrence and the run summary.
 */
class HotspotJobTest {
    @TempDir
    static Path dir;
    static Path out;
    static JsonNode run;

    // Three manhole covers (0101) and a street light (0118) in Shinan district.
    static final String COMPONENTS = String.join("\n",
            "component_id,major_class,minor_class,lon,lat,district_code,status",
            "3702020101000001,01,0101,120.3800,36.0700,370202,NORMAL",
            "3702020101000002,01,0101,120.3900,36.0700,370202,NORMAL",
            "3702020101000003,01,0101,120.4000,36.0750,370202,NORMAL",
            "3702020118000001,01,0118,120.3800,36.0710,370202,NORMAL",
            "3702020118000001,01,0118,120.3800,36.0710,370202,NORMAL",
            "3702020101000009,01,0101,abc,36.07,370202,NORMAL") + "\n";

    static final String CASES = String.join("\n",
            "case_id,source,kind,major_class,minor_class,component_id,lon,lat,crs,reported_at,verified_at,dispatched_at,disposed_at,closed_at,district_code",
            // Three cases on component 1 within 30 days (a recurring fault), joined by id.
            "K1,PATROL,COMPONENT,01,0101,3702020101000001,,,WGS84,2025-03-01T09:00:00+08:00,,2025-03-01T09:10:00+08:00,,2025-03-01T10:00:00+08:00,370202",
            "K2,CAMERA,COMPONENT,01,0101,3702020101000001,,,WGS84,2025-03-10T09:00:00+08:00,,2025-03-10T09:30:00+08:00,,2025-03-10T11:00:00+08:00,370202",
            "K3,PATROL,COMPONENT,01,0101,3702020101000001,,,WGS84,2025-03-20T09:00:00+08:00,,,,,370202",
            // 10 m east of component 2, no id: joined by nearest.
            "K4,PATROL,COMPONENT,01,0101,,120.39011,36.0700,WGS84,2025-03-05T14:00:00+08:00,,,,,370202",
            // 300 m from any manhole cover: unattached.
            "K5,PATROL,COMPONENT,01,0101,,120.3850,36.0780,WGS84,2025-04-05T14:00:00+08:00,,,,,370202",
            // An event.
            "K6,HOTLINE_12345,EVENT,01,0102,,120.3805,36.0705,WGS84,2025-04-06T20:00:00+08:00,,,,,370202",
            // Dirty rows.
            "K1,PATROL,COMPONENT,01,0101,3702020101000001,,,WGS84,2025-03-01T09:00:00+08:00,,,,,370202",
            "K7,PATROL,COMPONENT,01,0101,3702020101999999,,,WGS84,2025-03-01T09:00:00+08:00,,,,,370202",
            "K8,PATROL,EVENT,01,0102,,200.0,36.07,WGS84,2025-03-01T09:00:00+08:00,,,,,370202",
            "K9,PATROL,EVENT,01,0102,,120.38,36.07,WGS84,2025-03-01T09:00:00+08:00,,,,2025-02-01T09:00:00+08:00,370202",
            "K10,PATROL,EVENT,01") + "\n";

    @BeforeAll
    static void runJob() throws Exception {
        Path components = dir.resolve("components.csv");
        Path cases = dir.resolve("cases.csv");
        Files.writeString(components, COMPONENTS);
        Files.writeString(cases, CASES);
        out = dir.resolve("out");
        HotspotOptions options = new HotspotOptions();
        new HotspotRun(components, cases, null, out, options, 2).execute();
        run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    }

    @Test
    void runSummaryAddsUp() {
        JsonNode c = run.get("cases");
        assertEquals(11, c.get("read").asLong());
        assertEquals(3, c.get("joined_by_id").asLong());
        assertEquals(1, c.get("joined_by_nearest").asLong());
        assertEquals(1, c.get("unattached").asLong());
        assertEquals(1, c.get("events").asLong());
        assertEquals(5, c.get("rejected").asLong());
        assertEquals(c.get("read").asLong(), c.get("accepted").asLong() + c.get("rejected").asLong());
        JsonNode k = run.get("components");
        assertEquals(6, k.get("read").asLong());
        assertEquals(4, k.get("accepted").asLong());
        assertEquals(2, k.get("rejected").asLong());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void everyRejectHasItsReason() throws Exception {
        Map<String, String> byLine = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT input, line, reason FROM read_parquet('" + out + "/rejects/**/*.parquet')")) {
            while (rs.next()) {
                byLine.put(rs.getString(1) + ":" + rs.getLong(2), rs.getString(3));
            }
        }
        assertEquals("DUPLICATE_ID", byLine.get("components:6"));
        assertEquals("BAD_COORDINATES", byLine.get("components:7"));
        assertEquals("DUPLICATE_ID", byLine.get("cases:8"));
        assertEquals("UNKNOWN_COMPONENT", byLine.get("cases:9"));
        assertEquals("BAD_COORDINATES", byLine.get("cases:10"));
        assertEquals("INCONSISTENT_TIMESTAMPS", byLine.get("cases:11"));
        assertEquals("MALFORMED_ROW", byLine.get("cases:12"));
        assertEquals(7, byLine.size());
    }

    @Test
    void cellCountsMatchTheJoin() throws Exception {
        H3Grid h3 = H3Grid.get();
        String cell1 = h3.address(h3.cell(120.3800, 36.0700, 9));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            String cells = "read_parquet('" + out + "/hotspot_cells/**/*.parquet', hive_partitioning=true)";
            try (ResultSet rs = st.executeQuery("SELECT sum(cases) FROM " + cells + " WHERE category='ALL' AND h3_res=9")) {
                rs.next();
                assertEquals(6, rs.getLong(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT sum(cases) FROM " + cells + " WHERE category='ALL' AND h3_res=7")) {
                rs.next();
                assertEquals(6, rs.getLong(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT cases, components FROM " + cells
                    + " WHERE category='0101' AND kind='COMPONENT' AND h3='" + cell1 + "' AND period='2025-03'")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getLong(1));
            }
            // For ALL every study-area cell has a row in every period, zero counts included.
            try (ResultSet rs = st.executeQuery("SELECT count(DISTINCT h3), count(DISTINCT period), count(*) FROM " + cells
                    + " WHERE category='ALL' AND h3_res=9")) {
                rs.next();
                assertEquals((long) rs.getLong(1) * rs.getLong(2), rs.getLong(3));
                assertEquals(2, rs.getLong(2));
            }
        }
    }

    @Test
    void recurringComponentIsFound() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT component_id, cases FROM read_parquet('" + out
                        + "/component_recurrence/**/*.parquet')")) {
            assertTrue(rs.next());
            assertEquals("3702020101000001", rs.getString(1));
            assertEquals(3, rs.getLong(2));
            assertTrue(!rs.next());
        }
    }

    @Test
    void handlingSpeedPercentiles() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT cases, closed, p50_dispatch_min, p90_close_min FROM read_parquet('"
                        + out + "/area_summary/**/*.parquet', hive_partitioning=true) WHERE area_level='CITY' AND category='ALL' AND period='2025-03'")) {
            assertTrue(rs.next());
            assertEquals(4, rs.getLong(1));
            assertEquals(2, rs.getLong(2));
            // Dispatch after 10 and 30 minutes; close after 60 and 120 minutes.
            assertTrue(rs.getDouble(3) >= 10 && rs.getDouble(3) <= 30);
            assertTrue(rs.getDouble(4) >= 60 && rs.getDouble(4) <= 120);
        }
    }

    @Test
    void aSingleFileOfThePeriodTablesCarriesItsPeriod() throws Exception {
        for (String table : new String[] {HotspotTables.CELLS, HotspotTables.AREA_SUMMARY}) {
            Path file;
            try (java.util.stream.Stream<Path> files = Files.walk(out.resolve(table))) {
                file = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
            }
            String folder = file.getParent().getFileName().toString();
            assertTrue(folder.startsWith("period="), folder);
            // Read alone, without the folder name (as GeoPandas or QGIS open one file): the period is a column.
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
                    ResultSet rs = st.executeQuery("SELECT DISTINCT period FROM read_parquet('" + file + "', hive_partitioning=false)")) {
                assertTrue(rs.next(), table);
                assertEquals(folder.substring("period=".length()), rs.getString(1), table);
                assertTrue(!rs.next(), table);
            }
        }
    }

    @Test
    void theReadmeQueryRunsWithHivePartitioning() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("README.md"));
        int start = readme.indexOf("```sql\n") + "```sql\n".length();
        String sql = readme.substring(start, readme.indexOf("```", start)).strip();
        assertTrue(sql.contains("hive_partitioning=true") && sql.contains("period = '2025-07'"), sql);
        sql = sql.replace("'out/", "'" + out + "/").replace("2025-07", "2025-03").replace(";", "");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.executeQuery(sql).close();
            // The same filter without the HOT% condition finds the month's cells: period is one column, not two.
            String all = sql.replace("AND hot_class LIKE 'HOT%'", "");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + all + ")")) {
                rs.next();
                assertTrue(rs.getLong(1) > 0, all);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (DESCRIBE SELECT * FROM read_parquet('" + out
                    + "/hotspot_cells/**/*.parquet', hive_partitioning=true)) WHERE column_name = 'period'")) {
                rs.next();
                assertEquals(1, rs.getLong(1));
            }
        }
    }
}
