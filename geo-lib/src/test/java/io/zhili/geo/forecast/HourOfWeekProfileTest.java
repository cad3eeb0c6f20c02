package io.zhili.geo.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HourOfWeekProfileTest {
    @Test
    void hourOfWeekStartsMondayMidnight() {
        assertEquals(0, HourOfWeekProfile.hourOfWeek(1, 0));
        assertEquals(34, HourOfWeekProfile.hourOfWeek(2, 10));
        assertEquals(167, HourOfWeekProfile.hourOfWeek(7, 23));
        assertThrows(IllegalArgumentException.class, () -> HourOfWeekProfile.hourOfWeek(0, 3));
    }

    @Test
    void allCasesInOneHourAreSmoothedTowardTheFlatWeek() {
        // 168 cases on Monday 00:00, prior 168 pseudo-cases spread flat: (168 + 1) / 336 there, 1 / 336 elsewhere.
        long[] cases = new long[168];
        cases[0] = 168;
        double[] s = HourOfWeekProfile.smooth(cases, HourOfWeekProfile.uniform(), 168);
        assertEquals(169.0 / 336, s[0], 1e-15);
        assertEquals(1.0 / 336, s[1], 1e-15);
        assertEquals(1.0 / 336, s[167], 1e-15);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-12);
    }

    @Test
    void largeCategoryKeepsItsOwnProfileAndSmallOneFollowsThePrior() {
        long[] big = new long[168];
        long[] small = new long[168];
        double[] prior = new double[168];
        for (int h = 0; h < 168; h++) {
            big[h] = h % 24 < 12 ? 3000 : 1000;      // mornings three times the evenings
            prior[h] = h % 24 < 12 ? 1.0 / 112 : 1.0 / 336; // the same ratio, as a prior
        }
        small[5] = 2;
        double[] b = HourOfWeekProfile.smooth(big, HourOfWeekProfile.uniform(), 168);
        // 3000 per morning hour of 336 000 cases, plus 1 pseudo-case of 168: (3000 + 1) / 336 168.
        assertEquals(3001.0 / 336_168, b[0], 1e-15);
        double[] s = HourOfWeekProfile.smooth(small, prior, 168);
        // Hour 5: (2 + 168/112) / 170; hour 13 (evening): (0 + 168/336) / 170 — never zero.
        assertEquals((2 + 1.5) / 170, s[5], 1e-15);
        assertEquals(0.5 / 170, s[13], 1e-15);
        assertTrue(s[13] > 0);
    }

    @Test
    void refusesABadPrior() {
        double[] prior = HourOfWeekProfile.uniform();
        prior[3] = 0;
        assertThrows(IllegalArgumentException.class, () -> HourOfWeekProfile.smooth(new long[168], prior, 10));
        assertThrows(IllegalArgumentException.class, () -> HourOfWeekProfile.smooth(new long[24], HourOfWeekProfile.uniform(), 10));
    }
}
