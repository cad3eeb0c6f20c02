package io.zhili.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.client.JobExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors a user can act on: an input without a required column is refused while the run is planned,
 * before any job starts, with one line naming the file, the column and what was expected; and a job
 * that fails prints the root cause of Flink's exception chain, not "Job execution failed".
 */
class InputErrorsTest {
    private static final String COMPONENTS = "component_id,major_class,minor_class,lon,lat,district_code,status\n"
            + "3702020101000001,01,0101,120.3800,36.0700,370202,NORMAL\n";
    private static final String CASES_WITHOUT_LAT = "case_id,source,kind,major_class,minor_class,component_id,lon,crs,"
            + "reported_at,verified_at,dispatched_at,disposed_at,closed_at,district_code\n"
            + "K1,PATROL,EVENT,01,0102,,120.38,WGS84,2025-03-05T08:00:00+08:00,,,,,370202\n";

    @TempDir
    Path dir;

    private String[] run(String... args) {
        StringWriter err = new StringWriter();
        int rc = ZhiliCommand.execute(new PrintWriter(err, true), args);
        return new String[] {Integer.toString(rc), err.toString()};
    }

    @Test
    void csvWithoutARequiredColumnIsRefusedBeforeTheJobStarts() throws Exception {
        Path components = Files.writeString(dir.resolve("components.csv"), COMPONENTS);
        Path cases = Files.writeString(dir.resolve("cases.csv"), CASES_WITHOUT_LAT);
        Path out = dir.resolve("out");
        String[] r = run("hotspots", "--components", components.toString(), "--cases", cases.toString(),
                "--out", out.toString());
        assertEquals("1", r[0], r[1]);
        String line = r[1].strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains(cases.toString()), line);
        assertTrue(line.contains("'lat'"), line);
        assertTrue(line.contains("expected"), line);
        // Refused while planning: no output directory, no staging directory, no job.
        assertFalse(Files.exists(out), "the run started: " + out + " exists");
    }

    @Test
    void parquetWithoutARequiredFieldIsRefusedBeforeTheJobStarts() throws Exception {
        Path components = dir.resolve("components.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            // No minor_class.
            st.execute("COPY (SELECT '3702020101000001' AS component_id, '01' AS major_class, '120.38' AS lon, "
                    + "'36.07' AS lat, '370202' AS district_code, 'NORMAL' AS status) TO '" + components + "' (FORMAT parquet)");
        }
        Path cases = Files.writeString(dir.resolve("cases.csv"), "case_id,source,kind,major_class,minor_class,component_id,"
                + "lon,lat,crs,reported_at,verified_at,dispatched_at,disposed_at,closed_at,district_code\n");
        Path out = dir.resolve("out");
        String[] r = run("hotspots", "--components", components.toString(), "--cases", cases.toString(),
                "--out", out.toString());
        assertEquals("1", r[0], r[1]);
        String line = r[1].strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains(components.toString()), line);
        assertTrue(line.contains("'minor_class'"), line);
        assertFalse(Files.exists(out), "the run started: " + out + " exists");
    }

    @Test
    void aFailedJobPrintsTheRootCauseNotFlinksWrapper() {
        Exception chain = new JobExecutionException(new JobID(), "Job execution failed.",
                new RuntimeException("org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy",
                        new IllegalStateException("cases span 5000 periods; the job can count at most 4096")));
        assertEquals("cases span 5000 periods; the job can count at most 4096", ZhiliCommand.oneLine(chain));
        // A message-less root names its type.
        assertEquals("NullPointerException", ZhiliCommand.oneLine(new RuntimeException("wrapper", new NullPointerException())));
    }

    @Test
    void anOuterMessageThatAddsContextToTheRootIsKept() {
        Exception chain = new JobExecutionException(new JobID(), "Job execution failed.",
                new RuntimeException(new IllegalArgumentException("changes broken.geojson: Unexpected end-of-input",
                        new java.io.IOException("Unexpected end-of-input"))));
        assertEquals("changes broken.geojson: Unexpected end-of-input", ZhiliCommand.oneLine(chain));
        // A multi-line root quoted with its line break escaped is still recognised.
        Exception quoted = new IllegalArgumentException("changes broken.geojson: Unexpected end-of-input\\n at line 1",
                new java.io.IOException("Unexpected end-of-input\n at line 1"));
        assertEquals("changes broken.geojson: Unexpected end-of-input\\n at line 1", ZhiliCommand.oneLine(quoted));
    }
}
