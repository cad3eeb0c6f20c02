package io.zhili.geo.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a table as Hive-style partitions: rows of partition value {@code v} go to
 * {@code dir/<column>=<v>/part-<writerId>-<nnnnn>.parquet}, rows without a partition value to
 * {@code dir/part-<writerId>-<nnnnn>.parquet}. The partition column is in the directory name and, when
 * the file schema has a column of that name, also inside the files, so that one file read alone is
 * complete (GeoPandas, QGIS); the caller writes the partition value there. DuckDB's
 * {@code hive_partitioning} reads such a table with one column of that name.
 *
 * <p>A new file of a partition is started when the current one reaches {@code maxRowsPerFile} rows.
 * At most {@code maxOpenFiles} files are open at once (each buffers up to a row group in memory);
 * when a further partition needs one, the least recently written file is finished, and that
 * partition's next row starts a new file. The {@code writerId} keeps parallel writers of one table
 * apart (e.g. the subtask index). Partition values are escaped as Hive does ({@code /}, {@code =},
 * {@code %}, {@code :} and the like as {@code %XX}).
 *
 * <p>Not thread-safe: one instance per writing thread.
 */
public final class PartitionedTableWriter implements AutoCloseable {
    /** Default row limit per file. */
    public static final long DEFAULT_MAX_ROWS_PER_FILE = 5_000_000L;
    /** Default limit of simultaneously open files. */
    public static final int DEFAULT_MAX_OPEN_FILES = 32;

    private final Path dir;
    private final String partitionColumn;
    private final TableSchema schema;
    private final String writerId;
    private final long maxRowsPerFile;
    private final int maxOpenFiles;
    /** Open writers by partition value (null key: unpartitioned rows), least recently written first. */
    private final LinkedHashMap<String, GeoParquetWriter> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Integer> nextFileIndex = new HashMap<>();
    private final List<Path> files = new ArrayList<>();
    private long rowCount;
    private boolean closed;

    private PartitionedTableWriter(Path dir, String partitionColumn, TableSchema schema, String writerId,
                                   long maxRowsPerFile, int maxOpenFiles) {
        this.dir = Objects.requireNonNull(dir, "dir");
        // A null partition column makes an unpartitioned table: every row goes to dir itself.
        this.partitionColumn = partitionColumn;
        this.schema = Objects.requireNonNull(schema, "schema");
        this.writerId = Objects.requireNonNull(writerId, "writerId");
        if (partitionColumn != null && (partitionColumn.isEmpty() || !escape(partitionColumn).equals(partitionColumn))) {
            throw new IllegalArgumentException("partition column name '" + partitionColumn + "' is not a plain name");
        }
        if (writerId.isEmpty() || !escape(writerId).equals(writerId) || writerId.contains(" ")) {
            throw new IllegalArgumentException("writer id '" + writerId + "' is not a plain file name part");
        }
        if (maxRowsPerFile < 1 || maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxRowsPerFile and maxOpenFiles must be positive");
        }
        this.maxRowsPerFile = maxRowsPerFile;
        this.maxOpenFiles = maxOpenFiles;
    }

    /**
     * A writer with {@value #DEFAULT_MAX_ROWS_PER_FILE} rows per file and at most
     * {@value #DEFAULT_MAX_OPEN_FILES} open files.
     *
     * @param dir             table directory (created when the first row is written)
     * @param partitionColumn name of the partition column, e.g. {@code period}
     * @param fileSchema      the columns inside the files, with or without the partition column
     * @param writerId        distinguishes this writer's files from parallel writers', e.g. {@code "0"}
     */
    public static PartitionedTableWriter open(Path dir, String partitionColumn, TableSchema fileSchema,
                                              String writerId) {
        return open(dir, partitionColumn, fileSchema, writerId, DEFAULT_MAX_ROWS_PER_FILE, DEFAULT_MAX_OPEN_FILES);
    }

    /** As {@link #open(Path, String, TableSchema, String)} with explicit limits. */
    public static PartitionedTableWriter open(Path dir, String partitionColumn, TableSchema fileSchema,
                                              String writerId, long maxRowsPerFile, int maxOpenFiles) {
        return new PartitionedTableWriter(dir, partitionColumn, fileSchema, writerId, maxRowsPerFile, maxOpenFiles);
    }

    /**
     * Writes one row into the partition {@code partitionValue} (null: no partition directory).
     *
     * @param values the file schema's columns in order (see {@link GeoParquetWriter#write(Object...)})
     * @throws IllegalArgumentException for an empty partition value or a value the file schema refuses
     * @throws IOException              when a file cannot be created or written
     */
    public void write(String partitionValue, Object... values) throws IOException {
        if (closed) {
            throw new IllegalStateException("partitioned writer for " + dir + " is closed");
        }
        if (partitionColumn == null && partitionValue != null) {
            throw new IllegalArgumentException("table " + dir + " is not partitioned; got partition value '" + partitionValue + "'");
        }
        if (partitionValue != null && partitionValue.isEmpty()) {
            throw new IllegalArgumentException("partition value of '" + partitionColumn + "' is empty");
        }
        GeoParquetWriter w = open.get(partitionValue);
        if (w != null && w.rowCount() >= maxRowsPerFile) {
            open.remove(partitionValue);
            w.close();
            w = null;
        }
        if (w == null) {
            while (open.size() >= maxOpenFiles) {
                Iterator<GeoParquetWriter> eldest = open.values().iterator();
                GeoParquetWriter victim = eldest.next();
                eldest.remove();
                victim.close();
            }
            w = GeoParquetWriter.open(nextFile(partitionValue), schema);
            files.add(w.path());
            open.put(partitionValue, w);
        }
        w.write(values);
        rowCount++;
    }

    /** The file a partition's next new file gets. */
    private Path nextFile(String partitionValue) {
        int n = nextFileIndex.merge(partitionValue == null ? "\u0000" : partitionValue, 1, Integer::sum) - 1;
        String name = String.format("part-%s-%05d.parquet", writerId, n);
        return partitionValue == null ? dir.resolve(name)
                : dir.resolve(partitionColumn + "=" + escape(partitionValue)).resolve(name);
    }

    /** Rows written so far over all partitions. */
    public long rowCount() {
        return rowCount;
    }

    /** Every file started so far, in order of creation. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    /** Finishes every open file; idempotent. The first failure is thrown after all were tried. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        for (GeoParquetWriter w : open.values()) {
            try {
                w.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }

    /**
     * Hive's escaping of a partition path component: control characters and
     * {@code " # % ' * / : = ? \ { [ ] ^} and DEL become {@code %XX} (upper-case hex).
     */
    public static String escape(String value) {
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean special = c < 0x20 || c == 0x7F || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0;
            if (special) {
                if (sb == null) {
                    sb = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                sb.append('%').append(String.format("%02X", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? value : sb.toString();
    }
}
