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
            // The same quote rules as CsvTableReader: a quote opens a quoted field only at a field's start,
            // "" inside one is a quote, and a quote anywhere else is text; otherwise a stray quote in one
            // row would move every later boundary off the reader's row starts, and the records read in
            // splits would differ from those of one whole-file read.
            boolean quoted = false;
            boolean quoteInQuoted = false;
            boolean fieldStart = true;
            boolean afterCr = false;
            long splitStart = -1;
            long splitLine = -1;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int k = 0; k < n; k++, pos++) {
                    byte b = buf[k];
                    if (quoteInQuoted) {
                        quoteInQuoted = false;
                        if (b == '"') {
                            afterCr = false;
                            continue;
                        }
                        quoted = false;
                    }
                    if (quoted) {
                        if (b == '"') {
                            quoteInQuoted = true;
                        } else if (b == '\n') {
                            if (!afterCr) {
                                line++;
                            }
                        } else if (b == '\r') {
                            line++;
                        }
                        afterCr = b == '\r';
                        continue;
                    }
                    if (b == '"' && fieldStart) {
                        quoted = true;
                        fieldStart = false;
                    } else if (b == ',') {
                        fieldStart = true;
                    } else if (b == '\r') {
                        line++;
                        fieldStart = true;
                    } else if (b == '\n') {
                        if (!afterCr) {
                            line++;
                        }
                        fieldStart = true;
                        long next = pos + 1;
                        if (splitStart < 0) {
                            splitStart = next;
                            splitLine = line;
                        } else if (next - splitStart >= splitBytes && next < size) {
                            out.add(new Range(splitStart, next, splitLine));
                            splitStart = next;
                            splitLine = line;
                        }
                    } else {
                        fieldStart = false;
                    }
                    afterCr = b == '\r';
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
