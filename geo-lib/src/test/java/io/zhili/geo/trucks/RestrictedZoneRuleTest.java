package io.zhili.geo.trucks;

import static io.zhili.geo.trucks.TruckWorld.MORNING;
import static io.zhili.geo.trucks.TruckWorld.NIGHT;
import static io.zhili.geo.trucks.TruckWorld.only;
import static io.zhili.geo.trucks.TruckWorld.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.trucks.TruckWorld.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestrictedZoneRuleTest {

    @Test
    void emptyTruckInsideZoneDuringItsHoursAlerts() {
        // Z-NIGHT (20:00-06:00) spans x 6000..6500, y 300..800; at 23:00 it applies.
        Trace tr = new Trace(NIGHT, 6200, 0).load(0).report(36).move(3, 0, 10); // y = 300 is the zone edge
        tr.move(1, 0, 10);
        long start = tr.last().ts();                                            // y = 400
        tr.move(2, 0, 10);                                                      // y = 600
        long end = tr.last().ts();
        tr.move(3, 0, 100);                                                     // y = 1600: out
        List<Alert> alerts = run(tr.points());
        assertEquals(1, alerts.size(), alerts.toString());
        Alert a = alerts.get(0);
        assertEquals(RuleType.RESTRICTED_ZONE, a.rule());
        assertEquals(start - 10_000, a.startTs(), "the report on the boundary (y = 300) counts as inside");
        assertEquals(end, a.endTs());
        assertEquals(Severity.MEDIUM, a.severity());
        assertTrue(a.detail().contains("Z-NIGHT"), a.detail());
    }

    @Test
    void zoneOutsideItsHoursDoesNotAlert() {
        // Z-DAY (07:00-20:00) lies across the route at x 4000..4500; at 23:00 it does not apply.
        Trace tr = new Trace(NIGHT, 3500, 0).report(36).move(15, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void sameDriveThroughZoneDuringItsHoursAlertsAsLoaded() {
        Trace tr = new Trace(MORNING, 3500, 0).report(36).move(5, 10, 0);
        long start = tr.last().ts(); // x = 4000, on the boundary
        tr.move(5, 10, 0);
        long end = tr.last().ts();   // x = 4500, on the boundary
        tr.move(5, 10, 0);
        List<Alert> alerts = only(run(tr.points()), RuleType.RESTRICTED_ZONE);
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(start, alerts.get(0).startTs());
        assertEquals(end, alerts.get(0).endTs());
        assertEquals(6, alerts.get(0).points());
        assertEquals(Severity.HIGH, alerts.get(0).severity());
    }
}
