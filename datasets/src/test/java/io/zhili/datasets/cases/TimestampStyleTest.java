package io.zhili.datasets.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimestampStyleTest {
    /** 2025-03-14T09:21:05.123+08:00 = 2025-03-14T01:21:05.123Z. */
    private static final long T = 1_741_915_265_123L;

    @Test
    void writesTheThreeContractForms() {
        assertEquals("2025-03-14T09:21:05+08:00", TimestampStyle.OFFSET.format(T));
        assertEquals("2025-03-14T01:21:05Z", TimestampStyle.UTC.format(T));
        assertEquals("1741915265123", TimestampStyle.EPOCH_MILLIS.format(T));
    }

    @Test
    void localMidnightRollsTheDateInOffsetFormOnly() {
        long newYearLocal = 1_735_660_800_000L; // 2025-01-01T00:00:00+08:00
        assertEquals("2025-01-01T00:00:00+08:00", TimestampStyle.OFFSET.format(newYearLocal));
        assertEquals("2024-12-31T16:00:00Z", TimestampStyle.UTC.format(newYearLocal));
        assertEquals(newYearLocal, CaseCalendar.midnightMillis(0));
    }
}
