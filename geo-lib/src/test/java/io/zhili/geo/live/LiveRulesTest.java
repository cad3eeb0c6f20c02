package io.zhili.geo.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.live.OverdueClock.Decision;
import io.zhili.geo.live.OverdueClock.Step;
import io.zhili.geo.util.Timestamps;
import java.time.OffsetDateTime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The live rules of geo-lib: Poisson tail, hour-of-week expectation, surge, recurrence, overdue, ids. */
class LiveRulesTest {
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;

    private static long at(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant().toEpochMilli();
    }

    @Test
    void poissonUpperTailMatchesClosedForms() {
        // P(X >= 1) = 1 - e^-mu
        assertEquals(1 - Math.exp(-0.3), PoissonTail.upper(0.3, 1), 1e-15);
        // P(X >= 2) for mu = 2: 1 - e^-2 (1 + 2)
        assertEquals(1 - 3 * Math.exp(-2), PoissonTail.upper(2, 2), 1e-14);
        // far tail: P(X >= 5 | mu = 0.01) ~ mu^5/5! e^-mu (next term 600x smaller)
        double first = Math.pow(0.01, 5) / 120 * Math.exp(-0.01);
        assertEquals(first * (1 + 0.01 / 6 + 0.0001 / 42), PoissonTail.upper(0.01, 5), first * 1e-6);
        assertEquals(1.0, PoissonTail.upper(3, 0));
        assertEquals(0.0, PoissonTail.upper(0, 1));
        // tails below double's 1 - CDF resolution are still positive and ordered
        double a = PoissonTail.upper(1, 40);
        double b = PoissonTail.upper(1, 41);
        assertTrue(a > 0 && b > 0 && b < a, a + " " + b);
        // the bulk and the upper sum (through log-gamma) against an independent lgamma computation
        assertEquals(0.5132987982791317, PoissonTail.upper(100, 100), 1e-12);
        assertEquals(0.02823039396482896, PoissonTail.upper(100, 120), 1e-12);
        assertEquals(Math.log(720), PoissonTail.logFactorial(6), 1e-12);
        assertEquals(PoissonTail.logFactorial(63) + Math.log(64), PoissonTail.logFactorial(64), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> PoissonTail.upper(Double.NaN, 3));
    }

    @Test
    void hourOfWeekStartsMondayMidnightLocal() {
        assertEquals(0, HourOfWeekProfile.hourOfWeek(at("2026-01-05T00:00:00+08:00"))); // a Monday
        assertEquals(0, HourOfWeekProfile.hourOfWeek(at("2026-01-05T00:59:59+08:00")));
        assertEquals(1, HourOfWeekProfile.hourOfWeek(at("2026-01-05T01:00:00+08:00")));
        assertEquals(167, HourOfWeekProfile.hourOfWeek(at("2026-01-04T23:30:00+08:00"))); // Sunday
        assertEquals(24 * 3 + 10, HourOfWeekProfile.hourOfWeek(at("2026-01-08T10:45:00+08:00"))); // Thursday
        assertEquals(at("2026-01-08T00:00:00+08:00"), HourOfWeekProfile.localMidnight(at("2026-01-08T07:59:00+08:00")));
    }

    @Test
    void expectedSumsSharesOverTheHoursOverlapped() {
        double[] share = new double[168];
        share[0] = 3; // Monday 00-01
        share[1] = 1; // Monday 01-02
        HourOfWeekProfile p = new HourOfWeekProfile(share); // normalised: 0.75, 0.25
        assertEquals(0.75, p.share(0), 1e-12);
        long monday = at("2026-01-05T00:00:00+08:00");
        // 28 cases a week: 21 in hour 0, 7 in hour 1; half of hour 0 and all of hour 1
        assertEquals(10.5 + 7, p.expected(28, monday + 30 * MIN, monday + 2 * HOUR), 1e-9);
        assertEquals(0, p.expected(28, monday + 2 * HOUR, monday + 5 * HOUR), 1e-12);
        assertEquals(0, p.expected(28, monday, monday), 1e-12);
        assertEquals(7.0 / 168 * 3, HourOfWeekProfile.UNIFORM.expected(7, monday, monday + 3 * HOUR), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new HourOfWeekProfile(new double[3]));
    }

