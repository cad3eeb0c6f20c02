package io.zhili.jobs.hotspots;

import io.zhili.geo.table.TableReader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the rows of one {@link InputSplit} and hands each to a {@link RowVisitor} with its line and raw text
 * (shared by the batch jobs that read planned splits).
 */
public final class SplitRows {
    /** Receives one row; {@code fields} is null for a row whose field count does not match the header. */
    public interface RowVisitor {
        void row(String[] fields, long line, String raw) throws Exception;
    }

    private SplitRows() {
    }

    public static void read(InputSplit split, RowVisitor visitor) throws Exception {
        Path file = Path.of(split.path);
        try (TableReader reader = split.parquet ? TableReader.open(file)
                : TableReader.openCsvRange(file, Arrays.asList(split.header), split.start, split.end, split.firstLine)) {
            int n = reader.columns().size();
            while (reader.next()) {
                String[] fields = null;
                if (reader.wellFormed()) {
                    fields = new String[n];
                    for (int i = 0; i < n; i++) {
                        fields[i] = reader.get(i);
                    }
                }
                visitor.row(fields, reader.rowNumber(), reader.raw());
            }
        }
    }
}
