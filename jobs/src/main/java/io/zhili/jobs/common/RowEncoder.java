package io.zhili.jobs.common;

import io.zhili.geo.parquet.TableSchema;
import java.io.Serializable;

/**
 * Turns a job's row objects into the column values of one output table. Encoders may cache (for
 * example cell geometries) and are used by one writer thread at a time.
 */
public interface RowEncoder<T> extends Serializable {
    /** The table's columns in file order; the Hive partition column may be one of them (then a file read alone is complete). */
    TableSchema schema();

    /** The Hive partition column name, or null when the table is not partitioned. */
    default String partitionColumn() {
        return null;
    }

    /** The partition value of a row; only called when {@link #partitionColumn()} is not null. */
    default String partition(T row) {
        return null;
    }

    /** Column values in {@link #schema()} order. */
    Object[] values(T row);
}
