package io.zhili.geo.export;

import io.zhili.geo.parquet.GeoParquetMetadata;
import io.zhili.geo.parquet.ParquetCodecs;
import io.zhili.geo.table.TableInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One exported column: its name, the kind of value a desktop GIS format stores for it, and whether it
 * may be null. Read from a Parquet footer with the same selection of columns as
 * {@link io.zhili.geo.table.TableReader} (flat, non-repeated primitives), so positions line up with the
 * reader's {@code columns()}; partition folders ({@code period=…}) add text columns after them.
 *
 * @param name     column name as in the table
 * @param kind     stored kind
 * @param nullable whether the Parquet column is optional
 */
public record ExportColumn(String name, Kind kind, boolean nullable) {

    /** The kinds of value both formats can hold. */
    public enum Kind {
        /** 32-bit signed integer. */
        INT,
        /** 64-bit signed integer. */
        LONG,
        /** Double precision. */
        DOUBLE,
        /** Boolean. */
        BOOLEAN,
        /** UTF-8 text (also decimals, UUIDs, JSON: rendered as text). */
        TEXT,
        /** Instant, written as ISO-8601 UTC with milliseconds. */
        TIMESTAMP,
        /** Calendar date, written as {@code YYYY-MM-DD}. */
        DATE,
        /** Other bytes. */
        BINARY,
        /** The table's primary geometry column (WKB in the Parquet file). */
        GEOMETRY
    }

    /** The columns of a GeoParquet file and its metadata (empty when the file has none). */
    record FileSchema(List<ExportColumn> columns, GeoParquetMetadata geo) {
    }

    /** Reads the schema and GeoParquet metadata of one file; a one-line {@link TableInputException} when unreadable. */
    static FileSchema read(Path file) {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            String geoJson = reader.getFileMetaData().getKeyValueMetaData().get(GeoParquetMetadata.KEY);
            GeoParquetMetadata geo = geoJson == null ? null : GeoParquetMetadata.parse(geoJson);
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<ExportColumn> out = new ArrayList<>();
            for (Type t : schema.getFields()) {
                if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                    continue;
                }
                boolean geometry = geo != null && geo.primaryColumn().equals(t.getName());
                out.add(new ExportColumn(t.getName(), geometry ? Kind.GEOMETRY : kindOf(t.asPrimitiveType()),
                        t.isRepetition(Type.Repetition.OPTIONAL)));
            }
            return new FileSchema(List.copyOf(out), geo);
        } catch (IOException | RuntimeException e) {
            throw new TableInputException(file + ": not a readable Parquet file: " + e.getMessage(), e);
        }
    }

    private static Kind kindOf(PrimitiveType t) {
        LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
        return switch (t.getPrimitiveTypeName()) {
            case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? Kind.DATE
                    : logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation ? Kind.TEXT
                    : logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned() ? Kind.LONG : Kind.INT;
            case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ? Kind.TIMESTAMP
                    : logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation ? Kind.TEXT
                    : logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned() ? Kind.TEXT : Kind.LONG;
            case INT96 -> Kind.TIMESTAMP;
            case FLOAT, DOUBLE -> Kind.DOUBLE;
            case BOOLEAN -> Kind.BOOLEAN;
            case BINARY, FIXED_LEN_BYTE_ARRAY -> logical == null ? Kind.BINARY : Kind.TEXT;
        };
    }
}
