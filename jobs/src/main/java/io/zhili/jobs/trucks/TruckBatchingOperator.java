package io.zhili.jobs.trucks;

import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.GpsPoint;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.SimpleTimerService;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Flink's keyed-broadcast operator for {@link TruckMonitorFunction}, fed in batches per truck.
 *
 * <p><b>Why.</b> Reports arrive in time order across thousands of trucks, so consecutive reports
 * belong to different trucks and every one of them, handed straight to the function, reaches into
 * keyed state last touched thousands of reports earlier: a chain of cache misses (hash bucket,
 * entry, key, state object, buffer) that a profile of a full-scale run put at a sixth of all CPU.
 * This operator holds the reports that arrive between two watermarks (they could not be evaluated
 * before the next watermark anyway: the function only buffers them) and hands them to the function
 * grouped by truck, each truck's in arrival order, just before the watermark advances; the
 * function ({@link TruckMonitorFunction#processReports}) then reads and writes a truck's buffer once
 * per batch instead of once per report. Flink SQL's mini-batch aggregation does the same for the
 * same reason.
 *
 * <p><b>Same results.</b> The function sees every report with the watermark it would have seen
 * (batches are handed over before a watermark advances), each truck's reports in arrival order, and
 * nothing else changes between arrival and hand-over: the function only buffers a report or, for one
 * behind the watermark, emits it as late, with the timestamp it arrived with. Batches are also handed over
 * before every checkpoint barrier ({@link #prepareSnapshotPreBarrier}), so checkpoints never miss a
 * held report, at end of input, and whenever {@value #MAX_HELD} reports are held (when watermarks
 * stall, e.g. behind an idle Kafka partition). Late reports reach the side output up to one
 * watermark interval later than they would have.
 *
 * <p>One instance per subtask; not thread-safe.
 */
final class TruckBatchingOperator extends CoBroadcastWithKeyedOperator<String, GpsPoint, ReferenceChange, Alert> {
    private static final long serialVersionUID = 1L;
    /** Reports held at most before they are handed over regardless of the watermark. */
    static final int MAX_HELD = 1 << 16;

    private transient GpsPoint[] held;
    private transient long[] timestamps;
    private transient boolean[] timestamped;
    /** Per held report, its truck's group: the trucks of this batch numbered in first-seen order. */
    private transient int[] groupOfReport;
    private transient int count;
    /** Group by plate, worked out on arrival while the report is still in cache. */
    private transient Map<String, Integer> groups;
    private transient String[] plates;
    private transient int[] groupSizes;
    private transient TimerService timers;

    TruckBatchingOperator(TruckMonitorFunction function, List<MapStateDescriptor<?, ?>> broadcastState) {
        super(function, broadcastState);
    }

    @Override
    public void open() throws Exception {
        super.open();
        held = new GpsPoint[1024];
        timestamps = new long[1024];
        timestamped = new boolean[1024];
        groupOfReport = new int[1024];
        groups = new HashMap<>();
        plates = new String[256];
        groupSizes = new int[256];
        // The timer service the function sees, the one Flink's operator registered under this name.
        timers = new SimpleTimerService(getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this));
    }

    /** The key is set when the report is handed over, not when it arrives. */
    @Override
    public void setKeyContextElement1(StreamRecord record) {
    }

    @Override
    public void processElement1(StreamRecord<GpsPoint> element) throws Exception {
        if (count == held.length) {
            held = Arrays.copyOf(held, count * 2);
            timestamps = Arrays.copyOf(timestamps, count * 2);
            timestamped = Arrays.copyOf(timestamped, count * 2);
            groupOfReport = Arrays.copyOf(groupOfReport, count * 2);
        }
        GpsPoint p = element.getValue();
        Integer g = groups.get(p.truckId());
        if (g == null) {
            g = groups.size();
            groups.put(p.truckId(), g);
            if (g == plates.length) {
                plates = Arrays.copyOf(plates, g * 2);
                groupSizes = Arrays.copyOf(groupSizes, g * 2);
            }
            plates[g] = p.truckId();
        }
        groupSizes[g]++;
        held[count] = p;
        timestamps[count] = element.getTimestamp();
        timestamped[count] = element.hasTimestamp();
        groupOfReport[count] = g;
        if (++count >= MAX_HELD) {
            handOver();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        handOver();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        handOver();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        handOver();
        super.finish();
    }

    /** Hands the held reports to the function, truck by truck, each truck's in arrival order. */
    private void handOver() throws Exception {
        int n = count;
        if (n == 0) {
            return;
        }
        // Counting sort by group: stable, so arrival order holds within a truck.
        int trucks = groups.size();
        int[] start = new int[trucks + 1];
        for (int g = 0; g < trucks; g++) {
            start[g + 1] = start[g] + groupSizes[g];
        }
        int[] order = new int[n];
        int[] next = Arrays.copyOf(start, trucks);
        for (int i = 0; i < n; i++) {
            order[next[groupOfReport[i]]++] = i;
        }
        count = 0;
        groups.clear();
        TruckMonitorFunction rules = (TruckMonitorFunction) getUserFunction();
        IntConsumer late = i -> output.collect(TruckMonitorFunction.LATE,
                new StreamRecord<>(held[i], timestamped[i] ? timestamps[i] : Long.MIN_VALUE));
        for (int g = 0; g < trucks; g++) {
            setCurrentKey(plates[g]);
            rules.processReports(held, order, start[g], start[g + 1], timers, late);
            plates[g] = null;
            groupSizes[g] = 0;
        }
        Arrays.fill(held, 0, n, null);
    }
}
