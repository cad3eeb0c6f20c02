package io.zhili.geo.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a CSV file into byte ranges for parallel reading with {@link TableReader#openCsvRange}. One
 * quote-aware pass over the bytes (a line break inside a quoted field never becomes a boundary) places
 * a boundary about every {@code splitBytes} at a row start and records the physical line number there,
 * so each range's readers report the same line numbers a whole-file reader would. The pass runs at
 * disk speed; thread-safe (stateless).
 */
public final class CsvSplits {
    /** Bytes {@code [start, end)} of the file; the first row in it is on line {@code firstLine}. */
    public record Range(long start, long end, long firstLine) {
    }

    private CsvSplits() {
    }

    /** The data rows of {@code file} (header excluded) as ranges of about {@code splitBytes} each. */
    public static List<Range> plan(Path file, long splitBytes) {
        List<Range> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            byte[] buf = new byte[1 << 16];
            long pos = 0;
            long line = 1;
            boolean quoted = false;
            long splitStart = -1;
            long splitLine = -1;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int k = 0; k < n; k++, pos++) {
                    byte b = buf[k];
                    if (b == '"') {
                        quoted = !quoted;
                    } else if (b == '\n') {
                        line++;
                        if (!quoted) {
                            long next = pos + 1;
                            if (splitStart < 0) {
                                splitStart = next;
                                splitLine = line;
                            } else if (next - splitStart >= splitBytes && next < size) {
                                out.add(new Range(splitStart, next, splitLine));
                                splitStart = next;
                                splitLine = line;
                            }
                        }
                    }
                }
            }
            if (splitStart < 0) {
                throw new TableInputException(file + ": no header row");
            }
            if (size > splitStart) {
                out.add(new Range(splitStart, size, splitLine));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
