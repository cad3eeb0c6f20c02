package io.zhili.geo.trucks;

import static io.zhili.geo.trucks.TruckWorld.NIGHT;
import static io.zhili.geo.trucks.TruckWorld.TRUCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.trucks.TruckWorld.Trace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TruckRuleEngineTest {

    private static Map<PointVerdict, Integer> verdicts(List<GpsPoint> trace, List<Alert> alerts) {
        Map<PointVerdict, Integer> counts = new EnumMap<>(PointVerdict.class);
        TruckWorld.engine().runTrace(new TruckState(), trace, alerts::add, v -> counts.merge(v, 1, Integer::sum));
        return counts;
    }

    @Test
    void duplicateReportIsDroppedAndCounted() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(3, 10, 0);
        tr.add(tr.last()).move(3, 10, 0);
        List<Alert> alerts = new ArrayList<>();
        Map<PointVerdict, Integer> counts = verdicts(tr.points(), alerts);
        assertEquals(7, counts.get(PointVerdict.ACCEPTED));
        assertEquals(1, counts.get(PointVerdict.DUPLICATE));
        assertTrue(alerts.isEmpty());
    }

    @Test
    void duplicateWithDifferentValuesIsStillADuplicate() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(3, 10, 0);
        GpsPoint p = tr.last();
        tr.add(new GpsPoint(TRUCK, p.ts(), p.lon(), p.lat(), 99, 0, LidState.OPEN, 1));
        Map<PointVerdict, Integer> counts = verdicts(tr.points(), new ArrayList<>());
        assertEquals(1, counts.get(PointVerdict.DUPLICATE));
    }

    @Test
    void jumpPointIsDroppedAndDoesNotSplitAnEpisode() {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(2, 10, 0).move(1, 75 / 3.6, 0);
        long start = tr.last().ts();
        tr.move(3, 75 / 3.6, 0);
        GpsPoint p = tr.last();
        // 5 km north 1 s later: 18 000 km/h implied.
        tr.add(new GpsPoint(TRUCK, p.ts() + 1000, p.lon(), p.lat() + 0.045, 75, 90, LidState.CLOSED, 18));
        tr.move(3, 75 / 3.6, 0);
        long end = tr.last().ts();
        tr.move(3, 10, 0);
        List<Alert> alerts = new ArrayList<>();
        Map<PointVerdict, Integer> counts = verdicts(tr.points(), alerts);
        assertEquals(1, counts.get(PointVerdict.JUMP));
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(RuleType.SPEEDING, alerts.get(0).rule());
        assertEquals(start, alerts.get(0).startTs());
        assertEquals(end, alerts.get(0).endTs());
        assertEquals(7, alerts.get(0).points());
    }

    @Test
    void badFirstFixIsReplacedAfterThreeJumps() {
        Trace tr = new Trace(NIGHT, 1000, 0);
        // First report 20 km away, then a normal trace: reports 2..4 are jumps from it, report 5 re-anchors.
        tr.add(new GpsPoint(TRUCK, NIGHT - 10_000, 120.60, 36.30, 36, 90, LidState.CLOSED, 18));
        tr.report(36).move(10, 10, 0);
        List<Alert> alerts = new ArrayList<>();
        Map<PointVerdict, Integer> counts = verdicts(tr.points(), alerts);
        assertEquals(2, counts.get(PointVerdict.JUMP));
        assertEquals(10, counts.get(PointVerdict.ACCEPTED));
        // The bad fix was far off the route, but one report is not a deviation episode.
        assertTrue(alerts.isEmpty(), alerts.toString());
    }

    @Test
    void earlierReportIsOutOfOrder() {
        TruckRuleEngine engine = TruckWorld.engine();
        TruckState state = new TruckState();
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(2, 10, 0);
        List<Alert> alerts = new ArrayList<>();
        for (GpsPoint p : tr.points()) {
            assertEquals(PointVerdict.ACCEPTED, engine.process(state, p, alerts::add));
        }
        GpsPoint late = tr.points().get(1);
        GpsPoint earlier = new GpsPoint(TRUCK, late.ts() - 5000, late.lon(), late.lat(), 36, 90, LidState.CLOSED, 18);
        assertEquals(PointVerdict.OUT_OF_ORDER, engine.process(state, earlier, alerts::add));
    }

    @Test
    void timerClosesAnEpisodeAfterSilenceAndStaleTimersAreHarmless() {
        TruckRuleEngine engine = TruckWorld.engine();
        TruckState state = new TruckState();
        List<Alert> alerts = new ArrayList<>();
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(2, 10, 0).move(6, 75 / 3.6, 0);
        for (GpsPoint p : tr.points()) {
            engine.process(state, p, alerts::add);
        }
        long last = tr.last().ts();
        assertEquals(last + 120_000, engine.nextTimer(state));
        engine.onTime(state, last + 60_000, alerts::add); // stale: not yet silent long enough
        assertTrue(alerts.isEmpty());
        engine.onTime(state, last + 120_000, alerts::add);
        assertEquals(1, alerts.size());
        assertEquals(RuleType.SPEEDING, alerts.get(0).rule());
        // Loaded and moving at the last report: next deadline is the signal-loss one.
        assertEquals(last + 600_000, engine.nextTimer(state));
        engine.onTime(state, last + 600_000, alerts::add);
        assertEquals(RuleType.SIGNAL_LOSS, alerts.get(1).rule());
        assertEquals(Long.MIN_VALUE, engine.nextTimer(state));
    }

    @Test
    void flushEmitsOpenEpisodesButNoSignalLoss() {
        TruckRuleEngine engine = TruckWorld.engine();
        TruckState state = new TruckState();
        List<Alert> alerts = new ArrayList<>();
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(6, 75 / 3.6, 0);
        for (GpsPoint p : tr.points()) {
            engine.process(state, p, alerts::add);
        }
        engine.flush(state, alerts::add);
        assertEquals(List.of(RuleType.SPEEDING), alerts.stream().map(Alert::rule).toList());
    }

    @Test
    void stateIsAFlinkPojoWithPublicMutableFields() throws Exception {
        assertTrue(Modifier.isPublic(TruckState.class.getConstructor().getModifiers()));
        for (Field f : TruckState.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            assertTrue(Modifier.isPublic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers()), f.getName());
        }
    }

    @Test
    void stateRestoredMidEpisodeGivesTheSameAlerts() throws Exception {
        Trace tr = new Trace(NIGHT, 1000, 0).report(36).move(2, 10, 0).lid(LidState.OPEN).move(4, 10, 0)
                .move(2, 10, 30).move(4, 75 / 3.6, 0).lid(LidState.CLOSED).move(3, 10, -40).move(3, 10, 0);
        List<Alert> uninterrupted = TruckWorld.run(tr.points());
        assertEquals(3, uninterrupted.size(), uninterrupted.toString());

        TruckRuleEngine engine = TruckWorld.engine();
        TruckState state = new TruckState();
        List<Alert> alerts = new ArrayList<>();
        List<GpsPoint> points = tr.points();
        int half = 9;
        engine.runTrace(state, points.subList(0, 0), a -> { }, null);
        for (GpsPoint p : points.subList(0, half)) {
            engine.process(state, p, alerts::add);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        TruckState restored;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            restored = (TruckState) in.readObject();
        }
        TruckWorld.engine().runTrace(restored, points.subList(half, points.size()), alerts::add, null);
        assertEquals(uninterrupted, alerts);
    }
}
