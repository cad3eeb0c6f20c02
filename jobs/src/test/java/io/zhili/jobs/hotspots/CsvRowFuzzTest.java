package io.zhili.jobs.hotspots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.catalog.ClassCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hotspot job's CSV row path (splits, CSV records, the case parser) fed 100 000 seeded mutations of
 * valid case rows: stray quotes and line breaks, missing and extra fields, emptied and garbled values.
 * The ledger adds up (every record read is accepted or refused with a reason), nothing is thrown past
 * the reader, and reading in many small splits sees exactly the records of one whole-file read.
 */
class CsvRowFuzzTest {
    private static final String[] VALID = {
        "K%d,PATROL,EVENT,01,0102,,120.3805,36.0705,WGS84,2025-04-06T20:00:00+08:00,,,,,370202",
        "K%d,CAMERA,COMPONENT,01,0101,3702020101000001,,,WGS84,2025-03-10T09:00:00+08:00,,2025-03-10T09:30:00+08:00,,2025-03-10T11:00:00+08:00,370202",
        "K%d,CITIZEN_APP,EVENT,01,0102,,120.386,36.075,GCJ02,1741132800000,,,,,370202",
        "\"K%d\",HOTLINE_12345,COMPONENT,01,0101,,\"120.39011\",36.0700,WGS84,2025-03-05T14:00:00+08:00,,,,,"};
    private static final String[] GARBAGE = {"\"", ",", "\n", "\r\n", "\"\"", "NaN", "-", "", "9999", "青岛", "\t", "1e308", "2025-13-45T25:61:61+08:00"};

    @TempDir
    Path dir;

    @Test
    void mutatedCaseRowsAllEndAcceptedOrRefused() throws Exception {
        SplittableRandom random = new SplittableRandom(2025);
        StringBuilder csv = new StringBuilder(String.join(",", CaseParser.COLUMNS)).append('\n');
        int rows = 100_000;
        for (int i = 0; i < rows; i++) {
            csv.append(mutate(String.format(VALID[random.nextInt(VALID.length)], i), random)).append('\n');
        }
        Path file = Files.writeString(dir.resolve("cases.csv"), csv);

        long[] whole = ledger(file, Long.MAX_VALUE);
        long[] split = ledger(file, 64 << 10);
        assertEquals(whole[0], split[0], "records read in splits differ from one read of the whole file");
        assertEquals(whole[1], split[1]);
        // Stray quotes and line breaks merge and split rows, so the count is near, not at, the rows written.
        assertTrue(whole[0] > rows * 0.8 && whole[0] < rows * 1.2, "read " + whole[0]);
        assertTrue(whole[1] > rows / 20 && whole[2] > rows / 4, "accepted " + whole[1] + ", refused " + whole[2]);
    }

    /** {read, accepted, refused} over the file's splits of {@code splitBytes}. */
    private static long[] ledger(Path file, long splitBytes) throws Exception {
        List<InputSplit> splits = InputPlanner.plan("cases", file, splitBytes, CaseParser.COLUMNS);
        long[] l = new long[3];
        for (InputSplit s : splits) {
            CaseParser parser = new CaseParser(Arrays.asList(s.header), ClassCatalog.standard(), new HotspotOptions(), null);
            SplitRows.read(s, (fields, line, raw) -> {
                l[0]++;
                if (fields != null && parser.parse(fields) != null) {
                    l[1]++;
                } else {
                    assertTrue(fields == null || parser.reason() != null, "refused without a reason: " + raw);
                    assertNotNull(raw);
                    l[2]++;
                }
            });
        }
        assertEquals(l[0], l[1] + l[2]);
        return l;
    }

    private static String mutate(String row, SplittableRandom random) {
        String[] f = row.split(",", -1);
        int times = random.nextInt(4);
        for (int t = 0; t < times; t++) {
            int i = random.nextInt(f.length);
            switch (random.nextInt(5)) {
                case 0 -> f[i] = "";
                case 1 -> f[i] = GARBAGE[random.nextInt(GARBAGE.length)];
                case 2 -> {
                    int at = f[i].isEmpty() ? 0 : random.nextInt(f[i].length());
                    f[i] = f[i].substring(0, at) + GARBAGE[random.nextInt(GARBAGE.length)] + f[i].substring(at);
                }
                case 3 -> f = Arrays.copyOf(f, Math.max(1, f.length - 1 - random.nextInt(3)));
                default -> {
                    f = Arrays.copyOf(f, f.length + 1);
                    f[f.length - 1] = "extra";
                }
            }
        }
        return String.join(",", f);
    }
}
