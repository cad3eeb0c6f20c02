package io.zhili.geo.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSplitsTest {
    @TempDir
    Path dir;

    @Test
    void rangesReadTogetherEqualTheWholeFileWithItsLineNumbers() throws Exception {
        StringBuilder csv = new StringBuilder("id,note\n");
        for (int i = 0; i < 500; i++) {
            // Every 50th row has a line break inside quotes: never a boundary, and it shifts later line numbers.
            csv.append(i).append(',').append(i % 50 == 0 ? "\"two\nlines\"" : "plain").append('\n');
        }
        Path file = dir.resolve("t.csv");
        Files.writeString(file, csv);

        List<String> whole = new ArrayList<>();
        try (TableReader r = TableReader.open(file)) {
            while (r.next()) {
                whole.add(r.rowNumber() + ":" + r.get(0) + ":" + r.get(1));
            }
        }
        List<CsvSplits.Range> ranges = CsvSplits.plan(file, 512);
        assertTrue(ranges.size() > 5, "several ranges: " + ranges.size());
        List<String> split = new ArrayList<>();
        for (CsvSplits.Range range : ranges) {
            try (TableReader r = TableReader.openCsvRange(file, List.of("id", "note"), range.start(), range.end(), range.firstLine())) {
                while (r.next()) {
                    split.add(r.rowNumber() + ":" + r.get(0) + ":" + r.get(1));
                }
            }
        }
        assertEquals(whole, split);
        assertEquals("2:0:two\nlines", whole.get(0));
        assertEquals("4:1:plain", whole.get(1));
    }
}
