package io.zhili.geo.trucks;

import static io.zhili.geo.trucks.TruckWorld.NIGHT;
import static io.zhili.geo.trucks.TruckWorld.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.trucks.TruckWorld.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

class IllegalDumpingRuleTest {

    /** Drives to x = 3000, stops for {@code stopReports} reports unloading to {@code finalLoad}, drives off. */
    private static Trace dumpAt(double x0, int stopReports, double finalLoad) {
        Trace tr = new Trace(NIGHT, x0 - 500, 0).load(18).report(36).move(5, 10, 0);
        for (int i = 0; i < stopReports; i++) {
            double progress = Math.min(1, (i + 1) / (stopReports / 2.0));
            tr.load(18 + (finalLoad - 18) * progress).stop(1);
        }
        return tr.move(5, 10, 0);
    }

    @Test
    void fourMinuteStopOnTheRoadsideUnloadingAlerts() {
        Trace tr = dumpAt(3000, 24, 0.5);
        List<Alert> alerts = run(tr.points());
        assertEquals(1, alerts.size(), alerts.toString());
        Alert a = alerts.get(0);
        assertEquals(RuleType.ILLEGAL_DUMPING, a.rule());
        assertEquals(NIGHT + 60_000, a.startTs());
        assertEquals(NIGHT + 60_000 + 23 * 10_000, a.endTs());
        assertEquals(24, a.points());
        assertEquals(Severity.HIGH, a.severity());
        assertEquals(tr.points().get(6).lon(), a.lon());
        assertEquals("P1", a.permitId());
    }

    @Test
    void unloadingStopInsideTheDisposalSiteDoesNotAlert() {
        assertTrue(run(dumpAt(10_100, 24, 0.5).points()).isEmpty());
    }

    @Test
    void longLoadedStopWithoutUnloadingDoesNotAlert() {
        assertTrue(run(dumpAt(3000, 30, 18).points()).isEmpty());
    }

    @Test
    void unloadingDuringATwoMinuteStopIsTooShort() {
        assertTrue(run(dumpAt(3000, 12, 0.5).points()).isEmpty());
    }

    @Test
    void creepingMoreThanThirtyMetresEndsTheStop() {
        Trace tr = new Trace(NIGHT, 2500, 0).load(18).report(36).move(5, 10, 0);
        for (int i = 0; i < 24; i++) {
            tr.load(Math.max(0.5, 18 - i)).move(1, 0.5, 0); // 1.8 km/h: stopped, but 5 m per report
        }
        tr.move(3, 10, 0);
        List<Alert> alerts = run(tr.points());
        // Stops restart every 30 m (7 reports, 60 s): none lasts 3 min.
        assertTrue(alerts.stream().noneMatch(a -> a.rule() == RuleType.ILLEGAL_DUMPING), alerts.toString());
    }
}
