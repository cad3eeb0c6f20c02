package io.zhili.geo.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableFilesTest {
    @TempDir
    Path dir;

    private Path touch(String relative) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "a\n");
        return p;
    }

    @Test
    void singleDataFileIsItself() throws Exception {
        Path f = touch("cases.csv");
        assertEquals(List.of(f), TableFiles.list(f));
        Path p = touch("cases.PARQUET");
        assertEquals(List.of(p), TableFiles.list(p));
    }

    @Test
    void directoryListsDataFilesSortedRecursivelySkippingHiddenAndUnderscore() throws Exception {
        Path b = touch("t/b.parquet");
        Path a = touch("t/a.csv");
        Path part = touch("t/period=2025-01/part-0-00000.parquet");
        touch("t/_SUCCESS");
        touch("t/.a.csv.crc");
        touch("t/_temporary/x.parquet");
        touch("t/.hidden/y.csv");
        touch("t/notes.txt");
        touch("t/run.json");
        assertEquals(List.of(a, b, part), TableFiles.list(dir.resolve("t")));
    }

    @Test
    void missingPathIsAOneLineError() {
        Path missing = dir.resolve("nope");
        assertEquals(missing + ": no such file or directory",
                assertThrows(TableInputException.class, () -> TableFiles.list(missing)).getMessage());
    }

    @Test
    void directoryWithoutDataFilesIsAnError() throws Exception {
        touch("empty/_SUCCESS");
        touch("empty/readme.md");
        Path d = dir.resolve("empty");
        assertEquals(d + ": directory has no .csv or .parquet files",
                assertThrows(TableInputException.class, () -> TableFiles.list(d)).getMessage());
    }

    @Test
    void fileOfAnotherKindIsAnError() throws Exception {
        Path f = touch("gps.json");
        assertEquals(f + ": not a .csv or .parquet file",
                assertThrows(TableInputException.class, () -> TableFiles.list(f)).getMessage());
    }
}
