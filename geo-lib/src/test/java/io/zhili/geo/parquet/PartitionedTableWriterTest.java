package io.zhili.geo.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

class PartitionedTableWriterTest {
    @TempDir
    Path dir;

    static final TableSchema FILE_SCHEMA = TableSchema.builder()
            .string("h3").int64("cases").geometry("geometry").build();

    private List<String> relativeFiles(Path root) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
        }
        out.sort(null);
        return out;
    }

    private static List<String> query(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void rowsLandInHivePartitionsThatDuckDbReadsBack() throws Exception {
        Path table = dir.resolve("hotspot_cells");
        WKTReader wkt = new WKTReader();
        try (PartitionedTableWriter w = PartitionedTableWriter.open(table, "period", FILE_SCHEMA, "3", 2, 8)) {
            w.write("2025-01", "a", 1L, wkt.read("POINT (120.1 36.1)"));
            w.write("2025-02", "b", 2L, wkt.read("POINT (120.2 36.2)"));
            w.write("2025-01", "c", 3L, wkt.read("POINT (120.3 36.3)"));
            w.write("2025-01", "d", 4L, wkt.read("POINT (120.4 36.4)"));
            assertEquals(4, w.rowCount());
        }
        assertEquals(List.of("period=2025-01/part-3-00000.parquet", "period=2025-01/part-3-00001.parquet",
                "period=2025-02/part-3-00000.parquet"), relativeFiles(table));
        String glob = "'" + table.toAbsolutePath() + "/**/*.parquet'";
        assertEquals(List.of("2025-01|a|1", "2025-02|b|2", "2025-01|c|3", "2025-01|d|4"),
                query("SELECT period, h3, cases FROM read_parquet(" + glob + ", hive_partitioning = true)"
                        + " ORDER BY h3"));
        // The partition column lives only in the directory name.
        assertEquals(List.of("h3", "cases", "geometry"), query("SELECT column_name FROM (DESCRIBE SELECT * FROM"
                + " read_parquet('" + table.resolve("period=2025-01/part-3-00000.parquet").toAbsolutePath()
                + "', hive_partitioning = false))"));
        GeoParquetMetadata geo = GeoParquetMetadata.read(table.resolve("period=2025-01/part-3-00001.parquet"))
                .orElseThrow();
        assertEquals(List.of("Point"), geo.columns().get("geometry").geometryTypes());
        assertEquals(List.of(120.4, 36.4, 120.4, 36.4),
                List.of(geo.columns().get("geometry").bbox()[0], geo.columns().get("geometry").bbox()[1],
                        geo.columns().get("geometry").bbox()[2], geo.columns().get("geometry").bbox()[3]));
    }

    @Test
    void nullPartitionValueWritesIntoTheTableDirectory() throws Exception {
        Path table = dir.resolve("plain");
        try (PartitionedTableWriter w = PartitionedTableWriter.open(table, "period", FILE_SCHEMA, "0")) {
            w.write(null, "a", 1L, new WKTReader().read("POINT (1 1)"));
        }
        assertEquals(List.of("part-0-00000.parquet"), relativeFiles(table));
        assertEquals(List.of("a|1"), query("SELECT h3, cases FROM read_parquet('" + table.toAbsolutePath()
                + "/*.parquet')"));
    }

    @Test
    void leastRecentlyWrittenFileIsFinishedWhenTooManyAreOpen() throws Exception {
        Path table = dir.resolve("lru");
        try (PartitionedTableWriter w = PartitionedTableWriter.open(table, "day", FILE_SCHEMA, "0", 100, 2)) {
            w.write("1", "a", 1L, new WKTReader().read("POINT (1 1)"));
            w.write("2", "b", 2L, new WKTReader().read("POINT (1 1)"));
            w.write("3", "c", 3L, new WKTReader().read("POINT (1 1)"));   // finishes day=1
            w.write("2", "d", 4L, new WKTReader().read("POINT (1 1)"));   // day=2 still open
            w.write("1", "e", 5L, new WKTReader().read("POINT (1 1)"));   // new file for day=1, finishes day=3
            assertEquals(4, w.files().size());
        }
        assertEquals(List.of("day=1/part-0-00000.parquet", "day=1/part-0-00001.parquet", "day=2/part-0-00000.parquet",
                "day=3/part-0-00000.parquet"), relativeFiles(table));
        assertEquals(List.of("1|a", "2|b", "3|c", "2|d", "1|e"), query("SELECT day, h3 FROM read_parquet('"
                + table.toAbsolutePath() + "/**/*.parquet', hive_partitioning = true) ORDER BY h3"));
    }

    @Test
    void partitionValuesAreEscapedAsHiveDoes() {
        assertEquals("2025-01", PartitionedTableWriter.escape("2025-01"));
        assertEquals("a%2Fb%3Dc%3A%25", PartitionedTableWriter.escape("a/b=c:%"));
        assertEquals("青岛", PartitionedTableWriter.escape("青岛"));
    }

    @Test
    void aSchemaWithThePartitionColumnKeepsItInTheFiles() throws Exception {
        TableSchema withPeriod = TableSchema.builder().string("period").int64("cases").build();
        try (PartitionedTableWriter w = PartitionedTableWriter.open(dir, "period", withPeriod, "0")) {
            w.write("2025-01", "2025-01", 3L);
        }
        Path file = dir.resolve("period=2025-01").resolve("part-0-00000.parquet");
        assertTrue(Files.isRegularFile(file));
        assertEquals(List.of("cases"), withPeriod.without("period").names());
    }
}
