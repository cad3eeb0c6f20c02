package io.zhili.geo.parquet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The ordered, flat column list of an output table. Built once with {@link #builder()} and then
 * immutable and thread-safe; one schema may be shared by many writers.
 *
 * <pre>{@code
 * TableSchema schema = TableSchema.builder()
 *     .string("h3").int32("h3_res").timestampMillis("period_start")
 *     .int64("cases").optionalFloat64("gi_z").geometry("geometry")
 *     .build();
 * }</pre>
 *
 * <p>Column names must be unique. The first geometry column is GeoParquet's primary column.
 */
public final class TableSchema {
    private final List<TableColumn> columns;
    private final Map<String, Integer> indexByName;

    private TableSchema(List<TableColumn> columns) {
        this.columns = List.copyOf(columns);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < this.columns.size(); i++) {
            if (index.put(this.columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate column name: " + this.columns.get(i).name());
            }
        }
        this.indexByName = Collections.unmodifiableMap(index);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a schema from a column list (in order); throws on duplicate names or an empty list. */
    public static TableSchema of(List<TableColumn> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table schema needs at least one column");
        }
        return new TableSchema(columns);
    }

    /** The columns in write order; unmodifiable. */
    public List<TableColumn> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    public TableColumn column(int index) {
        return columns.get(index);
    }

    /** Index of the named column, or -1 when the schema has none of that name. */
    public int indexOf(String name) {
        Integer i = indexByName.get(name);
        return i == null ? -1 : i;
    }

    /** Names in order; a new list. */
    public List<String> names() {
        List<String> names = new ArrayList<>(columns.size());
        for (TableColumn c : columns) {
            names.add(c.name());
        }
        return names;
    }

    /** True when at least one column is a {@link ColumnType#GEOMETRY}. */
    public boolean hasGeometry() {
        return primaryGeometryIndex() >= 0;
    }

    /** Index of the first geometry column (GeoParquet's primary column), or -1 when there is none. */
    public int primaryGeometryIndex() {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).type() == ColumnType.GEOMETRY) {
                return i;
            }
        }
        return -1;
    }

    /**
     * This schema without the named column, e.g. the file schema of a Hive-partitioned table whose
     * partition column lives in the directory name.
     *
     * @throws IllegalArgumentException when there is no such column or it is the only one
     */
    public TableSchema without(String name) {
        int index = indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column named " + name + " in " + names());
        }
        List<TableColumn> rest = new ArrayList<>(columns);
        rest.remove(index);
        return of(rest);
    }

    /** The Parquet message type these columns are written as (message name {@code schema}). */
    public MessageType toMessageType() {
        List<Type> fields = new ArrayList<>(columns.size());
        for (TableColumn c : columns) {
            fields.add(parquetType(c));
        }
        return new MessageType("schema", fields);
    }

    private static Type parquetType(TableColumn c) {
        Type.Repetition rep = c.optional() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        return switch (c.type()) {
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, rep)
                    .as(LogicalTypeAnnotation.stringType()).named(c.name());
            case INT32 -> Types.primitive(PrimitiveTypeName.INT32, rep).named(c.name());
            case INT64 -> Types.primitive(PrimitiveTypeName.INT64, rep).named(c.name());
            case FLOAT64 -> Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(c.name());
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(c.name());
            case TIMESTAMP_MILLIS -> Types.primitive(PrimitiveTypeName.INT64, rep)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                    .named(c.name());
            case GEOMETRY -> Types.primitive(PrimitiveTypeName.BINARY, rep).named(c.name());
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableSchema other && other.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return "TableSchema" + columns;
    }

    /** Collects columns in order; not thread-safe. Each method returns this builder. */
    public static final class Builder {
        private final List<TableColumn> columns = new ArrayList<>();

        private Builder() {
        }

        public Builder column(String name, ColumnType type, boolean optional) {
            columns.add(new TableColumn(name, type, optional));
            return this;
        }

        public Builder string(String name) { return column(name, ColumnType.STRING, false); }
        public Builder optionalString(String name) { return column(name, ColumnType.STRING, true); }
        public Builder int32(String name) { return column(name, ColumnType.INT32, false); }
        public Builder optionalInt32(String name) { return column(name, ColumnType.INT32, true); }
        public Builder int64(String name) { return column(name, ColumnType.INT64, false); }
        public Builder optionalInt64(String name) { return column(name, ColumnType.INT64, true); }
        public Builder float64(String name) { return column(name, ColumnType.FLOAT64, false); }
        public Builder optionalFloat64(String name) { return column(name, ColumnType.FLOAT64, true); }
        public Builder bool(String name) { return column(name, ColumnType.BOOLEAN, false); }
        public Builder optionalBool(String name) { return column(name, ColumnType.BOOLEAN, true); }
        public Builder timestampMillis(String name) { return column(name, ColumnType.TIMESTAMP_MILLIS, false); }
        public Builder optionalTimestampMillis(String name) { return column(name, ColumnType.TIMESTAMP_MILLIS, true); }
        public Builder geometry(String name) { return column(name, ColumnType.GEOMETRY, false); }
        public Builder optionalGeometry(String name) { return column(name, ColumnType.GEOMETRY, true); }

        /** @throws IllegalArgumentException on no columns or a duplicate name */
        public TableSchema build() {
            return of(columns);
        }
    }
}
