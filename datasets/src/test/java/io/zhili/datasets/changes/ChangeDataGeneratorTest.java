package io.zhili.datasets.changes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.datasets.Scale;
import io.zhili.datasets.city.CityLayout;
import io.zhili.geo.table.TableReader;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKBReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change data set: deterministic, truth for every row, the planted mix, readable by DuckDB. */
class ChangeDataGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedSameBytesAndTruthForEveryRow() throws Exception {
        CityLayout layout = CityLayout.standard();
        ChangeDataGenerator.Summary a = ChangeDataGenerator.generate(dir.resolve("a"), Scale.SMALL, 7, layout);
        ChangeDataGenerator.Summary b = ChangeDataGenerator.generate(dir.resolve("b"), Scale.SMALL, 7, layout);
        assertEquals(a.files(), b.files());
        for (String f : a.files().keySet()) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        assertTrue(a.changesRound1() > 800 && a.changesRound2() > a.changesRound1(), a.toString());
        assertTrue(a.buildings() >= 1400, a.toString());
        assertEquals(0, a.crowded(), "every object has its free space at the small scale");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            Path d = dir.resolve("a");
            // Every change row has exactly one truth line (a repeated change_id has two rows and two lines).
            ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + d + "/changes/**/*.parquet')");
            rs.next();
            long changes = rs.getLong(1);
            rs = st.executeQuery("SELECT count(*) FROM read_csv('" + d + "/truth/changes.csv', all_varchar=true)");
            rs.next();
            assertEquals(changes, rs.getLong(1));
            assertEquals(a.changesRound1() + a.changesRound2(), changes);
            // The planted mix per round.
            Map<String, Long> expected = new HashMap<>();
            rs = st.executeQuery("SELECT expected, count(*) FROM read_csv('" + d + "/truth/changes.csv', all_varchar=true) "
                    + "WHERE round = '1' GROUP BY 1");
            while (rs.next()) {
                expected.put(rs.getString(1), rs.getLong(2));
            }
            assertEquals(150, expected.get("REGISTERED_BUILDING"));
            assertEquals(60, expected.get("PERMITTED"));
            assertEquals(3, expected.get("REJECTED:DUPLICATE_ID"));
            assertTrue(expected.get("SUSPECT") > 120, expected.toString());
            // Round-2 illegal structures of round 1 are exactly those flagged as persisting.
            rs = st.executeQuery("WITH t AS (SELECT * FROM read_csv('" + d + "/truth/changes.csv', all_varchar=true) WHERE kind = 'ILLEGAL') "
                    + "SELECT (SELECT count(DISTINCT structure_id) FROM t WHERE round = '1' AND persists = 'true'), "
                    + "(SELECT count(DISTINCT structure_id) FROM t WHERE round = '2' AND structure_id IN (SELECT structure_id FROM t WHERE round = '1'))");
            rs.next();
            assertTrue(rs.getLong(1) > 40);
            assertEquals(rs.getLong(1), rs.getLong(2));
            // Footprints: WKB polygons in Qingdao, as geo-lib's reader hands them to the job.
            long footprints = 0;
            try (TableReader r = TableReader.open(d.resolve("buildings/part-00000.parquet"))) {
                int g = r.columnIndex("geometry");
                while (r.next()) {
                    Geometry p = new WKBReader().read(WKBReader.hexToBytes(r.get(g)));
                    assertTrue(p.isValid() && p.getArea() > 0);
                    Point c = p.getCentroid();
                    assertTrue(c.getX() > 119 && c.getX() < 121.5 && c.getY() > 35 && c.getY() < 37.5, c.toString());
                    footprints++;
                }
            }
            assertEquals(a.buildings(), footprints);
        }
    }
}
