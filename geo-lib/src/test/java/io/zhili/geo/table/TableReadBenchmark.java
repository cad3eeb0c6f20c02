package io.zhili.geo.table;

import io.zhili.geo.parquet.GeoParquetWriter;
import io.zhili.geo.parquet.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Read throughput of {@link TableReader} on the 15-column cases table (input contract in docs/CONTRACTS.md),
 * one thread, every field fetched with {@link TableReader#get(int)}. Not a unit test: run with
 *
 * <pre>
 * mvn -B -o -q -pl geo-lib test-compile
 * java -cp geo-lib/target/classes:geo-lib/target/test-classes:$(cat geo-lib/target/runtime-classpath.txt) \
 *     io.zhili.geo.table.TableReadBenchmark [rows]
 * </pre>
 */
public final class TableReadBenchmark {
    private static final List<String> HEADER = List.of("case_id", "source", "kind", "major_class", "minor_class",
            "component_id", "lon", "lat", "crs", "reported_at", "verified_at", "dispatched_at", "disposed_at",
            "closed_at", "district_code");
    private static final String[] SOURCES = {"PATROL", "CAMERA", "CITIZEN_APP", "HOTLINE_12345", "DRONE"};

    private TableReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        Path dir = Files.createTempDirectory("zhili-bench");
        Path csv = dir.resolve("cases.csv");
        Path parquet = dir.resolve("cases.parquet");
        TableSchema.Builder sb = TableSchema.builder();
        HEADER.forEach(sb::optionalString);
        Random rnd = new Random(7);
        try (CsvWriter w = CsvWriter.open(csv, HEADER);
             GeoParquetWriter p = GeoParquetWriter.open(parquet, sb.build())) {
            for (int i = 0; i < rows; i++) {
                long t = 1_735_689_600_000L + rnd.nextInt(365 * 86_400) * 1000L;
                Object[] row = {String.format("C2025%09d", i), SOURCES[i % SOURCES.length], i % 3 == 0 ? "EVENT" : "COMPONENT",
                        "01", "0101", i % 3 == 0 ? "" : "3702020101" + String.format("%06d", i % 999_999),
                        String.format("%.6f", 120.1 + rnd.nextDouble() * 0.6), String.format("%.6f", 35.9 + rnd.nextDouble() * 0.5),
                        i % 4 == 0 ? "GCJ02" : "WGS84", java.time.Instant.ofEpochMilli(t).toString(),
                        java.time.Instant.ofEpochMilli(t + 60_000).toString(), java.time.Instant.ofEpochMilli(t + 600_000).toString(),
                        i % 10 == 0 ? "" : java.time.Instant.ofEpochMilli(t + 7_200_000).toString(),
                        i % 10 == 0 ? "" : java.time.Instant.ofEpochMilli(t + 9_000_000).toString(), "370202"};
                w.write(row);
                p.write(row);
            }
        }
        System.out.printf("%d rows: csv %.1f MB, parquet %.1f MB%n", rows, Files.size(csv) / 1e6, Files.size(parquet) / 1e6);
        try {
            for (int run = 1; run <= 3; run++) {
                measure("csv", csv, rows);
                measure("parquet", parquet, rows);
            }
        } finally {
            Files.delete(csv);
            Files.delete(parquet);
            Files.delete(dir);
        }
    }

    private static void measure(String label, Path file, int expected) {
        long start = System.nanoTime();
        long n = 0;
        long chars = 0;
        try (TableReader r = TableReader.open(file)) {
            int width = r.columns().size();
            while (r.next()) {
                for (int i = 0; i < width; i++) {
                    chars += r.get(i).length();
                }
                n++;
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        if (n != expected) {
            throw new IllegalStateException(label + ": read " + n + " rows, wrote " + expected);
        }
        System.out.printf("%-8s %,d rows in %.2f s = %,.0f rows/s (%d chars)%n", label, n, s, n / s, chars);
    }
}
