package io.zhili.geo.trucks;

import static io.zhili.geo.trucks.TruckWorld.NIGHT;
import static io.zhili.geo.trucks.TruckWorld.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.trucks.TruckWorld.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

class UncoveredLoadRuleTest {

    @Test
    void lidOpenForFiftySecondsWhileLoadedAndMovingAlerts() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(3, 10, 0).lid(LidState.OPEN).move(1, 10, 0);
        long start = tr.last().ts();
        tr.move(5, 10, 0);
        long end = tr.last().ts();
        tr.lid(LidState.CLOSED).move(3, 10, 0);
        List<Alert> alerts = run(tr.points());
        assertEquals(1, alerts.size(), alerts.toString());
        Alert a = alerts.get(0);
        assertEquals(RuleType.UNCOVERED_LOAD, a.rule());
        assertEquals(start, a.startTs());
        assertEquals(end, a.endTs());
        assertEquals(6, a.points());
        assertEquals(Severity.LOW, a.severity());
    }

    @Test
    void lidOpenForTwentySecondsDoesNotAlert() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(3, 10, 0).lid(LidState.OPEN).move(3, 10, 0)
                .lid(LidState.CLOSED).move(3, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void lidOpenWhileEmptyDoesNotAlert() {
        Trace tr = new Trace(NIGHT, 1000, 0).load(0.2).lid(LidState.OPEN).report(36).move(12, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void unknownLidIsNeverTreatedAsOpen() {
        Trace tr = new Trace(NIGHT, 1000, 0).lid(LidState.UNKNOWN).report(36).move(12, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void lidOpenWhileLoadingInsideTheSiteAndStoppedDoesNotAlert() {
        Trace tr = new Trace(NIGHT, -100, 0).load(0).lid(LidState.OPEN).report(0);
        for (int i = 1; i <= 18; i++) {
            tr.load(i).stop(1);
        }
        tr.lid(LidState.CLOSED).move(10, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }
}
