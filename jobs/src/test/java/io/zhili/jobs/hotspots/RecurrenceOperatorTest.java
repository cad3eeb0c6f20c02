package io.zhili.jobs.hotspots;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RecurrenceOperatorTest {
    private static final long DAY = 86_400_000L;

    @Test
    void threeCasesWithinThirtyDaysCount() {
        assertEquals(3, RecurrenceOperator.maxInWindow(new long[] {0, 10 * DAY, 30 * DAY, 90 * DAY}, 30 * DAY));
    }

    @Test
    void casesSpreadOverMonthsDoNot() {
        assertEquals(1, RecurrenceOperator.maxInWindow(new long[] {0, 31 * DAY, 62 * DAY}, 30 * DAY));
    }
}
