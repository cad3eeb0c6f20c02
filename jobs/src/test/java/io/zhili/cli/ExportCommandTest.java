package io.zhili.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zhili.jobs.tiles.HotspotCellsFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zhili export} of a partitioned {@code hotspot_cells} table to GeoPackage and FlatGeobuf, opened
 * with GDAL's {@code ogrinfo} (Debian {@code gdal-bin}; the GDAL checks skip with a message without it)
 * and compared with DuckDB's view of the same Parquet files: feature count, geometry type, CRS, and the
 * attributes of chosen cells in both partitions.
 */
class ExportCommandTest {
    private static final Path OGRINFO = Path.of("/usr/bin/ogrinfo");
    private static final double LON = 120.38;
    private static final double LAT = 36.07;

    @TempDir
    static Path dir;
    static Path run;


    @BeforeAll
    static void writeRun() throws Exception {
        run = dir.resolve("run");
        HotspotCellsFixture.write(run, "2025-03", Instant.parse("2025-02-28T16:00:00Z"),
                HotspotCellsFixture.disks(new double[][] {{LON, LAT}}, 4, 40), Map.of("ALL", 1.0, "01", 0.5));
        HotspotCellsFixture.write(run, "2025-04", Instant.parse("2025-03-31T16:00:00Z"),
                HotspotCellsFixture.disks(new double[][] {{LON, LAT}, {120.42, 36.10}}, 3, 25), Map.of("ALL", 1.0));
        Files.writeString(run.resolve("_SUCCESS"), "");
    }

