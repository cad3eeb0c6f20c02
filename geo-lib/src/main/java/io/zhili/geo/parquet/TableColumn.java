package io.zhili.geo.parquet;

import java.util.Objects;

/**
 * One column of a {@link TableSchema}: its name, value type and whether it may hold nulls.
 *
 * @param name     column name as written to the file; never null or blank
 * @param type     value type
 * @param optional true when a row may leave the value null (Parquet {@code optional}), false for
 *                 {@code required}
 */
public record TableColumn(String name, ColumnType type, boolean optional) {
    public TableColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("column name is blank");
        }
    }
}
