package io.zhili.geo.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

/**
 * Writes one Parquet file of a {@link TableSchema}, row by row, with GeoParquet 1.1 metadata
 * (footer key {@code geo}) when the schema has a geometry column.
 *
 * <p>Files are SNAPPY-compressed with row groups of about {@value #ROW_GROUP_BYTES} bytes and are
 * written through local NIO files, with no Hadoop FileSystem or configuration (see {@link ParquetCodecs}). An existing file at
 * the path is replaced; missing parent directories are created.
 *
 * <p>Values are given in schema order (see {@link ColumnType} for the Java types each column takes).
 * Geometries are written as 2D little-endian WKB (any Z is dropped) in EPSG:4326 longitude/latitude,
 * which GeoParquet calls OGC:CRS84 and which is its default, so no {@code crs} is written. The
 * {@code geo} metadata lists the distinct geometry types written and the bounding box of all
 * non-empty geometries (no {@code bbox} when there were none).
 *
 * <p>Not thread-safe: one instance per output file, used by one thread.
 */
public final class GeoParquetWriter implements AutoCloseable {
    /** Target row group size in bytes (64 MiB). */
    public static final long ROW_GROUP_BYTES = 64L * 1024 * 1024;

    private final Path path;
    private final TableSchema schema;
    private final EncodedRow row;
    private final GeometryColumnStats[] geometryStats;
    private final WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN);
    private static final int UTF8_CACHE_ENTRIES = 200_000;
    private final java.util.HashMap<String, Binary> utf8Cache = new java.util.HashMap<>();
    private final ParquetWriter<EncodedRow> writer;
    private long rowCount;
    private boolean closed;

    private GeoParquetWriter(Path path, TableSchema schema) throws IOException {
        this.path = path;
        this.schema = schema;
        this.row = new EncodedRow(schema.size());
        this.geometryStats = new GeometryColumnStats[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            if (schema.column(i).type() == ColumnType.GEOMETRY) {
                geometryStats[i] = new GeometryColumnStats();
            }
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        RowWriteSupport support = new RowWriteSupport(schema, this::footerMetadata);
        Builder builder = new Builder(new LocalOutputFile(path), support);
        builder.withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                // Size statistics (level histograms per page) serve no reader we target and cost per value.
                .withSizeStatisticsEnabled(false);
        for (int i = 0; i < schema.size(); i++) {
            ColumnType type = schema.column(i).type();
            // Geometries and measured doubles almost never repeat: a dictionary attempt costs a hash per
            // value and is thrown away at the first page, so those columns go straight to plain encoding.
            if (type == ColumnType.GEOMETRY || type == ColumnType.FLOAT64) {
                builder.withDictionaryEncoding(schema.column(i).name(), false);
            }
            if (type == ColumnType.GEOMETRY) {
                // Byte-wise min/max of WKB means nothing; GeoParquet readers use the bbox in the metadata.
                builder.withStatisticsEnabled(schema.column(i).name(), false);
            }
        }
        this.writer = builder.build();
    }

    /**
     * Creates (or replaces) the file at {@code file} for rows of {@code schema}.
     *
     * @throws IOException when the file or its directory cannot be created
     */
    public static GeoParquetWriter open(Path file, TableSchema schema) throws IOException {
        return new GeoParquetWriter(file, schema);
    }

    /**
     * Appends one row: one value per column in schema order; null only for optional columns.
     *
     * @throws IllegalArgumentException naming the column when a value is missing, null for a
     *                                  required column, or of the wrong type; nothing is written then
     * @throws IOException              when the file cannot be written
     */
    public void write(Object... values) throws IOException {
        if (closed) {
            throw new IllegalStateException("writer for " + path + " is closed");
        }
        if (values.length != schema.size()) {
            throw new IllegalArgumentException("expected " + schema.size() + " values " + schema.names()
                    + ", got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            encode(i, values[i]);
        }
        // Stats only after every value passed, so a refused row leaves no trace in the metadata.
        for (int i = 0; i < values.length; i++) {
            if (geometryStats[i] != null && values[i] != null) {
                geometryStats[i].add(values[i] instanceof EncodedGeometry e ? e.geometry() : (Geometry) values[i]);
            }
        }
        writer.write(row);
        rowCount++;
    }

    /** Rows written so far. */
    public long rowCount() {
        return rowCount;
    }

    public Path path() {
        return path;
    }

    public TableSchema schema() {
        return schema;
    }

    /** Writes the footer (with the {@code geo} metadata) and closes the file; idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }

    private void encode(int i, Object value) {
        TableColumn column = schema.column(i);
        if (value == null) {
            if (!column.optional()) {
                throw new IllegalArgumentException("column '" + column.name() + "' is required but the value is null");
            }
            row.present[i] = false;
            return;
        }
        row.present[i] = true;
        switch (column.type()) {
            case STRING -> {
                if (value instanceof CharSequence s) {
                    row.binaries[i] = utf8(s.toString());
                } else if (value instanceof Enum<?> e) {
                    row.binaries[i] = utf8(e.name());
                } else {
                    throw wrongType(column, "a string", value);
                }
            }
            case INT32 -> {
                long v = integral(column, value);
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("column '" + column.name() + "' (int32): " + v
                            + " does not fit in 32 bits");
                }
                row.longs[i] = v;
            }
            case INT64 -> row.longs[i] = integral(column, value);
            case TIMESTAMP_MILLIS -> row.longs[i] = value instanceof Instant t ? t.toEpochMilli() : integral(column, value);
            case FLOAT64 -> {
                if (!(value instanceof Number n)) {
                    throw wrongType(column, "a number", value);
                }
                row.doubles[i] = n.doubleValue();
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw wrongType(column, "a Boolean", value);
                }
                row.longs[i] = b ? 1 : 0;
            }
            case GEOMETRY -> {
                if (value instanceof EncodedGeometry e) {
                    row.binaries[i] = Binary.fromConstantByteArray(e.wkb());
                } else if (value instanceof Geometry g) {
                    row.binaries[i] = Binary.fromConstantByteArray(wkb.write(g));
                } else {
                    throw wrongType(column, "a JTS Geometry or EncodedGeometry", value);
                }
            }
        }
    }

    /**
     * UTF-8 of a string value. Output tables repeat few distinct strings (categories, classes, cell
     * addresses across periods), so encodings are kept in a bounded map instead of encoding every value.
     */
    private Binary utf8(String s) {
        Binary b = utf8Cache.get(s);
        if (b == null) {
            b = Binary.fromConstantByteArray(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            // A full map keeps what it holds and later strings are encoded each time: clearing it would
            // throw the frequent values away with the rare ones, and a table with more distinct values
            // than the bound (a full year's cell addresses) would pay a map insertion on nearly every row.
            if (utf8Cache.size() < UTF8_CACHE_ENTRIES) {
                utf8Cache.put(s, b);
            }
        }
        return b;
    }

    private static long integral(TableColumn column, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw wrongType(column, column.type() == ColumnType.TIMESTAMP_MILLIS
                ? "epoch milliseconds (Long) or an Instant" : "an integral number (Long, Integer, Short, Byte)", value);
    }

    private static IllegalArgumentException wrongType(TableColumn column, String expected, Object value) {
        return new IllegalArgumentException("column '" + column.name() + "' (" + column.type().name().toLowerCase()
                + ") expects " + expected + ", got " + value.getClass().getSimpleName() + " " + abbreviate(value));
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private Map<String, String> footerMetadata() {
        int primary = schema.primaryGeometryIndex();
        if (primary < 0) {
            return Map.of();
        }
        Map<String, GeoParquetMetadata.Column> columns = new LinkedHashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            if (geometryStats[i] != null) {
                columns.put(schema.column(i).name(), new GeoParquetMetadata.Column(
                        "WKB", geometryStats[i].types(), geometryStats[i].bbox(), null));
            }
        }
        GeoParquetMetadata geo = new GeoParquetMetadata(GeoParquetMetadata.VERSION,
                schema.column(primary).name(), columns);
        return Map.of(GeoParquetMetadata.KEY, geo.toJson());
    }

    private static final class Builder extends ParquetWriter.Builder<EncodedRow, Builder> {
        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<EncodedRow> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<EncodedRow> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
