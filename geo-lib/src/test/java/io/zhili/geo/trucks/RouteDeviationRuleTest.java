package io.zhili.geo.trucks;

import static io.zhili.geo.trucks.TruckWorld.NIGHT;
import static io.zhili.geo.trucks.TruckWorld.only;
import static io.zhili.geo.trucks.TruckWorld.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.trucks.TruckWorld.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteDeviationRuleTest {

    @Test
    void loadedTruckThreHundredMetresOffRouteForOneMinuteAlerts() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(5, 10, 0);
        tr.move(1, 10, 15);                 // y = 150: first report outside the 100 m corridor
        long start = tr.last().ts();
        tr.move(1, 10, 15).move(6, 10, 0);  // y = 300
        tr.move(1, 10, -15);                // y = 150: last report outside
        long end = tr.last().ts();
        tr.move(1, 10, -15).move(5, 10, 0); // back on the route

        List<Alert> alerts = run(tr.points());
        assertEquals(1, alerts.size(), alerts.toString());
        Alert a = alerts.get(0);
        assertEquals(RuleType.ROUTE_DEVIATION, a.rule());
        assertEquals(start, a.startTs());
        assertEquals(end, a.endTs());
        assertEquals(9, a.points());
        assertEquals(300, a.maxDistanceM(), 1.0);
        assertEquals("P1", a.permitId());
        assertEquals(Severity.MEDIUM, a.severity()); // 3 x corridor
        assertEquals(Alert.idOf(TruckWorld.TRUCK, RuleType.ROUTE_DEVIATION, start), a.alertId());
    }

    @Test
    void twoReportsOutsideSpanningTenSecondsDoNotAlert() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(3, 10, 0)
                .move(1, 10, 15).move(1, 10, 0).move(1, 10, -15).move(3, 10, 0);
        assertTrue(only(run(tr.points()), RuleType.ROUTE_DEVIATION).isEmpty());
    }

    @Test
    void emptyTruckOffRouteDoesNotAlert() {
        Trace tr = new Trace(NIGHT, 1000, 0).load(0.4).report(36).move(3, 10, 30).move(10, 10, 0).move(3, 10, -30);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void loadedTruckInsideDisposalSiteOffRouteDoesNotAlert() {
        // D1 spans y -200..200; at y = 180 the truck is 180 m from the route but inside the site.
        Trace tr = new Trace(NIGHT, 9950, 0).report(10).move(6, 0, 3).move(12, 2, 0).stop(6);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void stopOutsideTheCorridorPausesTheEpisodeInsteadOfSplittingIt() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(2, 10, 0).move(1, 10, 30);
        long start = tr.last().ts();
        tr.move(3, 10, 0).stop(3).move(3, 10, 0);
        long end = tr.last().ts();
        tr.move(1, 10, -30).move(2, 10, 0);
        List<Alert> alerts = only(run(tr.points()), RuleType.ROUTE_DEVIATION);
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(start, alerts.get(0).startTs());
        assertEquals(end, alerts.get(0).endTs());
        assertEquals(7, alerts.get(0).points()); // the 3 stopped reports are not counted
    }
}
