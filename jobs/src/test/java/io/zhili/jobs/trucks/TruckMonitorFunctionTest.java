package io.zhili.jobs.trucks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.datasets.trucks.TruckDataGenerator;
import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.DecodeOutcome;
import io.zhili.geo.trucks.GpsJsonParser;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.RuleConfig;
import io.zhili.geo.trucks.RuleType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
 * sorting of out-of-order reports, the late output, SIGNAL_LOSS fired by an event-time timer, one
 * timer per truck, and alerts equal to the rule engine's over each truck's sorted trace however the
 * watermark advances.
 */
class TruckMonitorFunctionTest {
    @TempDir
    static Path dir;
    static ReferenceSnapshot reference;

    private KeyedBroadcastOperatorTestHarness<String, GpsPoint, ReferenceChange, Alert> harness;

    @BeforeAll
    static void world() throws Exception {
        reference = ReferenceSnapshot.read(HandMadeWorld.routes(dir), HandMadeWorld.sites(dir), HandMadeWorld.zones(dir));
    }

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new TruckMonitorFunction(RuleConfig.defaults()), GpsPoint::truckId, Types.STRING,
                TruckMonitorFunction.REFERENCE, TruckMonitorFunction.UPDATES);
        harness.processBroadcastElement(ReferenceChange.of(reference), 0);
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

    @Test
    void aTruckHoldsOneWakeUpTimerNotOnePerBufferedReport() throws Exception {
        List<GpsPoint> trace = speedingTrace();
        for (GpsPoint p : trace) {
            harness.processElement(p, p.ts());
        }
        // The end-of-input timer and one at the earliest buffered report, for 21 reports.
        assertEquals(2, harness.numEventTimeTimers());

        harness.processWatermark(trace.get(9).ts());
        // The end-of-input timer and the next buffered report's.
        assertEquals(2, harness.numEventTimeTimers());
    }

    @Test
    void alertsEqualTheEngineRunInEventOrderWhateverTheWatermarkSteps() throws Exception {
        Path data = dir.resolve("generated");
        TruckDataGenerator.generate(data, 30, 20251124L);
        List<String> lines = Files.readAllLines(data.resolve("gps.jsonl"));
        long bound = 120_000;
        DecisionTimes expected = DecisionTimes.of(lines, ReferenceLayers.read(data.resolve("routes.geojson"),
                data.resolve("sites.geojson"), data.resolve("zones.geojson")), RuleConfig.defaults(), bound);

        harness.close();
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new TruckMonitorFunction(RuleConfig.defaults()), GpsPoint::truckId, Types.STRING,
                TruckMonitorFunction.REFERENCE, TruckMonitorFunction.UPDATES);
        harness.processBroadcastElement(ReferenceChange.of(ReferenceSnapshot.read(data.resolve("routes.geojson"),
                data.resolve("sites.geojson"), data.resolve("zones.geojson"))), 0);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Random steps = new Random(7);
        long maxTs = Long.MIN_VALUE;
        int untilWatermark = 1;
        for (String line : lines) {
            DecodeOutcome o = GpsJsonParser.parse(line);
            if (!o.ok()) {
                continue;
            }
            GpsPoint p = o.point();
            harness.processElement(p, p.ts());
            maxTs = Math.max(maxTs, p.ts());
            // Watermark steps of one report to a few thousand, as bounded out-of-orderness emits them.
            if (--untilWatermark == 0) {
                harness.processWatermark(maxTs - bound - 1);
                untilWatermark = 1 + steps.nextInt(steps.nextBoolean() ? 5 : 3000);
            }
        }
        harness.processWatermark(Long.MAX_VALUE);

        List<Alert> alerts = harness.extractOutputValues();
        assertTrue(alerts.size() > 40, "a generated night alerts: " + alerts.size());
        assertEquals(new HashSet<>(expected.alerts.values()), new HashSet<>(alerts));
        assertEquals(alerts.size(), new HashSet<>(alerts).size(), "no alert twice");
        assertTrue(harness.getSideOutput(TruckMonitorFunction.LATE) == null
                || harness.getSideOutput(TruckMonitorFunction.LATE).isEmpty());
    }
}
