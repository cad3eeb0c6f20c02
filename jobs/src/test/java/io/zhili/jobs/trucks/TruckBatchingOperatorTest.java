package io.zhili.jobs.trucks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.datasets.trucks.TruckDataGenerator;
import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.DecodeOutcome;
import io.zhili.geo.trucks.GpsJsonParser;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.RuleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TruckBatchingOperator} gives exactly what Flink's own keyed-broadcast operator gives with the
 * same function: the same alerts and the same late reports, whatever the watermark steps, with reports
 * arriving behind the watermark, with the hand-over forced by the size bound, and across a checkpoint
 * taken while reports are held.
 */
class TruckBatchingOperatorTest {
    @TempDir
    static Path dir;
    static ReferenceSnapshot reference;
    static List<GpsPoint> night;

    @BeforeAll
    static void generate() throws Exception {
        TruckDataGenerator.generate(dir, 40, 20251126L);
        reference = ReferenceSnapshot.read(dir.resolve("routes.geojson"), dir.resolve("sites.geojson"),
                dir.resolve("zones.geojson"));
        night = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("gps.jsonl"))) {
            DecodeOutcome o = GpsJsonParser.parse(line);
            if (o.ok()) {
                night.add(o.point());
            }
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, GpsPoint, ReferenceChange, Alert> harness(
            boolean batching, OperatorSubtaskState restored) throws Exception {
        TruckMonitorFunction f = new TruckMonitorFunction(RuleConfig.defaults());
        CoBroadcastWithKeyedOperator<String, GpsPoint, ReferenceChange, Alert> op = batching
                ? new TruckBatchingOperator(f, List.of(TruckMonitorFunction.REFERENCE, TruckMonitorFunction.UPDATES))
                : new CoBroadcastWithKeyedOperator<>(f, List.of(TruckMonitorFunction.REFERENCE, TruckMonitorFunction.UPDATES));
        KeyedBroadcastOperatorTestHarness<String, GpsPoint, ReferenceChange, Alert> h =
                new KeyedBroadcastOperatorTestHarness<>(op, GpsPoint::truckId, Types.STRING, 128, 1, 0);
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        h.processBroadcastElement(ReferenceChange.of(reference), 0);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    /** What a run produced: alerts and late reports, each sorted, so order across trucks does not matter. */
    private record Outcome(List<Alert> alerts, List<GpsPoint> late) {
        static Outcome of(List<KeyedBroadcastOperatorTestHarness<String, GpsPoint, ReferenceChange, Alert>> runs) {
            List<Alert> alerts = new ArrayList<>();
            List<GpsPoint> late = new ArrayList<>();
            for (var h : runs) {
                alerts.addAll(h.extractOutputValues());
                if (h.getSideOutput(TruckMonitorFunction.LATE) != null) {
                    for (StreamRecord<GpsPoint> r : h.getSideOutput(TruckMonitorFunction.LATE)) {
                        late.add(r.getValue());
                    }
                }
            }
            alerts.sort(Comparator.comparing(Alert::toString));
            late.sort(Comparator.comparing(GpsPoint::toString));
            return new Outcome(alerts, late);
        }
    }

    /**
     * Feeds the night with watermark steps of one report to a few thousand (seeded), re-sends every
     * 500th report five minutes later (behind the watermark by then), and, when {@code checkpointAt} is
     * positive, checkpoints after that many reports and continues in a fresh operator restored from it.
     */
    private static Outcome run(boolean batching, int checkpointAt) throws Exception {
        List<KeyedBroadcastOperatorTestHarness<String, GpsPoint, ReferenceChange, Alert>> runs = new ArrayList<>();
        var h = harness(batching, null);
        runs.add(h);
        Random steps = new Random(3);
        long bound = 120_000;
        long maxTs = Long.MIN_VALUE;
        int untilWatermark = 1;
        List<GpsPoint> resend = new ArrayList<>();
        for (int i = 0; i < night.size(); i++) {
            GpsPoint p = night.get(i);
            h.processElement(p, p.ts());
            maxTs = Math.max(maxTs, p.ts());
            if (i % 500 == 0) {
                resend.add(p);
            }
            if (!resend.isEmpty() && resend.get(0).ts() + 300_000 < maxTs) {
                GpsPoint old = resend.remove(0);
                h.processElement(old, old.ts());
            }
            if (--untilWatermark == 0) {
                h.processWatermark(maxTs - bound - 1);
                untilWatermark = 1 + steps.nextInt(steps.nextBoolean() ? 5 : 3000);
            }
            if (i == checkpointAt) {
                h.prepareSnapshotPreBarrier(1);
                OperatorSubtaskState state = h.snapshot(1, 1);
                h.close();
                h = harness(batching, state);
                runs.add(h);
            }
        }
        h.processWatermark(Long.MAX_VALUE);
        h.close();
        return Outcome.of(runs);
    }

    @Test
    void sameAlertsAndLateReportsAsFlinksOperator() throws Exception {
        Outcome plain = run(false, -1);
        Outcome batched = run(true, -1);
        assertTrue(plain.alerts().size() > 40, "a generated night alerts: " + plain.alerts().size());
        assertTrue(plain.late().size() > 20, "re-sent reports arrive late: " + plain.late().size());
        assertEquals(plain.alerts(), batched.alerts());
        assertEquals(plain.late(), batched.late());
    }

    @Test
    void aCheckpointWhileReportsAreHeldLosesNothing() throws Exception {
        // Mid-night, between watermarks: the batching operator holds reports when the barrier comes.
        // Flink's own operator is checkpointed at the same report: a restored operator's watermark starts
        // over until the next one arrives, so a re-sent report in between is not late for either.
        int checkpointAt = night.size() / 2 + 17;
        Outcome plain = run(false, checkpointAt);
        Outcome restored = run(true, checkpointAt);
        assertEquals(plain.alerts(), run(false, -1).alerts());
        assertEquals(plain.alerts(), restored.alerts());
        assertEquals(plain.late(), restored.late());
    }

    @Test
    void withoutWatermarksTheSizeBoundHandsReportsOver() throws Exception {
        var h = harness(true, null);
        for (int i = 0; i < TruckBatchingOperator.MAX_HELD + 10; i++) {
            GpsPoint p = night.get(i % night.size());
            h.processElement(new GpsPoint(p.truckId(), 1_000_000L + i, p.lon(), p.lat(), p.speedKmh(), p.heading(),
                    p.lid(), p.loadT()), 0);
        }
        // Every truck's reports reached the function, which keeps one timer per truck and one end-of-input timer.
        long trucks = night.stream().map(GpsPoint::truckId).distinct().count();
        assertEquals(2 * trucks, h.numEventTimeTimers());
        h.close();
    }
}
