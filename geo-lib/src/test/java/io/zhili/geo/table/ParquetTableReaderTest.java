package io.zhili.geo.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.parquet.GeoParquetWriter;
import io.zhili.geo.parquet.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

class ParquetTableReaderTest {
    @TempDir
    Path dir;

    private static void duck(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            st.execute(sql);
        }
    }

    private static String sqlPath(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private Path duckDbCasesFile(String compression) throws Exception {
        Path f = dir.resolve("cases-" + compression + ".parquet");
        duck("COPY (SELECT * FROM (VALUES"
                + " ('C1', 'CITIZEN_APP', 120.38::DOUBLE, 36.07::DOUBLE, 42::INTEGER, 9000000000::BIGINT, true,"
                + "  TIMESTAMPTZ '2025-01-01 08:30:00.123+00', TIMESTAMP '2025-01-01 00:00:01', DATE '2025-03-04',"
                + "  12.50::DECIMAL(9,2), '青岛, \"市南\"'),"
                + " ('C2', 'PATROL', -0.5::DOUBLE, 0::DOUBLE, NULL, NULL, false, NULL, NULL, NULL, NULL, '')"
                + ") AS t(case_id, source, lon, lat, n32, n64, flag, reported_at, local_ts, day, amount, note))"
                + " TO " + sqlPath(f) + " (FORMAT parquet, COMPRESSION " + compression + ")");
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zstd", "gzip", "lz4_raw", "uncompressed"})
    void readsWhatDuckDbWritesWithEveryCommonCodec(String compression) throws Exception {
        Path f = duckDbCasesFile(compression);
        try (TableReader r = TableReader.open(f)) {
            assertEquals(List.of("case_id", "source", "lon", "lat", "n32", "n64", "flag", "reported_at", "local_ts",
                    "day", "amount", "note"), r.columns());
            assertTrue(r.next());
            assertEquals(1, r.rowNumber());
            assertEquals("C1", r.get(0));
            assertEquals("CITIZEN_APP", r.get(1));
            assertEquals("120.38", r.get(2));
            assertEquals("36.07", r.get(3));
            assertEquals("42", r.get(4));
            assertEquals("9000000000", r.get(5));
            assertEquals("true", r.get(6));
            assertEquals("1735720200123", r.get(7), "TIMESTAMPTZ (micros) as epoch millis");
            assertEquals("1735689601000", r.get(8), "TIMESTAMP (micros, local) as epoch millis");
            assertEquals("2025-03-04", r.get(9));
            assertEquals("12.50", r.get(10));
            assertEquals("青岛, \"市南\"", r.get(11));
            assertTrue(r.wellFormed());
            assertEquals("C1,CITIZEN_APP,120.38,36.07,42,9000000000,true,1735720200123,1735689601000,2025-03-04,"
                    + "12.50,\"青岛, \"\"市南\"\"\"", r.raw());

            assertTrue(r.next());
            assertEquals(2, r.rowNumber());
            assertEquals("-0.5", r.get(2));
            assertEquals("0.0", r.get(3));
            for (int i = 4; i < 12; i++) {
                if (i != 6) {
                    assertEquals("", r.get(i), "null and empty cells read as empty: " + r.columns().get(i));
                }
            }
            assertEquals("false", r.get(6));
            assertFalse(r.next());
        }
    }

    @Test
    void dictionaryEncodedColumnsOverSeveralRowGroupsAreReadInOrder() throws Exception {
        Path f = dir.resolve("many.parquet");
        duck("COPY (SELECT i, 'S' || (i % 5) AS s, i % 3 = 0 AS b FROM range(250000) t(i))"
                + " TO " + sqlPath(f) + " (FORMAT parquet, ROW_GROUP_SIZE 100000)");
        long n = 0;
        long sum = 0;
        try (TableReader r = TableReader.open(f)) {
            while (r.next()) {
                long i = Long.parseLong(r.get(0));
                assertEquals(n, i);
                assertEquals(n + 1, r.rowNumber());
                assertEquals("S" + (i % 5), r.get(1));
                assertEquals(Boolean.toString(i % 3 == 0), r.get(2));
                sum += i;
                n++;
            }
        }
        assertEquals(250_000, n);
        assertEquals(250_000L * 249_999 / 2, sum);
    }

    @Test
    void nestedColumnsAreLeftOut() throws Exception {
        Path f = dir.resolve("nested.parquet");
        duck("COPY (SELECT 'a' AS id, {'xmin': 1.0, 'xmax': 2.0} AS bbox, [1, 2] AS xs, 7 AS n)"
                + " TO " + sqlPath(f) + " (FORMAT parquet)");
        try (TableReader r = TableReader.open(f)) {
            assertEquals(List.of("id", "n"), r.columns());
            assertTrue(r.next());
            assertEquals("a", r.get(0));
            assertEquals("7", r.get(1));
        }
    }

    @Test
    void ownGeoParquetRendersTimestampsAsMillisAndWkbAsHex() throws Exception {
        Path f = dir.resolve("own.parquet");
        try (GeoParquetWriter w = GeoParquetWriter.open(f, TableSchema.builder()
                .string("id").timestampMillis("ts").float64("x").geometry("geometry").build())) {
            w.write("p", 1735689600000L, 1.0e7, new WKTReader().read("POINT (1 2)"));
        }
        try (TableReader r = TableReader.open(f)) {
            assertTrue(r.next());
            assertEquals("1735689600000", r.get(1));
            assertEquals("1.0E7", r.get(2));
            assertEquals("0101000000000000000000f03f0000000000000040", r.get(3));
        }
    }

    @Test
    void notAParquetFileIsAOneLineInputError() throws Exception {
        Path f = dir.resolve("fake.parquet");
        Files.writeString(f, "case_id,lon\nC1,1\n");
        TableInputException e = assertThrows(TableInputException.class, () -> TableReader.open(f));
        assertTrue(e.getMessage().startsWith(f + ": not a readable Parquet file: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void unknownExtensionIsRefused() {
        Path f = dir.resolve("x.json");
        assertEquals(f + ": not a .csv or .parquet file",
                assertThrows(TableInputException.class, () -> TableReader.open(f)).getMessage());
    }
}