    @Test
    void surgeNeedsTheMinimumCountAndTheCorrectedThreshold() {
        SurgeDetector d = SurgeDetector.defaults(1000); // threshold 1e-5
        assertEquals(1e-5, d.threshold(), 1e-18);
        long t = at("2026-01-08T11:00:00+08:00");
        long[] four = {t - 50 * MIN, t - 40 * MIN, t - 30 * MIN, t};
        // four cases against almost nothing expected: improbable, but below the minimum count
        assertFalse(d.test(four, 4, t, 0.01, HourOfWeekProfile.UNIFORM).significant());
        long[] five = {t - 60 * MIN, t - 50 * MIN, t - 40 * MIN, t - 30 * MIN, t};
        SurgeDetector.Verdict v = d.test(five, 5, t, 1.0, HourOfWeekProfile.UNIFORM);
        assertTrue(v.significant(), v.toString());
        assertEquals(5, v.observed());
        assertEquals(PoissonTail.upper(v.expected(), 5), v.p(), 1e-20);
        // the same five cases where 30 are expected a week per hour-ish: not improbable
        assertFalse(d.test(five, 5, t, 168 * 3, HourOfWeekProfile.UNIFORM).significant());
        // a later case is not counted at t, one more than 3 h before is outside the trailing window
        long[] spread = {t - 4 * HOUR, t - 60 * MIN, t - 50 * MIN, t - 40 * MIN, t, t + MIN};
        SurgeDetector.Verdict w = d.test(spread, 6, t, 1.0, HourOfWeekProfile.UNIFORM);
        // the 3 h window holds four (below the minimum), today (since 07:00 is after midnight) five
        assertEquals(5, w.observed());
        assertEquals("today", w.window());
        assertTrue(w.significant());
        long[] early = {t - 4 * HOUR - 20 * HOUR, t - 60 * MIN, t - 50 * MIN, t - 40 * MIN, t};
        SurgeDetector.Verdict x = d.test(early, 5, t, 1.0, HourOfWeekProfile.UNIFORM);
        assertEquals(4, x.observed()); // the first is yesterday and more than 3 h ago: neither window reaches 5
        assertFalse(x.significant());
    }

    @Test
    void surgeTodayWindowCatchesASlowBuild() {
        SurgeDetector d = SurgeDetector.defaults(10);
        long midnight = at("2026-01-08T00:00:00+08:00");
        long t = midnight + 10 * HOUR;
        long[] times = new long[8];
        for (int i = 0; i < 8; i++) {
            times[i] = midnight + (i + 1) * HOUR; // one an hour: the 3 h window has 3, today 8
        }
        SurgeDetector.Verdict v = d.test(times, 8, t, 1.0, HourOfWeekProfile.UNIFORM);
        assertEquals("today", v.window());
        assertEquals(8, v.observed());
        assertTrue(v.significant());
        assertEquals(0, SurgeDetector.firstNeeded(times, 8, t)); // all of today is needed
        long nextDay = midnight + 26 * HOUR;
        assertEquals(8, SurgeDetector.firstNeeded(times, 8, nextDay)); // nothing after 23:00 the day before
    }

