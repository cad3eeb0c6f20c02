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
        alerts.sort(Comparator.comparingLong(Alert::startTs).thenComparing(Alert::truckId));
        List<ReferenceNight.Episode> episodes = new ArrayList<>();
        for (Alert a : alerts) {
            episodes.add(new ReferenceNight.Episode(a.rule().name(), a.truckId(), a.permitId(), a.startTs(), a.endTs(), a.points()));
        }
        return episodes;
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
