package io.zhili.jobs.trucks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.zhili.geo.fence.ReferenceUpdateParser;
import io.zhili.geo.fence.UpdateRejectedException;
import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.GpsJsonParser;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.RuleConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applied reference updates are operator state: the night of {@link ReferenceNight} cut by a
 * snapshot and restore (the updates are not sent again; the base layers are, as a restarted job's
 * reference source does) gives the same alerts as without the cut, and pruning keeps state small.
 */
class ReferenceUpdatesStateTest {
    @TempDir
    static Path dir;
    static ReferenceSnapshot reference;

    @BeforeAll
    static void world() throws Exception {
        reference = ReferenceSnapshot.read(ReferenceNight.routes(dir), ReferenceNight.sites(dir), ReferenceNight.zones(dir));
    }

    private static KeyedBroadcastOperatorTestHarness<String, GpsPoint, ReferenceChange, Alert> harness(
            OperatorSubtaskState restored) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, GpsPoint, ReferenceChange, Alert> h = new KeyedBroadcastOperatorTestHarness<>(
                new TruckBatchingOperator(new TruckMonitorFunction(RuleConfig.defaults()),
                        List.of(TruckMonitorFunction.REFERENCE, TruckMonitorFunction.UPDATES)),
                GpsPoint::truckId, Types.STRING, 128, 1, 0);
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        h.processBroadcastElement(ReferenceChange.of(reference), 0);
        return h;
    }

    /** Runs the night; with {@code cutAt}, snapshots and restores at the first report at or after it. */
    private static List<ReferenceNight.Episode> run(long cutAt, boolean sendUpdates) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, GpsPoint, ReferenceChange, Alert> h = harness(null);
        if (sendUpdates) {
            for (String u : ReferenceNight.updates()) {
                try {
                    h.processBroadcastElement(ReferenceChange.of(u, ReferenceUpdateParser.parse(u).effectiveAt()), 0);
                } catch (UpdateRejectedException invalid) {
                    // Only valid updates reach the rules (the job dead-letters the others before).
                }
            }
        }
        h.processBroadcastWatermark(Long.MAX_VALUE);
        List<Alert> alerts = new ArrayList<>();
        boolean cut = false;
        for (String line : ReferenceNight.gps()) {
            GpsPoint p = GpsJsonParser.parse(line).point();
            if (!cut && cutAt != Long.MIN_VALUE && p.ts() >= cutAt) {
                h.prepareSnapshotPreBarrier(1);
                OperatorSubtaskState state = h.snapshot(1, 1);
                alerts.addAll(h.extractOutputValues());
                h.close();
                h = harness(state);
                h.processBroadcastWatermark(Long.MAX_VALUE);
                cut = true;
            }
            h.processElement(p, p.ts());
            h.processWatermark(p.ts() - 120_000);
        }
        h.processWatermark(Long.MAX_VALUE);
        alerts.addAll(h.extractOutputValues());
        h.close();
        return episodes(alerts);
    }

    /**
     * The night with each valid update arriving interleaved with the reports, when the newest report
     * read is {@code delayMs} past the update's effective time (negative: before it), as from a topic.
     */
    private static List<ReferenceNight.Episode> interleaved(long delayMs) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, GpsPoint, ReferenceChange, Alert> h = harness(null);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        List<ReferenceChange> pending = new ArrayList<>();
        for (String u : ReferenceNight.updates()) {
            try {
                pending.add(ReferenceChange.of(u, ReferenceUpdateParser.parse(u).effectiveAt()));
            } catch (UpdateRejectedException invalid) {
                // Dead-lettered before the rules.
            }
        }
        pending.sort(Comparator.comparingLong((ReferenceChange c) -> c.effectiveAt));
        for (String line : ReferenceNight.gps()) {
            GpsPoint p = GpsJsonParser.parse(line).point();
            while (!pending.isEmpty() && p.ts() >= pending.get(0).effectiveAt + delayMs) {
                h.processBroadcastElement(pending.remove(0), 0);
            }
            h.processElement(p, p.ts());
            h.processWatermark(p.ts() - 120_000);
        }
        h.processWatermark(Long.MAX_VALUE);
        List<Alert> alerts = new ArrayList<>(h.extractOutputValues());
        h.close();
        return episodes(alerts);
    }

    /** The alerts as episodes, in start order. */
    private static List<ReferenceNight.Episode> episodes(List<Alert> alerts) {
        alerts.sort(Comparator.comparingLong(Alert::startTs).thenComparing(Alert::truckId));
        List<ReferenceNight.Episode> episodes = new ArrayList<>();
        for (Alert a : alerts) {
            episodes.add(new ReferenceNight.Episode(a.rule().name(), a.truckId(), a.permitId(), a.startTs(), a.endTs(), a.points()));
        }
        return episodes;
    }

    @Test
    void updatesArrivingWithinTheBoundGiveTheSameAlertsWhateverTheirArrivalTime() throws Exception {
        // The watermark trails the newest report by the 2 min bound: an update read up to that long
        // after its effective time is still seen before the reports it governs.
        for (long delay : new long[] {-600_000, -60_000, 0, 60_000, 110_000}) {
            assertEquals(ReferenceNight.expected(), interleaved(delay), "update read " + delay / 1000 + " s after effective_at");
        }
        // Beyond the bound it applies from the watermark on: the night's alerts differ.
        assertNotEquals(ReferenceNight.expected(), interleaved(600_000));
    }

    @Test
    void aRestoreContinuesWithTheUpdatesAppliedSoFar() throws Exception {
        assertEquals(ReferenceNight.expected(), run(Long.MIN_VALUE, true));
        // Cut before, between and after the changes: the updates come back from state alone.
        for (long cut : new long[] {ReferenceNight.at(22, 50, 0), ReferenceNight.at(0, 30, 0), ReferenceNight.at(2, 30, 0)}) {
            assertEquals(ReferenceNight.expected(), run(cut, true), "cut at " + cut);
        }
        // The control: without the updates the night's alerts differ.
        assertNotEquals(ReferenceNight.expected(), run(ReferenceNight.at(0, 30, 0), false));
    }
}
