package io.zhili.jobs.hotspots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the small generated Qingdao year, on a MiniCluster: planted hotspots (including those
 * reported in GCJ-02) come out HOT at 95 % or more, every dirty row is refused with the reason the
 * generator planted, the run summary adds up, CSV and Parquet inputs agree, and DuckDB reads the
 * GeoParquet metadata.
 */
class HotspotGeneratedDataTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path csvOut;
    static Path parquetOut;
    static JsonNode csvRun;
    static JsonNode parquetRun;

    @BeforeAll
    static void generateAndRun() throws Exception {
        data = dir.resolve("data");
        QingdaoGenerator.generate(data, Scale.SMALL, 20251L, 2, new PrintStream(new ByteArrayOutputStream()));
        csvOut = dir.resolve("out-csv");
        parquetOut = dir.resolve("out-parquet");
        new HotspotRun(data.resolve("components.csv"), data.resolve("cases.csv"), data.resolve("areas.geojson"),
                csvOut, new HotspotOptions(), 2).execute();
        new HotspotRun(data.resolve("parquet/components"), data.resolve("parquet/cases"), data.resolve("areas.geojson"),
                parquetOut, new HotspotOptions(), 2).execute();
        ObjectMapper json = new ObjectMapper();
        csvRun = json.readTree(csvOut.resolve("run.json").toFile());
        parquetRun = json.readTree(parquetOut.resolve("run.json").toFile());
    }

    private static Connection duck() throws Exception {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    @Test
    void plantedHotspotsAreHotInEveryPlantedMonth() throws Exception {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        try (Connection db = duck(); Statement st = db.createStatement()) {
            String sql = "WITH t AS (SELECT h3, category, crs, split_part(months, '..', 1) AS m0, split_part(months, '..', 2) AS m1 "
                    + "FROM read_csv('" + data.resolve("truth/hotspots.csv") + "', all_varchar=true) WHERE expected_class = 'HOT'), "
                    + "c AS (SELECT h3, category, period, hot_class FROM read_parquet('" + csvOut
                    + "/hotspot_cells/**/*.parquet', hive_partitioning=true) WHERE h3_res = 9) "
                    + "SELECT t.h3, t.category, t.crs, p.period, bool_or(c.hot_class IN ('HOT_95', 'HOT_99')) AS hot "
                    + "FROM t CROSS JOIN (SELECT DISTINCT period FROM c) p LEFT JOIN c ON c.h3 = t.h3 AND c.category = t.category AND c.period = p.period "
                    + "WHERE p.period BETWEEN t.m0 AND t.m1 GROUP BY ALL ORDER BY ALL";
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    checked++;
                    if (!rs.getBoolean(5)) {
                        failures.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(4) + " (" + rs.getString(3) + ")");
                    }
                }
            }
        }
        assertTrue(checked >= 10, "too few planted cell-months checked: " + checked);
        assertTrue(failures.isEmpty(), "planted hotspots not HOT at 95 %: " + failures);
    }

    @Test
    void gcj02HotspotsArePlanted() throws Exception {
        try (Connection db = duck(); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM read_csv('" + data.resolve("truth/hotspots.csv")
                        + "', all_varchar=true) WHERE crs = 'GCJ02'")) {
            rs.next();
            assertTrue(rs.getLong(1) > 0, "the generator plants GCJ-02 hotspots");
        }
    }

    @Test
    void everyDirtyRowIsRejectedWithItsReason() throws Exception {
        Map<String, String> expected = new HashMap<>();
        try (Stream<String> lines = Files.lines(data.resolve("truth/dirty.csv"))) {
            lines.skip(1).forEach(l -> {
                String[] f = l.split(",", -1);
                expected.put(f[0] + ":" + f[2], f[3]);
            });
        }
        Map<String, String> actual = new HashMap<>();
        try (Connection db = duck(); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT input, line, reason FROM read_parquet('" + csvOut + "/rejects/*.parquet')")) {
            while (rs.next()) {
                actual.put(rs.getString(1) + ":" + rs.getLong(2), rs.getString(3));
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void runSummaryAddsUp() {
        for (JsonNode run : new JsonNode[] {csvRun, parquetRun}) {
            JsonNode cases = run.get("cases");
            assertEquals(cases.get("read").asLong(), cases.get("accepted").asLong() + cases.get("rejected").asLong());
            JsonNode components = run.get("components");
            assertEquals(components.get("read").asLong(),
                    components.get("accepted").asLong() + components.get("rejected").asLong());
            assertTrue(cases.get("joined_by_id").asLong() > 0 && cases.get("joined_by_nearest").asLong() > 0);
        }
    }

    @Test
    void csvAndParquetInputsAgree() throws Exception {
        assertEquals(csvRun.get("cases").get("accepted"), parquetRun.get("cases").get("accepted"));
        assertEquals(csvRun.get("components").get("accepted"), parquetRun.get("components").get("accepted"));
        String q = "SELECT h3_res, category, kind, sum(cases), sum(components), count(*) FILTER (WHERE hot_class <> 'NOT_SIGNIFICANT') "
                + "FROM read_parquet('%s/hotspot_cells/**/*.parquet', hive_partitioning=true) GROUP BY ALL";
        try (Connection db = duck()) {
            assertEquals(0, differences(db, String.format(q, csvOut), String.format(q, parquetOut)),
                    "CSV and Parquet inputs give different hotspot cells");
        }
    }

    /** Rows of either query missing from the other (both ways: a one-way EXCEPT misses rows only {@code b} has). */
    static long differences(Connection db, String a, String b) throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("WITH a AS (" + a + "), b AS (" + b
                + ") SELECT count(*) FROM ((SELECT * FROM a EXCEPT ALL SELECT * FROM b) UNION ALL (SELECT * FROM b EXCEPT ALL SELECT * FROM a))")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theComparisonSeesRowsMissingOnEitherSide() throws Exception {
        String q = "SELECT h3_res, category, kind, sum(cases) FROM read_parquet('" + csvOut
                + "/hotspot_cells/**/*.parquet', hive_partitioning=true) GROUP BY ALL";
        String more = q + " UNION ALL SELECT 99, 'EXTRA', 'ALL', 1";
        try (Connection db = duck()) {
            assertEquals(0, differences(db, q, q));
            assertEquals(1, differences(db, q, more), "a row only the second side has");
            assertEquals(1, differences(db, more, q), "a row only the first side has");
        }
    }

    @Test
    void geoParquetMetadataIsReadable() throws Exception {
        try (Connection db = duck(); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT decode(value) FROM parquet_kv_metadata('" + csvOut
                        + "/hotspot_cells/period=2025-07/*.parquet') WHERE decode(key) = 'geo'")) {
            assertTrue(rs.next());
            JsonNode geo = new ObjectMapper().readTree(rs.getString(1));
            assertEquals("1.1.0", geo.get("version").asText());
            assertEquals("geometry", geo.get("primary_column").asText());
            JsonNode bbox = geo.get("columns").get("geometry").get("bbox");
            assertTrue(bbox.get(0).asDouble() > 119 && bbox.get(2).asDouble() < 122, "bbox around Qingdao: " + bbox);
            assertEquals("Polygon", geo.get("columns").get("geometry").get("geometry_types").get(0).asText());
        }
        try (Connection db = duck(); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT typeof(period_start), typeof(geometry) FROM read_parquet('" + csvOut
                        + "/hotspot_cells/**/*.parquet', hive_partitioning=true) LIMIT 1")) {
            rs.next();
            assertEquals("TIMESTAMP WITH TIME ZONE", rs.getString(1));
            assertEquals("BLOB", rs.getString(2));
        }
    }

    @Test
    void rerunReplacesThePreviousResult() throws Exception {
        Path out = dir.resolve("rerun");
        for (int i = 0; i < 2; i++) {
            new HotspotRun(data.resolve("parquet/components"), data.resolve("parquet/cases"), null, out,
                    new HotspotOptions(), 2).execute();
        }
        try (Stream<Path> entries = Files.list(out)) {
            assertTrue(entries.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no staging or trash left");
        }
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        try (Connection db = duck(); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT sum(cases) FROM read_parquet('" + out
                        + "/hotspot_cells/**/*.parquet', hive_partitioning=true) WHERE category = 'ALL' AND h3_res = 9")) {
            rs.next();
            assertEquals(parquetRun.get("cases").get("accepted").asLong(), rs.getLong(1), "one run's rows, not two");
        }
    }
}