    @Test
    void recurrenceReachesNAtTheNthCaseWithinTheClosedWindow() {
        RecurrenceCounter r = new RecurrenceCounter(3, 30);
        long day = 86_400_000L;
        long t0 = at("2026-01-01T08:00:00+08:00");
        long[] times = r.add(null, t0);
        assertFalse(r.reachesAt(times, t0));
        times = r.add(times, t0 + 10 * day);
        assertFalse(r.reachesAt(times, t0 + 10 * day));
        times = r.add(times, t0 + 30 * day); // exactly 30 days after the first: inside the closed window
        assertTrue(r.reachesAt(times, t0 + 30 * day));
        times = r.add(times, t0 + 31 * day); // the first has left the window, three again at the 4th
        assertEquals(3, r.countAt(times, t0 + 31 * day));
        assertTrue(r.reachesAt(times, t0 + 31 * day));
        // ... but the component alerted 1 day ago, within the window: no second alert for the same run of faults
        assertFalse(r.alertsAt(times, t0 + 31 * day, t0 + 30 * day));
        assertTrue(r.alertsAt(times, t0 + 31 * day, Timestamps.EMPTY));
        assertTrue(r.alertsAt(times, t0 + 31 * day, t0 - 1));
        // an old time falls out when a newer one arrives more than 30 days later
        long[] pruned = r.add(new long[] {t0}, t0 + 31 * day);
        assertArrayEquals(new long[] {t0 + 31 * day}, pruned);
        // out of order insertion keeps the array sorted
        long[] sorted = r.add(new long[] {t0, t0 + 2 * day}, t0 + day);
        assertArrayEquals(new long[] {t0, t0 + day, t0 + 2 * day}, sorted);
        assertTrue(r.reachesAt(sorted, t0 + 2 * day));
        assertThrows(IllegalArgumentException.class, () -> new RecurrenceCounter(1, 30));
    }

    @Test
    void overdueDeadlinesFollowTheServiceLevels() {
        OverdueClock clock = new OverdueClock(ServiceLevels.defaults());
        long reported = at("2026-01-08T10:45:00+08:00");
        long verified = reported + 21 * MIN;
        // EVENT 0190: dispatch 15 min after verification, close 360 min after report
        assertEquals(verified + 15 * MIN, clock.deadline(Step.DISPATCH, "EVENT", "0190", reported, verified));
        assertEquals(reported + 360 * MIN, clock.deadline(Step.CLOSE, "EVENT", "0190", reported, Timestamps.EMPTY));
        assertEquals(Timestamps.EMPTY, clock.deadline(Step.DISPATCH, "EVENT", "0190", reported, Timestamps.EMPTY));
        long due = verified + 15 * MIN;
        assertEquals(Decision.PENDING, OverdueClock.decide(due, Timestamps.EMPTY, due - 1));
        assertEquals(Decision.OVERDUE, OverdueClock.decide(due, Timestamps.EMPTY, due));
        assertEquals(Decision.ON_TIME, OverdueClock.decide(due, due, due + HOUR));
        assertEquals(Decision.LATE, OverdueClock.decide(due, due + 1, due + 1));
        assertEquals(Decision.PENDING, OverdueClock.decide(Timestamps.EMPTY, Timestamps.EMPTY, Long.MAX_VALUE));
        assertEquals(7, OverdueClock.minutesLate(due, due + 7 * MIN + 59_000));
        assertEquals(0, OverdueClock.minutesLate(due, due - HOUR));
        assertEquals("OVERDUE_DISPATCH", Step.DISPATCH.alertKind());
    }

    @Test
    void alertIdsAreNameBasedVersion3() {
        String id = LiveAlertIds.of("SURGE", "8930e1d8a27ffff|04", 1_767_000_000_000L);
        assertEquals(id, LiveAlertIds.of("SURGE", "8930e1d8a27ffff|04", 1_767_000_000_000L));
        assertEquals(3, java.util.UUID.fromString(id).version());
        assertNotEquals(id, LiveAlertIds.of("SURGE", "8930e1d8a27ffff|04", 1_767_000_000_001L));
        assertEquals(java.util.UUID.nameUUIDFromBytes("RECURRENCE|0101000000000001|5".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString(), LiveAlertIds.of("RECURRENCE", "0101000000000001", 5));
        assertTrue(Arrays.asList(id.split("-")).size() == 5);
    }
}
