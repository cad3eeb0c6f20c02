package io.zhili.geo.table;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads one input table file row by row as text, whatever its format, so that every job parses and
 * validates CSV and Parquet inputs with the same code.
 *
 * <p>Usage: {@code while (reader.next()) { if (!reader.wellFormed()) reject(reader.rowNumber(),
 * reader.malformedReason(), reader.raw()); else use(reader.get(i)); }}. Values are valid until the
 * next call to {@link #next()}.
 *
 * <p>Not thread-safe: one reader per thread. Failures to read the file at all are
 * {@link TableInputException}s; a single bad row is reported through {@link #wellFormed()}.
 */
public interface TableReader extends AutoCloseable {

    /**
     * Opens {@code file} as CSV ({@code .csv}: RFC 4180, UTF-8, header row) or Parquet
     * ({@code .parquet}), chosen by extension.
     *
     * @throws TableInputException when the file cannot be opened, has an unknown extension, or has
     *                             no header (CSV) or no readable footer (Parquet)
     */
    static TableReader open(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (TableFiles.isCsv(file)) {
            return CsvTableReader.open(file);
        }
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet")) {
            return ParquetTableReader.open(file);
        }
        throw new TableInputException(file + ": not a .csv or .parquet file");
    }

    /**
     * Reads the CSV rows in bytes {@code [start, end)} of {@code file}, for parallel reading of one large
     * file. {@code start} must be a row boundary (see {@link CsvSplits}), {@code header} the file's
     * columns and {@code firstLine} the physical line number at {@code start}, so that
     * {@link #rowNumber()} is the line in the whole file.
     */
    static TableReader openCsvRange(Path file, List<String> header, long start, long end, long firstLine) {
        return CsvTableReader.openRange(file, header, start, end, firstLine);
    }

    /** The file being read. */
    Path file();

    /** Column names in file order (the CSV header, or the Parquet flat columns); unmodifiable. */
    List<String> columns();

    /** Index of the named column (exact, case-sensitive match; first if repeated), or -1. */
    default int columnIndex(String name) {
        return columns().indexOf(name);
    }

    /**
     * Advances to the next row.
     *
     * @return false at the end of the file
     * @throws TableInputException when the file cannot be read further (I/O or corrupt Parquet page)
     */
    boolean next();

    /**
     * Where the current row is: for CSV the 1-based physical line on which the record starts (the
     * header is line 1, so the first data row is usually 2); for Parquet the 1-based row index.
     */
    long rowNumber();

    /**
     * The current row's value of {@code column} as text; null and empty cells are {@code ""}. For a
     * malformed CSV row, columns beyond the fields present are {@code ""}. Parquet integers and
     * floats are rendered with {@link Long#toString}/{@link Double#toString}, timestamps as epoch
     * milliseconds (any unit, INT96 included; a timestamp not adjusted to UTC is read as if it were UTC), dates as ISO {@code yyyy-MM-dd}, decimals in plain notation, booleans as
     * {@code true}/{@code false}, and binary values without a string annotation (e.g. WKB) as
     * lowercase hex.
     *
     * @throws IndexOutOfBoundsException when {@code column} is not in {@code [0, columns().size())}
     */
    String get(int column);

    /**
     * The current row as it appears in the file, for reject outputs: the raw CSV record (without
     * its line terminator), or for Parquet the row's values rendered as one CSV line.
     */
    String raw();

    /** False when the current row cannot be used as a row of this table (see {@link #malformedReason()}). */
    boolean wellFormed();

    /** One-line reason why the current row is malformed, or null when it is well formed. */
    String malformedReason();

    /** Closes the file; idempotent. */
    @Override
    void close();
}
