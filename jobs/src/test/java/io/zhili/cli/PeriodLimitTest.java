package io.zhili.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hotspot job packs a period's index into 12 bits beside each cell (4,096 periods): a run over more
 * periods is refused with one line instead of silently merging periods, at start when a window says how
 * many periods there are, else as soon as the job sees the 4,097th.
 */
class PeriodLimitTest {
    @TempDir
    Path dir;

    private String[] hotspots(String... extra) throws Exception {
        Path components = Files.writeString(dir.resolve("components.csv"),
                "component_id,major_class,minor_class,lon,lat,district_code,status\n"
                        + "3702020101000001,01,0101,120.3800,36.0700,370202,NORMAL\n");
        StringBuilder cases = new StringBuilder("case_id,source,kind,major_class,minor_class,component_id,lon,lat,crs,"
                + "reported_at,verified_at,dispatched_at,disposed_at,closed_at,district_code\n");
        LocalDate day = LocalDate.of(2010, 1, 1);
        for (int i = 0; i < 4_200; i++) {
            cases.append("K").append(i).append(",PATROL,EVENT,01,0102,,120.38,36.07,WGS84,")
                    .append(day.plusDays(i)).append("T09:00:00+08:00,,,,,370202\n");
        }
        Path casesFile = Files.writeString(dir.resolve("cases.csv"), cases);
        String[] base = {"hotspots", "--components", components.toString(), "--cases", casesFile.toString(),
            "--out", dir.resolve("out").toString(), "--period", "day", "--parallelism", "2"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        StringWriter err = new StringWriter();
        int rc = ZhiliCommand.execute(new PrintWriter(err, true), args);
        return new String[] {Integer.toString(rc), err.toString().strip()};
    }

    @Test
    void aWindowOfMoreThan4096PeriodsIsRefusedAtStart() throws Exception {
        String[] r = hotspots("--from", "2010-01-01", "--to", "2021-07-01");
        assertEquals("1", r[0], r[1]);
        assertEquals(1, r[1].lines().count(), r[1]);
        assertTrue(r[1].contains("4096"), r[1]);
        assertTrue(r[1].contains("--period"), r[1]);
        assertFalse(Files.exists(dir.resolve("out")), "the run started");
    }

    @Test
    void casesSpanningMoreThan4096PeriodsFailTheRunWithOneLine() throws Exception {
        String[] r = hotspots();
        assertEquals("1", r[0], r[1]);
        assertEquals(1, r[1].lines().count(), r[1]);
        assertTrue(r[1].contains("4096"), r[1]);
        assertTrue(r[1].contains("--period"), r[1]);
        assertFalse(Files.exists(dir.resolve("out").resolve("_SUCCESS")), "a run that merged periods was published");
    }
}
