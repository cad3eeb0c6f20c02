package io.zhili.jobs.trucks;

import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.DecodeOutcome;
import io.zhili.geo.trucks.GpsJsonParser;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.RuleConfig;
import io.zhili.geo.trucks.TruckRuleEngine;
import io.zhili.geo.trucks.TruckState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For the latency benchmark: when each alert of a replayed input became decidable, in event time.
 *
 * <p>An event-time job can emit an alert only once the watermark has passed the report (or the
 * engine timer) at which the rule engine emits it: the report that breaks a speeding run, the silence
 * timer of a SIGNAL_LOSS. That instant, not the alert's {@code end_ts}, is where the job's own latency
 * starts. This class finds it by replaying the input through the same geo-lib {@link TruckRuleEngine}
 * the job runs, per truck in event order with the engine's timers interleaved exactly as
 * {@link TruckMonitorFunction} does, and noting the event time being processed whenever an alert comes
 * out. Alerts emitted only by the end-of-input flush get {@link #END_OF_INPUT}.
 *
 * <p>It also keeps, per input line, the line's event time (or {@link Long#MIN_VALUE} for a line that
 * does not decode) and each (truck, ts) report's first line, so the benchmark can tell when the source
 * had seen a given event time. Not thread-safe; built once before the run.
 */
final class DecisionTimes {
    /** Decision time of alerts that only the end of input closes. */
    static final long END_OF_INPUT = Long.MAX_VALUE;

    /** Event time of each input line, or Long.MIN_VALUE when it does not decode. */
    final long[] lineTs;
    /** Running maximum of {@link #lineTs}: the newest event time the source has seen after each line. */
    final long[] maxTsSoFar;
    /** alert_id to the event time at which the engine emitted it. */
    final Map<String, Long> decidedAt = new HashMap<>();
    /** alert_id to the alert, as the engine produced it. */
    final Map<String, Alert> alerts = new HashMap<>();
    /** "truck|ts" to the first line carrying that report. */
    final Map<String, Integer> firstLine = new HashMap<>();

    private DecisionTimes(int lines) {
        lineTs = new long[lines];
        maxTsSoFar = new long[lines];
    }

    /** Replays {@code lines} (JSON reports in arrival order) through the engine. */
    static DecisionTimes of(List<String> lines, ReferenceLayers layers, RuleConfig rules, long outOfOrdernessMs) {
        DecisionTimes d = new DecisionTimes(lines.size());
        Map<String, List<GpsPoint>> byTruck = new HashMap<>();
        long max = Long.MIN_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            byte[] raw = lines.get(i).getBytes(StandardCharsets.UTF_8);
            DecodeOutcome o = GpsJsonParser.parse(raw, 0, raw.length);
            long ts = Long.MIN_VALUE;
            if (o.ok()) {
                GpsPoint p = o.point();
                ts = p.ts();
                byTruck.computeIfAbsent(p.truckId(), k -> new ArrayList<>()).add(p);
                d.firstLine.putIfAbsent(p.truckId() + '|' + ts, i);
            }
            d.lineTs[i] = ts;
            max = Math.max(max, ts);
            d.maxTsSoFar[i] = max;
        }
        TruckRuleEngine engine = new TruckRuleEngine(layers, rules);
        // The last watermark before the end of input: timers up to it fire while the run is going.
        long lastWatermark = max - outOfOrdernessMs - 1;
        for (List<GpsPoint> trace : byTruck.values()) {
            // Stable: equal timestamps keep arrival order, as the job's pending buffer does.
            trace.sort(Comparator.comparingLong(GpsPoint::ts));
            d.replay(engine, trace, lastWatermark);
        }
        return d;
    }

    private void replay(TruckRuleEngine engine, List<GpsPoint> trace, long lastWatermark) {
        TruckState state = new TruckState();
        long[] now = new long[1];
        java.util.function.Consumer<Alert> emit = a -> {
            decidedAt.put(a.alertId(), now[0]);
            alerts.put(a.alertId(), a);
        };
        for (GpsPoint p : trace) {
            long t;
            long previous = Long.MIN_VALUE;
            while ((t = engine.nextTimer(state)) != Long.MIN_VALUE && t < p.ts() && t != previous) {
                now[0] = t;
                engine.onTime(state, t, emit);
                previous = t;
            }
            now[0] = p.ts();
            engine.process(state, p, emit);
        }
        // Timers after the truck's last report fire when the watermark passes them, or under the final
        // watermark at the end of input, which then flushes open episodes.
        long t;
        long previous = Long.MIN_VALUE;
        while ((t = engine.nextTimer(state)) != Long.MIN_VALUE && t != previous) {
            now[0] = t <= lastWatermark ? t : END_OF_INPUT;
            engine.onTime(state, t, emit);
            previous = t;
        }
        now[0] = END_OF_INPUT;
        engine.flush(state, emit);
    }

    /**
     * The first line after which the source had seen an event time of at least {@code ts}, or -1 when
     * it never did.
     */
    int firstLineReaching(long ts) {
        int lo = 0;
        int hi = maxTsSoFar.length - 1;
        if (hi < 0 || maxTsSoFar[hi] < ts) {
            return -1;
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (maxTsSoFar[mid] >= ts) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
