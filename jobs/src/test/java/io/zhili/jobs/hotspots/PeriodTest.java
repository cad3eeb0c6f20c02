package io.zhili.jobs.hotspots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.util.Timestamps;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodTest {
    @Test
    void monthStartsAtLocalMidnight() {
        // 2025-02-28T16:30Z is 2025-03-01T00:30 in Qingdao: March, not February.
        long t = Timestamps.parseMillis("2025-02-28T16:30:00Z");
        int start = Period.MONTH.startDay(t);
        assertEquals(LocalDate.of(2025, 3, 1).toEpochDay(), start);
        assertEquals("2025-03", Period.MONTH.label(start));
        assertEquals(Timestamps.parseMillis("2025-03-01T00:00:00+08:00"), Period.MONTH.startMillis(start));
    }

    @Test
    void weekIsIsoWeekFromMonday() {
        long t = Timestamps.parseMillis("2025-03-09T23:00:00+08:00"); // a Sunday
        int start = Period.WEEK.startDay(t);
        assertEquals(LocalDate.of(2025, 3, 3).toEpochDay(), start);
        assertEquals("2025-W10", Period.WEEK.label(start));
    }

    @Test
    void windowBoundariesArePeriodStarts() {
        assertTrue(Period.WEEK.startsOn(LocalDate.of(2025, 3, 3)));
        assertFalse(Period.WEEK.startsOn(LocalDate.of(2025, 3, 4)));
        assertFalse(Period.MONTH.startsOn(LocalDate.of(2025, 3, 2)));
        assertEquals(LocalDate.of(2025, 3, 10), Period.WEEK.next(LocalDate.of(2025, 3, 3)));
        assertEquals(LocalDate.of(2025, 3, 1), Period.MONTH.next(LocalDate.of(2025, 2, 1)));
        assertEquals(LocalDate.of(2025, 3, 1), Period.DAY.next(LocalDate.of(2025, 2, 28)));
    }
}
