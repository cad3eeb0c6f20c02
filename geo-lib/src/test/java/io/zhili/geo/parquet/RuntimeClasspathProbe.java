package io.zhili.geo.parquet;

import io.zhili.geo.table.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.locationtech.jts.io.WKTReader;

/**
 * Run by {@link RuntimeClasspathTest} in a fresh JVM whose classpath is geo-lib's runtime
 * dependencies only: writes every column type, a partitioned table, and reads Parquet files back,
 * printing what it read. Argument: a directory to work in, then Parquet files written by others.
 */
public final class RuntimeClasspathProbe {
    private RuntimeClasspathProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path file = dir.resolve("all.parquet");
        TableSchema schema = TableSchema.builder().string("s").int32("i").int64("l").float64("d").bool("b")
                .timestampMillis("t").geometry("geometry").optionalString("o").build();
        try (GeoParquetWriter w = GeoParquetWriter.open(file, schema)) {
            w.write("x", 1, 2L, 3.5, true, Instant.ofEpochMilli(1000), new WKTReader().read("POINT (1 2)"), null);
        }
        System.out.println("geo " + GeoParquetMetadata.read(file).orElseThrow().toJson());
        try (PartitionedTableWriter p = PartitionedTableWriter.open(dir.resolve("parts"), "period",
                TableSchema.builder().string("s").build(), "0")) {
            p.write("2025-01", "y");
        }
        System.out.println("parts " + Files.exists(dir.resolve("parts/period=2025-01/part-0-00000.parquet")));
        for (int a = 0; a < args.length; a++) {
            Path in = a == 0 ? file : Path.of(args[a]);
            try (TableReader r = TableReader.open(in)) {
                while (r.next()) {
                    System.out.println("row " + in.getFileName() + " " + r.raw());
                }
            }
        }
    }
}
