package io.zhili.geo.trucks;

import static io.zhili.geo.trucks.TruckWorld.NIGHT;
import static io.zhili.geo.trucks.TruckWorld.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.trucks.TruckWorld.Trace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalLossRuleTest {

    @Test
    void twelveMinuteSilenceAfterLoadedMovingReportAlertsAtTheTimer() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(3, 10, 0);
        GpsPoint lastBefore = tr.last();
        tr.silent(720_000, 7000 - 1300, 0).move(3, 10, 0);
        List<Alert> alerts = run(tr.points());
        assertEquals(1, alerts.size(), alerts.toString());
        Alert a = alerts.get(0);
        assertEquals(RuleType.SIGNAL_LOSS, a.rule());
        assertEquals(lastBefore.ts(), a.startTs());
        assertEquals(lastBefore.ts() + 600_000, a.endTs(), "the event-time timer fires 10 min after the last report");
        assertEquals(lastBefore.lon(), a.lon());
        assertEquals(Severity.LOW, a.severity());
    }

    @Test
    void withoutTimersTheNextReportEndsTheGap() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(3, 10, 0);
        GpsPoint lastBefore = tr.last();
        tr.silent(720_000, 7000 - 1300, 0).move(1, 10, 0);
        GpsPoint firstAfter = tr.last();
        TruckRuleEngine engine = TruckWorld.engine();
        TruckState state = new TruckState();
        List<Alert> alerts = new ArrayList<>();
        for (GpsPoint p : tr.points()) {
            engine.process(state, p, alerts::add);
        }
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(lastBefore.ts(), alerts.get(0).startTs());
        assertEquals(firstAfter.ts(), alerts.get(0).endTs());
        assertEquals(2, alerts.get(0).points());
        // A late timer for the same gap emits nothing more.
        engine.onTime(state, lastBefore.ts() + 600_000, alerts::add);
        assertEquals(1, alerts.size());
    }

    @Test
    void silenceOfAnEmptyTruckDoesNotAlert() {
        Trace tr = new Trace(NIGHT, 1000, 0).load(0).report(36).move(3, 10, 0).silent(1_200_000, 10_000, 0).move(3, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void silenceAfterParkingLoadedDoesNotAlert() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(3, 10, 0).stop(2).silent(1_200_000, 0, 0).stop(1).move(3, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void nineMinuteSilenceDoesNotAlert() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(3, 10, 0).silent(540_000, 5400, 0).move(3, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }
}
