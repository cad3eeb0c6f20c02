package io.zhili.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RunCountsTest {
    @Test
    void sumsAddUpAndMaximaKeepTheSlowestTask() {
        RunCounts a = new RunCounts();
        a.add("cases.read", 10);
        a.add("cases.rejected.BAD_TIMESTAMP", 1);
        a.max("stage.read_cases_ms", 300);
        RunCounts b = new RunCounts();
        b.add("cases.read", 5);
        b.max("stage.read_cases_ms", 120);
        b.max("stage.statistics_ms", 40);

        Map<String, Long> total = new RunCounts().merge(a).merge(b).values();

        assertEquals(Map.of("cases.read", 15L, "cases.rejected.BAD_TIMESTAMP", 1L,
                "stage.read_cases_ms", 300L, "stage.statistics_ms", 40L), total);
    }
}
