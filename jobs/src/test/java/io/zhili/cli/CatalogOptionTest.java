package io.zhili.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.catalog.ClassCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * {@code --catalog FILE} end to end: a city's catalog with its own local classes makes {@code hotspots} on
 * the MiniCluster accept and count cases the shipped catalog refuses as UNKNOWN_CLASS (read back from the
 * Parquet tables with DuckDB); a broken catalog stops every command with one line before any job starts.
 */
class CatalogOptionTest {
    @TempDir
    static Path dir;
    static Path cityCatalog;
    static Path components;
    static Path cases;
    static Path withCity;
    static Path withShipped;

    /** Local classes of the test city that the shipped catalog lacks: smart lamp posts, car washing on the street. */
    static final String CITY_ROWS = "0195,COMPONENT,智慧灯杆,Smart lamp post,LOCAL\n"
            + "0591,EVENT,占道洗车,Car washing on the street,LOCAL\n";

    static final String COMPONENTS = String.join("\n",
            "component_id,major_class,minor_class,lon,lat,district_code,status",
            "3702020101000001,01,0101,120.3800,36.0700,370202,NORMAL",
            "3702020195000001,01,0195,120.3900,36.0700,370202,NORMAL",
            "3702020195000002,01,0195,120.3902,36.0701,370202,NORMAL") + "\n";

    static final String CASES = String.join("\n",
            "case_id,source,kind,major_class,minor_class,component_id,lon,lat,crs,reported_at,verified_at,dispatched_at,"
                    + "disposed_at,closed_at,district_code",
            "K1,PATROL,COMPONENT,01,0101,3702020101000001,,,WGS84,2025-03-01T09:00:00+08:00,,,,,370202",
            "L1,PATROL,COMPONENT,01,0195,3702020195000001,,,WGS84,2025-03-02T09:00:00+08:00,,,,,370202",
            "L2,CAMERA,COMPONENT,01,0195,3702020195000002,,,WGS84,2025-03-03T09:00:00+08:00,,,,,370202",
            "E1,PATROL,EVENT,05,0591,,120.3801,36.0701,WGS84,2025-03-04T09:00:00+08:00,,,,,370202",
            "E2,HOTLINE_12345,EVENT,05,0591,,120.3802,36.0701,WGS84,2025-03-05T09:00:00+08:00,,,,,370202",
            "E3,PATROL,EVENT,05,0591,,120.3803,36.0702,WGS84,2025-03-06T09:00:00+08:00,,,,,370202",
            "N1,PATROL,EVENT,01,0102,,120.3804,36.0702,WGS84,2025-03-07T09:00:00+08:00,,,,,370202") + "\n";

    @BeforeAll
    static void runBoth() throws Exception {
        String shipped = new String(ClassCatalog.class.getClassLoader().getResourceAsStream(ClassCatalog.RESOURCE)
                .readAllBytes(), StandardCharsets.UTF_8);
        assertFalse(shipped.contains("0195,COMPONENT") || shipped.contains("0591,EVENT"));
        cityCatalog = dir.resolve("city.csv");
        Files.writeString(cityCatalog, shipped + CITY_ROWS);
        components = dir.resolve("components.csv");
        cases = dir.resolve("cases.csv");
        Files.writeString(components, COMPONENTS);
        Files.writeString(cases, CASES);
        withCity = dir.resolve("with-city");
        withShipped = dir.resolve("with-shipped");
        CliRun city = CliRun.of("hotspots", "--components", components.toString(), "--cases", cases.toString(),
                "--out", withCity.toString(), "--catalog", cityCatalog.toString(), "--parallelism", "2");
        assertEquals(0, city.exit(), city.err());
        CliRun plain = CliRun.of("hotspots", "--components", components.toString(), "--cases", cases.toString(),
                "--out", withShipped.toString(), "--parallelism", "2");
        assertEquals(0, plain.exit(), plain.err());
    }

