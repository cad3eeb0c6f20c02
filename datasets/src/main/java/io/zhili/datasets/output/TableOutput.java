package io.zhili.datasets.output;

import io.zhili.geo.parquet.GeoParquetWriter;
import io.zhili.geo.parquet.TableSchema;
import io.zhili.geo.table.CsvWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one generated table twice: as {@code NAME.csv} (RFC 4180, header row) and as Parquet parts
 * {@code parquet/NAME/part-00000.parquet ...} of at most {@code rowsPerPart} rows each, typed by a
 * {@link TableSchema}. A row may be written to the CSV only (a value the typed schema cannot hold), so the
 * writer reports where each row landed.
 *
 * <p>Not thread-safe: one writer, one thread, rows in file order.
 */
public final class TableOutput implements AutoCloseable {
    /** Where a row was written. */
    public record Placement(long csvLine, String parquetFile, long parquetRow) {
    }

    private final Path outDir;
    private final String name;
    private final TableSchema schema;
    private final int rowsPerPart;
    private final CsvWriter csv;
    private final List<String> parts = new ArrayList<>();
    private final List<Long> partRows = new ArrayList<>();
    private GeoParquetWriter parquet;
    private long csvRows;
    private long parquetRows;

    /**
     * Creates {@code outDir/NAME.csv} with {@code header} and an empty {@code outDir/parquet/NAME/}
     * (stale parts of an earlier run are deleted).
     */
    public TableOutput(Path outDir, String name, List<String> header, TableSchema schema, int rowsPerPart)
            throws IOException {
        this.outDir = outDir;
        this.name = name;
        this.schema = schema;
        this.rowsPerPart = rowsPerPart;
        Path dir = outDir.resolve("parquet").resolve(name);
        Files.createDirectories(dir);
        try (var stale = Files.newDirectoryStream(dir, "part-*.parquet")) {
            for (Path p : stale) {
                Files.delete(p);
            }
        }
        this.csv = new CsvWriter(new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(outDir.resolve(name + ".csv")), StandardCharsets.UTF_8), 1 << 20));
        csv.write(header.toArray());
    }

    /**
     * Writes a row: {@code csvValues} to the CSV and, unless {@code parquetValues} is null, the typed values
     * to the current Parquet part.
     */
    public Placement write(Object[] csvValues, Object[] parquetValues) throws IOException {
        csv.write(csvValues);
        csvRows++;
        long line = csvRows + 1;
        if (parquetValues == null) {
            return new Placement(line, null, 0);
        }
        if (parquet == null || parquet.rowCount() >= rowsPerPart) {
            closePart();
            String part = String.format("parquet/%s/part-%05d.parquet", name, parts.size());
            parts.add(part);
            parquet = GeoParquetWriter.open(outDir.resolve(part), schema);
        }
        parquet.write(parquetValues);
        parquetRows++;
        return new Placement(line, parts.get(parts.size() - 1), parquet.rowCount());
    }

    /** Data rows written to the CSV. */
    public long csvRows() {
        return csvRows;
    }

    /** Rows written to the Parquet parts. */
    public long parquetRows() {
        return parquetRows;
    }

    /** Parquet parts written, relative to the output directory. */
    public List<String> parts() {
        return List.copyOf(parts);
    }

    /** Rows of each part of {@link #parts()}; complete after {@link #close()}. */
    public List<Long> partRows() {
        return List.copyOf(partRows);
    }

    private void closePart() throws IOException {
        if (parquet != null) {
            partRows.add(parquet.rowCount());
            parquet.close();
            parquet = null;
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
        closePart();
    }
}
