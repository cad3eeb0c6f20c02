package io.zhili.geo.trucks;

import static io.zhili.geo.trucks.TruckWorld.NIGHT;
import static io.zhili.geo.trucks.TruckWorld.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.trucks.TruckWorld.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedingRuleTest {

    @Test
    void seventyFiveKmhForFiftySecondsAlerts() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(3, 10, 0).move(1, 75 / 3.6, 0);
        long start = tr.last().ts();
        tr.move(5, 75 / 3.6, 0);
        long end = tr.last().ts();
        tr.move(3, 10, 0);
        List<Alert> alerts = run(tr.points());
        assertEquals(1, alerts.size(), alerts.toString());
        Alert a = alerts.get(0);
        assertEquals(RuleType.SPEEDING, a.rule());
        assertEquals(start, a.startTs());
        assertEquals(end, a.endTs());
        assertEquals(6, a.points());
        assertEquals(Severity.MEDIUM, a.severity()); // 15 km/h over
    }

    @Test
    void speedingForTwentySecondsDoesNotAlert() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(3, 10, 0).move(3, 90 / 3.6, 0).move(3, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void exactlyTheLimitIsNotSpeeding() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(60).move(12, 60 / 3.6, 0);
        assertTrue(run(tr.points()).isEmpty());
    }
}
