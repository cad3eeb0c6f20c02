package io.zhili.jobs.trucks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.GpsJsonParser;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.RuleConfig;
import io.zhili.geo.trucks.RuleType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TruckMonitorFunction} in Flink's operator test harness, event time driven by the test:
 * sorting of out-of-order reports, the late output, and SIGNAL_LOSS fired by an event-time timer.
 */
class TruckMonitorFunctionTest {
    @TempDir
    static Path dir;
    static ReferenceSnapshot reference;

    private KeyedBroadcastOperatorTestHarness<String, GpsPoint, ReferenceSnapshot, Alert> harness;

    @BeforeAll
    static void world() throws Exception {
        reference = ReferenceSnapshot.read(HandMadeWorld.routes(dir), HandMadeWorld.sites(dir), HandMadeWorld.zones(dir));
    }

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new TruckMonitorFunction(RuleConfig.defaults()), GpsPoint::truckId, Types.STRING,
                TruckMonitorFunction.REFERENCE);
        harness.processBroadcastElement(reference, 0);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static List<GpsPoint> points(List<String> lines) {
        List<GpsPoint> points = new ArrayList<>();
        for (String line : lines) {
            points.add(GpsJsonParser.parse(line).point());
        }
        return points;
    }

    /** 60 s at 40 km/h, 60 s at 80 km/h, 50 s at 40 km/h, a 20 s stop: one speeding episode. */
    private static List<GpsPoint> speedingTrace() {
        return points(new HandMadeWorld.Trace(HandMadeWorld.T0, 120.33, 10).drive(6, 40, 18, "CLOSED")
                .drive(7, 80, 18, "CLOSED").drive(5, 40, 18, "CLOSED").drive(3, 0, 18, "CLOSED").lines);
    }

    @Test
    void reportsOutOfOrderWithinTheBoundAreSortedBeforeTheRules() throws Exception {
        List<GpsPoint> shuffled = speedingTrace();
        Collections.shuffle(shuffled, new Random(42));
        for (GpsPoint p : shuffled) {
            harness.processElement(p, p.ts());
        }
        harness.processWatermark(Long.MAX_VALUE);

        List<Alert> alerts = harness.extractOutputValues();
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(RuleType.SPEEDING, alerts.get(0).rule());
        assertEquals(HandMadeWorld.T0 + 70_000, alerts.get(0).startTs());
        assertEquals(HandMadeWorld.T0 + 130_000, alerts.get(0).endTs());
        assertEquals(7, alerts.get(0).points());
        assertTrue(harness.getSideOutput(TruckMonitorFunction.LATE) == null
                || harness.getSideOutput(TruckMonitorFunction.LATE).isEmpty());
    }

    @Test
    void reportBehindTheWatermarkGoesToTheLateOutputAndNotToTheRules() throws Exception {
        List<GpsPoint> trace = speedingTrace();
        GpsPoint held = trace.remove(8);
        for (GpsPoint p : trace.subList(0, 12)) {
            harness.processElement(p, p.ts());
        }
        harness.processWatermark(trace.get(11).ts() - 1);
        harness.processElement(held, held.ts());

        List<GpsPoint> late = new ArrayList<>();
        for (StreamRecord<GpsPoint> r : harness.getSideOutput(TruckMonitorFunction.LATE)) {
            late.add(r.getValue());
        }
        assertEquals(List.of(held), late);
    }

    @Test
    void silenceOfALoadedMovingTruckIsSignalLossWhenEventTimePassesTheGap() throws Exception {
        List<GpsPoint> moving = points(new HandMadeWorld.Trace(HandMadeWorld.T0, 120.33, 10)
                .drive(6, 40, 18, "CLOSED").lines);
        for (GpsPoint p : moving) {
            harness.processElement(p, p.ts());
        }
        long last = moving.get(moving.size() - 1).ts();
        harness.processWatermark(last + 9 * 60_000);
        assertTrue(harness.extractOutputValues().stream().noneMatch(a -> a.rule() == RuleType.SIGNAL_LOSS),
                "no SIGNAL_LOSS before 10 minutes of silence");

        harness.processWatermark(last + 11 * 60_000);
        List<Alert> loss = harness.extractOutputValues().stream().filter(a -> a.rule() == RuleType.SIGNAL_LOSS).toList();
        assertEquals(1, loss.size(), harness.extractOutputValues().toString());
        assertEquals(HandMadeWorld.TRUCK, loss.get(0).truckId());
    }
}
