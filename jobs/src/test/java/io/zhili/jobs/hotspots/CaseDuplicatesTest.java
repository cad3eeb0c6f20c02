package io.zhili.jobs.hotspots;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhili.geo.catalog.ClassCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which of two rows with one case id is refused must not depend on the order in which splits reach the
 * join: the row that comes first in the input (file, then line) is kept, as for components, so reruns
 * with another parallelism or split order refuse the same rows.
 */
class CaseDuplicatesTest {
    @TempDir
    Path dir;

    @Test
    void theSameRowsAreRefusedWhateverTheArrivalOrder() throws Exception {
        StringBuilder cases = new StringBuilder("case_id,source,kind,major_class,minor_class,component_id,lon,lat,crs,"
                + "reported_at,verified_at,dispatched_at,disposed_at,closed_at,district_code\n");
        // Line n (the header is line 1) holds case Kn, except the duplicates below.
        for (int line = 2; line <= 200; line++) {
            String id = line == 150 ? "K5" : line == 60 || line == 190 ? "K30" : "K" + line;
            cases.append(id).append(",PATROL,EVENT,01,0102,,120.38").append(line % 10).append(",36.07,WGS84,2025-03-")
                    .append(String.format("%02d", 1 + line % 28)).append("T09:00:00+08:00,,,,,370202\n");
        }
        Path casesFile = Files.writeString(dir.resolve("cases.csv"), cases);
        Path components = Files.writeString(dir.resolve("components.csv"), HotspotJobTest.COMPONENTS);
        List<Long> expected = List.of(60L, 150L, 190L);
        assertEquals(expected, refusedLines(components, casesFile, 1, false, "in-order"));
        assertEquals(expected, refusedLines(components, casesFile, 1, true, "reversed"));
        assertEquals(expected, refusedLines(components, casesFile, 3, true, "reversed-p3"));
    }

    /** Lines refused as DUPLICATE_ID by a run over small splits, given to the job in order or reversed. */
    private List<Long> refusedLines(Path components, Path cases, int parallelism, boolean reversed, String name)
            throws Exception {
        HotspotOptions options = new HotspotOptions();
        options.splitBytes = 512;
        List<InputSplit> caseSplits = new ArrayList<>(InputPlanner.plan("cases", cases, options.splitBytes, CaseParser.COLUMNS));
        if (reversed) {
            Collections.reverse(caseSplits);
        }
        Path out = dir.resolve(name);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        new HotspotJob(options, new ReferenceData(ClassCatalog.standard(), null),
                InputPlanner.plan("components", components, options.splitBytes, ComponentParser.COLUMNS), caseSplits,
                HotspotSinks.parquet(out), null).build(env);
        env.execute("duplicates " + name);
        List<Long> lines = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT line FROM read_parquet('" + out + "/rejects/*.parquet') "
                        + "WHERE input = 'cases' AND reason = 'DUPLICATE_ID' ORDER BY line")) {
            while (rs.next()) {
                lines.add(rs.getLong(1));
            }
        }
        return lines;
    }
}
