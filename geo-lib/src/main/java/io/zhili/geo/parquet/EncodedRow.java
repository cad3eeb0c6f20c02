package io.zhili.geo.parquet;

import org.apache.parquet.io.api.Binary;

/**
 * One row converted to Parquet primitives before anything is handed to the record consumer, so a
 * bad value is refused before a half-written record could corrupt the file. Reused for every row
 * of a writer; not thread-safe.
 */
final class EncodedRow {
    final boolean[] present;
    final long[] longs;
    final double[] doubles;
    final Binary[] binaries;

    EncodedRow(int width) {
        present = new boolean[width];
        longs = new long[width];
        doubles = new double[width];
        binaries = new Binary[width];
    }
}