    @Test
    void theCitysLocalClassesAreAcceptedAndCounted() throws Exception {
        JsonNode run = new ObjectMapper().readTree(withCity.resolve("run.json").toFile());
        assertEquals(7, run.get("cases").get("accepted").asLong());
        assertEquals(0, run.get("cases").get("rejected").asLong());
        assertEquals(3, run.get("components").get("accepted").asLong());
        assertEquals(cityCatalog.toString(), run.get("inputs").get("catalog").asText());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            String cells = "read_parquet('" + withCity + "/hotspot_cells/**/*.parquet', hive_partitioning=true)";
            Map<String, long[]> byCategory = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT kind || ' ' || category, sum(cases), sum(components) FROM " + cells
                    + " WHERE h3_res = 9 GROUP BY 1")) {
                while (rs.next()) {
                    byCategory.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
            assertEquals(2, byCategory.get("COMPONENT 0195")[0]);
            assertEquals(2, byCategory.get("COMPONENT 0195")[1]);
            assertEquals(3, byCategory.get("EVENT 0591")[0]);
            assertEquals(3, byCategory.get("EVENT 05")[0]);
            assertEquals(7, byCategory.get("ALL ALL")[0]);
        }
    }

    @Test
    void withoutTheCatalogTheSameRowsAreUnknownClasses() throws Exception {
        JsonNode run = new ObjectMapper().readTree(withShipped.resolve("run.json").toFile());
        assertEquals(2, run.get("cases").get("accepted").asLong());
        assertEquals(5, run.get("cases").get("rejected_by_reason").get("UNKNOWN_CLASS").asLong());
        assertEquals(2, run.get("components").get("rejected_by_reason").get("UNKNOWN_CLASS").asLong());
        Map<String, String> reasons = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT input, line, reason FROM read_parquet('" + withShipped
                        + "/rejects/**/*.parquet')")) {
            while (rs.next()) {
                reasons.put(rs.getString(1) + ":" + rs.getLong(2), rs.getString(3));
            }
        }
        Map<String, String> expected = new HashMap<>();
        for (String where : new String[] {"components:3", "components:4", "cases:3", "cases:4", "cases:5", "cases:6",
            "cases:7"}) {
            expected.put(where, "UNKNOWN_CLASS");
        }
        assertEquals(expected, reasons);
    }

    @Test
    void aBrokenCatalogIsOneLineAndNoJobStarts() throws IOException {
        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, ClassCatalog.HEADER + "\n01,EVENT,市容环境,City appearance,NATIONAL\n"
                + "0101,EVENT,私搭乱建,Unauthorised construction,NATIONAL\n0101,EVENT,重复,Duplicate,LOCAL\n");
        String line = "catalog " + broken + ":4: EVENT 0101 repeats line 3";
        Path out = dir.resolve("never");
        CliRun hotspots = CliRun.of("hotspots", "--components", components.toString(), "--cases", cases.toString(),
                "--out", out.toString(), "--catalog", broken.toString());
        assertOneLineError(hotspots, "zhili hotspots: " + line);
        assertFalse(Files.exists(out), "no run directory for a refused catalog");
        CliRun generate = CliRun.of("generate", "--out", out.toString(), "--catalog", broken.toString());
        assertOneLineError(generate, "zhili generate: " + line);
        assertFalse(Files.exists(out.resolve("components.csv")));
        CliRun trucks = CliRun.of("trucks", "--gps", cases.toString(), "--routes", cases.toString(), "--sites", cases.toString(),
                "--zones", cases.toString(), "--out", out.toString(), "--catalog", broken.toString());
        assertOneLineError(trucks, "zhili trucks: " + line);
        CliRun missing = CliRun.of("hotspots", "--components", components.toString(), "--cases", cases.toString(),
                "--out", out.toString(), "--catalog", dir.resolve("absent.csv").toString());
        assertOneLineError(missing, "zhili hotspots: catalog " + dir.resolve("absent.csv") + ": does not exist");
    }

    @Test
    void trucksNeedTheSpillageClassAndGenerateThePlantedOnes() throws IOException {
        Path national = dir.resolve("national-only.csv");
        StringBuilder text = new StringBuilder(ClassCatalog.HEADER + "\n");
        for (String row : new String(ClassCatalog.class.getClassLoader().getResourceAsStream(ClassCatalog.RESOURCE)
                .readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList()) {
            if (row.endsWith(",NATIONAL")) {
                text.append(row).append('\n');
            }
        }
        Files.writeString(national, text);
        Path out = dir.resolve("trucks-never");
        CliRun trucks = CliRun.of("trucks", "--gps", cases.toString(), "--routes", cases.toString(), "--sites", cases.toString(),
                "--zones", cases.toString(), "--out", out.toString(), "--catalog", national.toString());
        assertOneLineError(trucks, "zhili trucks: catalog " + national
                + ": no EVENT class 0190 (道路遗撒, road spillage from muck trucks), the class of the SPILLAGE cases");
        assertFalse(Files.exists(out));
        CliRun generate = CliRun.of("generate", "--out", out.toString(), "--catalog", national.toString());
        assertOneLineError(generate, "zhili generate: catalog " + national
                + ": no EVENT class 0590 for the planted hotspot '城阳 night market road occupation, citizen reports (GCJ-02)'");
        assertFalse(Files.exists(out.resolve("components.csv")));
    }

    private static void assertOneLineError(CliRun r, String expected) {
        assertTrue(r.exit() != 0, "exit " + r.exit());
        assertEquals(expected, r.err().strip());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
