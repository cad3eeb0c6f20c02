package io.zhili.geo.trucks;

import static io.zhili.geo.trucks.TruckWorld.NIGHT;
import static io.zhili.geo.trucks.TruckWorld.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.trucks.TruckWorld.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpillageRuleTest {

    @Test
    void loadFallingTwoAndAHalfTonnesWhileMovingAlerts() {
        Trace tr = new Trace(NIGHT, 1000, 0).load(18).report(36).move(3, 10, 0);
        long before = tr.last().ts();
        tr.load(15.5).move(1, 10, 0);
        GpsPoint after = tr.last();
        tr.move(5, 10, 0);
        List<Alert> alerts = run(tr.points());
        assertEquals(1, alerts.size(), alerts.toString());
        Alert a = alerts.get(0);
        assertEquals(RuleType.SPILLAGE, a.rule());
        assertEquals(before, a.startTs());
        assertEquals(after.ts(), a.endTs());
        assertEquals(after.lon(), a.lon());
        assertEquals(2, a.points());
        assertEquals(Severity.MEDIUM, a.severity());
        assertEquals("load fell 18.0 -> 15.5 t while moving", a.detail());
    }

    @Test
    void twoConsecutiveFallsAreOneEpisode() {
        Trace tr = new Trace(NIGHT, 1000, 0).load(18).report(36).move(3, 10, 0);
        long before = tr.last().ts();
        tr.load(16).move(1, 10, 0).load(13).move(1, 10, 0);
        long end = tr.last().ts();
        tr.move(3, 10, 0);
        List<Alert> alerts = run(tr.points());
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(before, alerts.get(0).startTs());
        assertEquals(end, alerts.get(0).endTs());
        assertEquals(3, alerts.get(0).points());
        assertEquals(Severity.HIGH, alerts.get(0).severity()); // 5 t lost
    }

    @Test
    void fallBelowOneTonneIsSensorNoise() {
        Trace tr = new Trace(NIGHT, 1000, 0).load(18).report(36).move(3, 10, 0).load(17.2).move(5, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void fallOfOneTonneFromAlmostNothingNeedsTenPercent() {
        // 1.2 t from 20 t is 6 %: not a spill by the 10 % condition even though it is over 1 t.
        Trace tr = new Trace(NIGHT, 1000, 0).load(20).report(36).move(3, 10, 0).load(18.8).move(5, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void unloadingWhileRollingInsideTheDisposalSiteDoesNotAlert() {
        Trace tr = new Trace(NIGHT, 9950, 0).load(18).report(8).move(2, 2, 0).load(9).move(1, 2, 0).load(1).move(2, 2, 0);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void fallAcrossAThreeMinuteSilenceIsNotASpill() {
        Trace tr = new Trace(NIGHT, 1000, 0).load(18).report(36).move(3, 10, 0).silent(180_000, 1800, 0)
                .load(14).move(3, 10, 0);
        assertTrue(run(tr.points()).isEmpty());
    }

    @Test
    void spillageIsACaseOfLocalClass0190() {
        Trace tr = new Trace(NIGHT, 1000, 0).load(18).report(36).move(3, 10, 0).load(15.5).move(1, 10, 0).move(2, 10, 0);
        Alert a = run(tr.points()).get(0);
        String[] row = SpillageCase.row(a);
        assertEquals(SpillageCase.COLUMNS.size(), row.length);
        assertEquals("TA-" + a.alertId(), row[0]);
        assertEquals("TRUCK_ALERT", row[1]);
        assertEquals("EVENT", row[2]);
        assertEquals("01", row[3]);
        assertEquals("0190", row[4]);
        assertEquals("", row[5]);
        assertEquals(a.lon(), Double.parseDouble(row[6]));
        assertEquals("WGS84", row[8]);
        assertEquals("2025-11-24T23:00:40+08:00", row[9]);
        assertEquals("", row[13]);
    }

    @Test
    void otherAlertsAreNotCases() {
        Alert a = new Alert("x", RuleType.SPEEDING, "t", null, 0, 0, 120, 36, Double.NaN, 1, Severity.LOW, "");
        assertThrows(IllegalArgumentException.class, () -> SpillageCase.row(a));
    }
}
