package io.zhili.jobs.hotspots;

import io.zhili.geo.table.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Reads the rows of one {@link InputSplit} and hands each to a {@link RowVisitor} with its line and raw text. */
final class SplitRows {
    /** Receives one row; {@code fields} is null for a row whose field count does not match the header. */
    interface RowVisitor {
        void row(String[] fields, long line, String raw) throws Exception;
    }

    private SplitRows() {
    }

    static void read(InputSplit split, RowVisitor visitor) throws Exception {
        if (split.parquet) {
            readParquet(split, visitor);
        } else {
            readCsv(split, visitor);
        }
    }

    private static void readParquet(InputSplit split, RowVisitor visitor) throws Exception {
        try (TableReader reader = TableReader.open(Path.of(split.path))) {
            int n = reader.columns().size();
            while (reader.next()) {
                String[] fields = new String[n];
                for (int i = 0; i < n; i++) {
                    fields[i] = reader.get(i);
                }
                visitor.row(fields, reader.rowNumber(), reader.raw());
            }
        }
    }

    private static void readCsv(InputSplit split, RowVisitor visitor) throws Exception {
        int width = split.header.length;
        try (FileChannel ch = FileChannel.open(Path.of(split.path), StandardOpenOption.READ)) {
            ch.position(split.start);
            InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
            long remaining = split.end - split.start;
            byte[] row = new byte[1024];
            int len = 0;
            boolean quoted = false;
            long line = split.firstLine;
            long rowLine = line;
            while (remaining > 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                remaining--;
                if (b == '"') {
                    quoted = !quoted;
                } else if (b == '\n') {
                    line++;
                    if (!quoted) {
                        emit(row, len, rowLine, width, visitor);
                        len = 0;
                        rowLine = line;
                        continue;
                    }
                }
                if (len == row.length) {
                    row = java.util.Arrays.copyOf(row, len * 2);
                }
                row[len++] = (byte) b;
            }
            if (len > 0) {
                emit(row, len, rowLine, width, visitor);
            }
        }
    }

    private static void emit(byte[] row, int len, long line, int width, RowVisitor visitor) throws Exception {
        if (len > 0 && row[len - 1] == '\r') {
            len--;
        }
        if (len == 0) {
            return;
        }
        String raw = new String(row, 0, len, StandardCharsets.UTF_8);
        List<String> fields = CsvFields.split(raw);
        visitor.row(fields.size() == width ? fields.toArray(new String[0]) : null, line, raw);
    }
}
