package io.zhili.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.crs.Distances;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zhili changes} on a hand-made street corner: CSV changes with WKT geometry, GeoJSON footprints,
 * no permits; outcomes, merged fragments, rejects with their lines; and one-line errors for bad arguments.
 */
class ChangesCommandTest {
    private static final double LON = 120.38;
    private static final double LAT = 36.07;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return ZhiliCommand.execute(args);
        } finally {
            System.setErr(oldErr);
        }
    }

    /** A w×h metre box whose south-west corner is (x, y) metres east/north of the corner. */
    static String box(double x, double y, double w, double h) {
        double mx = Distances.metersPerDegreeLon(LAT);
        double my = Distances.metersPerDegreeLat(LAT);
        double[][] c = {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}};
        List<String> pts = new ArrayList<>();
        for (double[] p : c) {
            pts.add(String.format(Locale.ROOT, "%.9f %.9f", LON + p[0] / mx, LAT + p[1] / my));
        }
        return "POLYGON((" + String.join(", ", pts) + "))";
    }

    private Path world() throws Exception {
        Path dir = tmp.resolve("world");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("changes.csv"), String.join("\n",
                "change_id,before_date,after_date,confidence,change_class,geometry",
                "c1,2025-03-01,2025-09-01,0.9,BUILT_UP,\"" + box(1, 1, 18, 18) + "\"",
                "c2,2025-03-01,2025-09-01,0.8,,\"" + box(100, 0, 15, 12) + "\"",
                "c3,2025-03-01,2025-09-01,0.8",
                "c4,2025-03-01,2025-09-01,high,BUILT_UP,\"" + box(200, 0, 15, 12) + "\"",
                "c5a,2025-03-01,2025-09-01,0.7,BUILT_UP,\"" + box(300, 0, 8, 12) + "\"",
                "c5b,2025-03-01,2025-09-01,0.7,BUILT_UP,\"" + box(309, 0, 8, 12) + "\"",
                "c6,2025-03-01,2025-09-01,0.9,WATER,\"" + box(400, 0, 30, 30) + "\"",
                "c7,2025-09-01,2025-03-01,0.9,BUILT_UP,\"" + box(500, 0, 30, 30) + "\"",
                ""));
        Files.writeString(dir.resolve("buildings.geojson"), "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"building_id\":\"B1\",\"registered_at\":\"2010-01-01\"},"
                + "\"geometry\":" + geoJson(box(0, 0, 20, 20)) + "}]}");
        return dir;
    }

    private static String geoJson(String wkt) {
        String inner = wkt.substring("POLYGON((".length(), wkt.length() - 2);
        List<String> pts = new ArrayList<>();
        for (String p : inner.split(", ")) {
            String[] xy = p.split(" ");
            pts.add("[" + xy[0] + "," + xy[1] + "]");
        }
        return "{\"type\":\"Polygon\",\"coordinates\":[[" + String.join(",", pts) + "]]}";
    }

    @Test
    void screensAHandMadeCorner() throws Exception {
        Path w = world();
        Path out = tmp.resolve("out");
        assertEquals(0, run("changes", "--changes", w.resolve("changes.csv").toString(), "--buildings",
                w.resolve("buildings.geojson").toString(), "--out", out.toString(), "--round", "R1", "--parallelism", "1"),
                err.toString(StandardCharsets.UTF_8));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT change_ids, n_fragments, status, round, round(area_m2) FROM read_parquet('"
                    + out + "/suspects/*.parquet') ORDER BY 1");
            assertTrue(rs.next());
            assertEquals("c2", rs.getString(1));
            assertEquals("NEW", rs.getString(3));
            assertEquals("R1", rs.getString(4));
            assertEquals(180, rs.getDouble(5), 2);
            assertTrue(rs.next());
            assertEquals("c5a,c5b", rs.getString(1));
            assertEquals(2, rs.getInt(2));
            assertFalse(rs.next());
            rs = st.executeQuery("SELECT change_id, outcome FROM read_parquet('" + out + "/explained/*.parquet') ORDER BY 1");
            assertTrue(rs.next());
            assertEquals("c1 REGISTERED_BUILDING", rs.getString(1) + " " + rs.getString(2));
            assertTrue(rs.next());
            assertEquals("c6 NOT_BUILT_UP", rs.getString(1) + " " + rs.getString(2));
            assertFalse(rs.next());
            rs = st.executeQuery("SELECT line, reason FROM read_parquet('" + out + "/rejects/*.parquet') ORDER BY 1");
            assertTrue(rs.next());
            assertEquals("4 MALFORMED_ROW", rs.getLong(1) + " " + rs.getString(2));
            assertTrue(rs.next());
            assertEquals("5 BAD_CONFIDENCE", rs.getLong(1) + " " + rs.getString(2));
            assertTrue(rs.next());
            assertEquals("9 BAD_DATE", rs.getLong(1) + " " + rs.getString(2));
            assertFalse(rs.next());
        }
        String cases = Files.readString(out.resolve("cases.csv"));
        assertEquals(3, cases.split("\r\n").length, cases);
        assertTrue(cases.contains(",SATELLITE,EVENT,01,0101,,"), cases);
        assertTrue(cases.contains(",WGS84,2025-09-01T00:00:00+08:00,"), cases);
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void badArgumentsFailWithOneLine() throws Exception {
        Path w = world();
        String buildings = w.resolve("buildings.geojson").toString();
        String changes = w.resolve("changes.csv").toString();
        assertEquals(1, run("changes", "--changes", w.resolve("nope.csv").toString(), "--buildings", buildings,
                "--out", tmp.resolve("o1").toString()));
        assertEquals(1, run("changes", "--changes", changes, "--buildings", buildings, "--previous", w.toString(),
                "--out", tmp.resolve("o2").toString()));
        assertEquals(1, run("changes", "--changes", changes, "--buildings", buildings, "--explained-overlap", "1.5",
                "--out", tmp.resolve("o3").toString()));
        Files.writeString(w.resolve("noconf.csv"), "change_id,before_date,after_date,geometry\nc1,2025-03-01,2025-09-01,\""
                + box(0, 0, 10, 10) + "\"\n");
        assertEquals(1, run("changes", "--changes", w.resolve("noconf.csv").toString(), "--buildings", buildings,
                "--out", tmp.resolve("o4").toString()));
        Files.writeString(w.resolve("broken.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Fea");
        assertEquals(1, run("changes", "--changes", w.resolve("broken.geojson").toString(), "--buildings", buildings,
                "--out", tmp.resolve("o5").toString(), "--parallelism", "1"));
        String[] lines = err.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals(5, lines.length, String.join("\n", lines));
        assertTrue(lines[3].contains("has no column 'confidence'"), lines[3]);
        assertTrue(lines[4].startsWith("zhili changes: ") && lines[4].contains("broken.geojson"), lines[4]);
        assertFalse(Files.exists(tmp.resolve("o5").resolve("_SUCCESS")));
        // Only a header: a run over nothing, published with zero counts.
        Files.writeString(w.resolve("empty.csv"), "change_id,before_date,after_date,confidence,geometry\n");
        assertEquals(0, run("changes", "--changes", w.resolve("empty.csv").toString(), "--buildings", buildings,
                "--out", tmp.resolve("o6").toString(), "--parallelism", "1"));
        assertTrue(Files.readString(tmp.resolve("o6/run.json")).contains("\"balanced\" : true"));
        assertTrue(lines[0].startsWith("zhili changes: --changes ") && lines[0].endsWith("does not exist"), lines[0]);
        assertTrue(lines[1].contains("is not a published `zhili changes` output"), lines[1]);
        assertTrue(lines[2].contains("--explained-overlap must be in (0, 1]"), lines[2]);
        assertFalse(Files.exists(tmp.resolve("o1")));
    }
}