    private static List<List<String>> duck(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql.replace("CELLS", "read_parquet('" + run.resolve("hotspot_cells")
                        + "/**/*.parquet', hive_partitioning=true)"))) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String ogrinfo(Path file, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(OGRINFO.toString(), "-ro"));
        cmd.addAll(List.of(args));
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static long featureCount(String ogrinfoSummary) {
        Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(ogrinfoSummary);
        assertTrue(m.find(), ogrinfoSummary);
        return Long.parseLong(m.group(1));
    }

    private static String attribute(String feature, String name) {
        Matcher m = Pattern.compile("\\n\\s+" + name + " \\([A-Za-z0-9]+\\) = ([^\\n]*)").matcher(feature);
        assertTrue(m.find(), name + " in\n" + feature);
        return m.group(1).trim();
    }

    @Test
    void testGeoPackageAndFlatGeobufMatchDuckDb() throws Exception {
        long parquetRows = Long.parseLong(duck("SELECT count(*) FROM CELLS").get(0).get(0));
        assertTrue(parquetRows > 100, "fixture rows " + parquetRows);
        for (String format : List.of("gpkg", "fgb")) {
            Path out = dir.resolve("cells." + format);
            CliRun r = CliRun.of("export", "--from", run.toString(), "--table", "hotspot_cells", "--format", format, "--out", out.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains(parquetRows + " of " + parquetRows + " rows"), r.out());
            assertTrue(Files.size(out) > 1000);
            assumeTrue(Files.isExecutable(OGRINFO), "ogrinfo is not installed (Debian: apt-get install -y gdal-bin): "
                    + "skipping the GDAL checks of the export");
            String summary = ogrinfo(out, "-al", "-so");
            assertTrue(summary.contains(format.equals("gpkg") ? "using driver `GPKG' successful" : "using driver `FlatGeobuf' successful"),
                    summary);
            assertEquals(parquetRows, featureCount(summary), summary);
            assertTrue(summary.contains("Geometry: Polygon"), summary);
            assertTrue(summary.contains("ID[\"EPSG\",4326]"), summary);
            for (String column : List.of("h3: String", "h3_res: Integer", "cases: Integer64", "gi_z: Real",
                    "hot_class: String", "period_start: DateTime", "period: String", "rate: Real")) {
                assertTrue(summary.contains(column), column + " in\n" + summary);
            }
            // A few attribute values, cell by cell, against DuckDB (both partitions, a null rate included).
            List<List<String>> expected = duck("SELECT h3, period, category, h3_res, cases, components, rate, gi_z, hot_class, "
                    + "epoch_ms(period_start) FROM CELLS WHERE (h3_res = 9 AND cases = 40) OR (h3_res = 7 AND period = '2025-04') "
                    + "ORDER BY period, category, h3 LIMIT 6");
            assertTrue(expected.size() >= 3, expected.toString());
            for (List<String> row : expected) {
                String feature = ogrinfo(out, "-al", "-q", "-where", "h3 = '" + row.get(0) + "' AND period = '" + row.get(1)
                        + "' AND category = '" + row.get(2) + "'");
                assertEquals(1, Pattern.compile("OGRFeature\\(").matcher(feature).results().count(), feature);
                assertEquals(row.get(3), attribute(feature, "h3_res"));
                assertEquals(row.get(4), attribute(feature, "cases"));
                assertEquals(row.get(5), attribute(feature, "components"));
                assertEquals(row.get(6) == null ? "(null)" : row.get(6), nullOrNumber(attribute(feature, "rate"), row.get(6)));
                assertEquals(Double.parseDouble(row.get(7)), Double.parseDouble(attribute(feature, "gi_z")), 1e-9);
                assertEquals(row.get(8), attribute(feature, "hot_class"));
                String ts = attribute(feature, "period_start");
                assertEquals(Instant.ofEpochMilli(Long.parseLong(row.get(9))),
                        Instant.parse(ts.replace('/', '-').replace(' ', 'T').replace("+00", "Z")), ts);
                assertTrue(feature.contains("POLYGON (("), feature);
            }
        }
    }

    /** GDAL prints a double with 15 significant digits; compare numerically, keep "(null)" as it is. */
    private static String nullOrNumber(String gdal, String duck) {
        if (duck == null || gdal.equals("(null)")) {
            return gdal;
        }
        return Math.abs(Double.parseDouble(gdal) - Double.parseDouble(duck)) < 1e-9 ? duck : gdal;
    }

    @Test
    void testWhereKeepsTheRowsDuckDbSelects() throws Exception {
        long expected = Long.parseLong(duck("SELECT count(*) FROM CELLS WHERE category = 'ALL' AND h3_res = 9 AND period = '2025-04' "
                + "AND gi_z >= 1").get(0).get(0));
        assertTrue(expected > 0);
        Path out = dir.resolve("where.gpkg");
        CliRun r = CliRun.of("export", "--from", run.toString(), "--table", "hotspot_cells", "--format", "gpkg", "--where", "category=ALL",
                "--where", "h3_res=9", "--where", "period=2025-04", "--where", "gi_z>=1", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(": " + expected + " of "), r.out());
        // A value that looks like SQL is only ever a value: nothing matches, nothing breaks.
        Path none = dir.resolve("none.gpkg");
        CliRun injection = CliRun.of("export", "--from", run.toString(), "--table", "hotspot_cells", "--format", "gpkg",
                "--where", "category=ALL' OR '1'='1", "--out", none.toString());
        assertEquals(0, injection.exit(), injection.err());
        assertTrue(injection.out().contains(": 0 of "), injection.out());
        if (Files.isExecutable(OGRINFO)) {
            assertEquals(expected, featureCount(ogrinfo(out, "-al", "-so")));
            assertEquals(0, featureCount(ogrinfo(none, "-al", "-so")));
        }
    }

    @Test
    void testOneLineErrors() throws Exception {
        CliRun missing = CliRun.of("export", "--from", dir.resolve("nope").toString(), "--table", "hotspot_cells", "--format", "gpkg",
                "--out", dir.resolve("x.gpkg").toString());
        assertEquals(2, missing.exit());
        assertEquals("zhili export: --from " + dir.resolve("nope") + ": no such run directory (try --help)", missing.err().trim());
        CliRun table = CliRun.of("export", "--from", run.toString(), "--table", "hotspots", "--format", "gpkg", "--out",
                dir.resolve("x.gpkg").toString());
        assertEquals(2, table.exit());
        assertEquals("zhili export: unknown table 'hotspots' in " + run + " (tables: hotspot_cells) (try --help)", table.err().trim());
        CliRun column = CliRun.of("export", "--from", run.toString(), "--table", "hotspot_cells", "--format", "fgb", "--where", "colour=red",
                "--out", dir.resolve("x.fgb").toString());
        assertEquals(2, column.exit());
        assertEquals(1, column.err().trim().lines().count(), column.err());
        assertTrue(column.err().startsWith("zhili export: --where: unknown column 'colour' in table hotspot_cells (columns: h3, "),
                column.err());
        CliRun op = CliRun.of("export", "--from", run.toString(), "--table", "hotspot_cells", "--format", "fgb", "--where", "hot_class>HOT",
                "--out", dir.resolve("x.fgb").toString());
        assertEquals(2, op.exit());
        assertTrue(op.err().contains("> needs a number, timestamp or date column"), op.err());
        CliRun traversal = CliRun.of("export", "--from", run.toString(), "--table", "../run/hotspot_cells", "--format", "gpkg",
                "--out", dir.resolve("x.gpkg").toString());
        assertEquals(2, traversal.exit());
        CliRun format = CliRun.of("export", "--from", run.toString(), "--table", "hotspot_cells", "--format", "shp",
                "--out", dir.resolve("x.shp").toString());
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("--format must be gpkg or fgb"), format.err());
        assertFalse(Files.exists(dir.resolve("x.gpkg")) || Files.exists(dir.resolve("x.fgb")), "no partial output");
    }
}
