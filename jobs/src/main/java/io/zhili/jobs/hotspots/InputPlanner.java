package io.zhili.jobs.hotspots;

import io.zhili.geo.table.TableFiles;
import io.zhili.geo.table.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the inputs of a run into {@link InputSplit}s before the job starts. CSV files are scanned once
 * (quote-aware, so a line break inside a quoted field never becomes a boundary) to place a boundary
 * about every {@code splitBytes} at a row start and to know the line number there; that scan runs at
 * disk speed and lets every task parse its own range in parallel.
 */
public final class InputPlanner {
    private InputPlanner() {
    }

    public static List<InputSplit> plan(String input, Path pathOrDir, long splitBytes) {
        List<InputSplit> splits = new ArrayList<>();
        List<Path> files = TableFiles.list(pathOrDir);
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try {
                if (file.getFileName().toString().toLowerCase().endsWith(".parquet")) {
                    InputSplit s = new InputSplit();
                    s.input = input;
                    s.fileIndex = i;
                    s.path = file.toString();
                    s.parquet = true;
                    try (TableReader reader = TableReader.open(file)) {
                        s.header = reader.columns().toArray(new String[0]);
                    }
                    splits.add(s);
                } else {
                    planCsv(input, i, file, splitBytes, splits);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(input + ": cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return splits;
    }

    private static void planCsv(String input, int fileIndex, Path file, long splitBytes, List<InputSplit> out) throws IOException {
        long size = Files.size(file);
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            long pos = 0;
            long line = 1;
            boolean quoted = false;
            long headerEnd = -1;
            long splitStart = -1;
            long splitLine = -1;
            StringBuilder headerBytes = new StringBuilder();
            java.io.ByteArrayOutputStream header = new java.io.ByteArrayOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int k = 0; k < n; k++, pos++) {
                    byte b = buf[k];
                    if (headerEnd < 0) {
                        header.write(b);
                    }
                    if (b == '"') {
                        quoted = !quoted;
                    } else if (b == '\n') {
                        line++;
                        if (!quoted) {
                            long next = pos + 1;
                            if (headerEnd < 0) {
                                headerEnd = next;
                                splitStart = next;
                                splitLine = line;
                            } else if (next - splitStart >= splitBytes && next < size) {
                                out.add(csvSplit(input, fileIndex, file, splitStart, next, splitLine, header));
                                splitStart = next;
                                splitLine = line;
                            }
                        }
                    }
                }
            }
            if (headerEnd < 0) {
                throw new IOException("no header row");
            }
            if (size > splitStart) {
                out.add(csvSplit(input, fileIndex, file, splitStart, size, splitLine, header));
            }
        }
    }

    private static InputSplit csvSplit(String input, int fileIndex, Path file, long start, long end, long firstLine,
            java.io.ByteArrayOutputStream header) {
        InputSplit s = new InputSplit();
        s.input = input;
        s.fileIndex = fileIndex;
        s.path = file.toString();
        s.start = start;
        s.end = end;
        s.firstLine = firstLine;
        String text = header.toString(StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        s.header = CsvFields.split(text.strip()).toArray(new String[0]);
        return s;
    }
}
