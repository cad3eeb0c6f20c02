package io.zhili.datasets.truth;

import io.zhili.geo.table.RejectReason;

/**
 * One planted dirty row and the reject reason a correct job must give it; a line of
 * {@code truth/dirty.csv}.
 *
 * @param input        {@code components} or {@code cases}
 * @param id           the row's id as written ({@code component_id} or {@code case_id}; for a bad component
 *                     code the bad text itself)
 * @param line         physical line number in the CSV file (the header is line 1)
 * @param reason       the expected reject reason
 * @param parquetFile  the Parquet part holding the row, relative to the output directory, or {@code null}
 *                     when the row exists only in the CSV (an unparseable timestamp cannot be typed)
 * @param parquetRow   1-based row number within {@code parquetFile}, or 0
 * @param note         what is wrong, in words
 */
public record DirtyRow(String input, String id, long line, RejectReason reason, String parquetFile,
                       long parquetRow, String note) {
    /** Header of {@code truth/dirty.csv}. */
    public static final java.util.List<String> HEADER =
            java.util.List.of("input", "id", "line", "reason", "parquet_file", "parquet_row", "note");
}
