package io.zhili.geo.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Resolves an input PATH of the command line (a CSV file, a Parquet file, or a directory of
 * either) to the data files to read.
 *
 * <p>Directories are searched recursively, so Hive-partitioned outputs ({@code dir/period=.../part-0.parquet})
 * work as inputs; files and directories whose name starts with {@code .} or {@code _} (such as
 * {@code _SUCCESS}, {@code .part.crc}, {@code _temporary/}) are skipped. Stateless and thread-safe.
 */
public final class TableFiles {
    private TableFiles() {
    }

    /**
     * The data files under {@code pathOrDir}, sorted by path.
     *
     * @return the file itself when it is a {@code .csv} or {@code .parquet} file
     * @throws TableInputException with a one-line reason when the path does not exist or cannot be
     *                             read, a file is neither CSV nor Parquet, or a directory holds no data file
     */
    public static List<Path> list(Path pathOrDir) {
        if (!Files.exists(pathOrDir)) {
            throw new TableInputException(pathOrDir + ": no such file or directory");
        }
        if (!Files.isReadable(pathOrDir)) {
            throw new TableInputException(pathOrDir + ": not readable");
        }
        if (!Files.isDirectory(pathOrDir)) {
            if (!isDataFile(pathOrDir)) {
                throw new TableInputException(pathOrDir + ": not a .csv or .parquet file");
            }
            return List.of(pathOrDir);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(pathOrDir)) {
            walk.filter(p -> !p.equals(pathOrDir))
                    .filter(p -> !hiddenBelow(pathOrDir, p))
                    .filter(p -> Files.isRegularFile(p) && isDataFile(p))
                    .forEach(files::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new TableInputException(pathOrDir + ": cannot list directory: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new TableInputException(pathOrDir + ": directory has no .csv or .parquet files");
        }
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                throw new TableInputException(f + ": not readable");
            }
        }
        files.sort(null);
        return files;
    }

    /** True for a name ending in {@code .csv} or {@code .parquet}, any case. */
    public static boolean isDataFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".parquet");
    }

    static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private static boolean hiddenBelow(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }
}
