package io.zhili.jobs.hotspots;

import io.zhili.geo.table.CsvSplits;
import io.zhili.geo.table.TableFiles;
import io.zhili.geo.table.TableReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the inputs of a run into {@link InputSplit}s before the job starts: a Parquet file whole, a CSV
 * file in byte ranges at row boundaries ({@link CsvSplits}) so that every task parses its own range in
 * parallel and still names the right line of a refused row.
 */
public final class InputPlanner {
    private InputPlanner() {
    }

    /**
     * The splits of every table file under {@code pathOrDir}. Each file's header (a CSV's first line, a
     * Parquet file's schema) is checked here, before any job starts, so a file without a required column
     * fails the run with one line naming the file, the column and the columns expected.
     *
     * @param required the contract's columns of this input (lower case; a header matches ignoring case)
     * @throws IllegalArgumentException when a file lacks a required column
     */
    public static List<InputSplit> plan(String input, Path pathOrDir, long splitBytes, String[] required) {
        List<InputSplit> splits = new ArrayList<>();
        List<Path> files = TableFiles.list(pathOrDir);
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try (TableReader reader = TableReader.open(file)) {
                String[] header = reader.columns().toArray(new String[0]);
                boolean parquet = file.getFileName().toString().toLowerCase().endsWith(".parquet");
                requireColumns(input, file, parquet, reader.columns(), required);
                if (parquet) {
                    splits.add(split(input, i, file, true, 0, 0, 0, header));
                } else {
                    for (CsvSplits.Range r : CsvSplits.plan(file, splitBytes)) {
                        splits.add(split(input, i, file, false, r.start(), r.end(), r.firstLine(), header));
                    }
                }
            }
        }
        return splits;
    }

    private static void requireColumns(String input, Path file, boolean parquet, List<String> header, String[] required) {
        for (String column : required) {
            if (RowParser.columnIndex(header, column) < 0) {
                throw new IllegalArgumentException(input + " " + file + ": no " + (parquet ? "field" : "column") + " '"
                        + column + "' (expected " + String.join(",", required) + "; the file has "
                        + String.join(",", header) + ")");
            }
        }
    }

    private static InputSplit split(String input, int fileIndex, Path file, boolean parquet, long start, long end,
            long firstLine, String[] header) {
        InputSplit s = new InputSplit();
        s.input = input;
        s.fileIndex = fileIndex;
        s.path = file.toString();
        s.parquet = parquet;
        s.start = start;
        s.end = end;
        s.firstLine = firstLine;
        s.header = header;
        return s;
    }
}
