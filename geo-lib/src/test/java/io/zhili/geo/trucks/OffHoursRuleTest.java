package io.zhili.geo.trucks;

import static io.zhili.geo.trucks.TruckWorld.MORNING;
import static io.zhili.geo.trucks.TruckWorld.NIGHT;
import static io.zhili.geo.trucks.TruckWorld.only;
import static io.zhili.geo.trucks.TruckWorld.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.trucks.TruckWorld.Trace;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffHoursRuleTest {

    @Test
    void loadedDrivingAtNineInTheMorningOnANightPermitAlerts() {
        Trace tr = new Trace(MORNING, 1000, 0).report(36).move(10, 10, 0);
        long end = tr.last().ts();
        tr.stop(3).load(0.5).stop(3).move(3, 10, 0); // unloads during a short stop: the episode ends
        List<Alert> alerts = run(tr.points());
        assertEquals(1, alerts.size(), alerts.toString());
        Alert a = alerts.get(0);
        assertEquals(RuleType.OFF_HOURS, a.rule());
        assertEquals(MORNING, a.startTs());
        assertEquals(end, a.endTs());
        assertEquals(11, a.points());
        assertEquals("P1", a.permitId());
        assertEquals(Severity.MEDIUM, a.severity());
    }

    @Test
    void episodeEndsWhenPermitHoursBegin() {
        long t0 = OffsetDateTime.parse("2025-11-24T21:58:00+08:00").toInstant().toEpochMilli();
        Trace tr = new Trace(t0, 1000, 0).report(36).move(11, 10, 0); // 21:58:00 .. 21:59:50
        long end = tr.last().ts();
        tr.move(6, 10, 0);                                          // from 22:00:00 within hours
        List<Alert> alerts = run(tr.points());
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(t0, alerts.get(0).startTs());
        assertEquals(end, alerts.get(0).endTs());
    }

    @Test
    void loadedDrivingWithinPermitHoursDoesNotAlert() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(20, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void emptyDrivingOutsidePermitHoursDoesNotAlert() {
        Trace tr = new Trace(MORNING, 1000, 0).load(2.9).report(36).move(20, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void truckWithoutAnyPermitIsOutsideEveryPermitsHours() {
        Trace tr = new Trace(NIGHT, 1000, 0).truck("鲁B99999").report(36).move(5, 10, 0);
        List<Alert> alerts = only(run(tr.points()), RuleType.OFF_HOURS);
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(null, alerts.get(0).permitId());
        assertTrue(alerts.get(0).detail().contains("no valid permit"), alerts.get(0).detail());
    }

    @Test
    void permitNotYetValidCountsAsNoPermit() {
        long beforeValidity = OffsetDateTime.parse("2025-10-31T23:00:00+08:00").toInstant().toEpochMilli();
        Trace tr = new Trace(beforeValidity, 1000, 0).report(36).move(5, 10, 0);
        List<Alert> alerts = run(tr.points());
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(RuleType.OFF_HOURS, alerts.get(0).rule());
        assertTrue(only(alerts, RuleType.ROUTE_DEVIATION).isEmpty());
    }
}
