package io.zhili.jobs.trucks;

import io.zhili.jobs.common.RecordCounter;
import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.fence.ReferenceTimeline;
import io.zhili.geo.fence.ReferenceUpdate;
import io.zhili.geo.fence.ReferenceUpdateParser;
import io.zhili.geo.fence.UpdateRejectedException;
import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.PointVerdict;
import io.zhili.geo.trucks.RuleConfig;
import io.zhili.geo.trucks.RuleType;
import io.zhili.geo.trucks.TruckRuleEngine;
import io.zhili.geo.trucks.TruckState;
import io.zhili.jobs.common.RecordCarrier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The truck job's one keyed function: per truck (key = plate) it sorts reports into event-time
 * order, runs the geo-lib {@link TruckRuleEngine} on them, and fires the engine's event-time timers
 * (episode ends by silence, SIGNAL_LOSS). The reference layers arrive as broadcast state.
 *
 * <p><b>Event time.</b> A report is buffered ({@link PendingPoints}); the truck keeps one timer at
 * its earliest buffered report. When the watermark passes it, every buffered report up to the
 * watermark is handed to the engine in order, each preceded by the engine timers due before it (as
 * {@link TruckRuleEngine#runTrace} does), so a watermark step costs one timer per truck rather than
 * one per report. A report at or behind the current watermark arrived later than the
 * out-of-orderness bound: it leaves through {@link #LATE} and is counted. At the end of a bounded
 * input (the watermark reaches {@code Long.MAX_VALUE}) the remaining timers fire and open episodes
 * are flushed.
 *
 * <p><b>Reference data over event time.</b> The base layers read at start are in broadcast state
 * {@link #REFERENCE} (key {@value #LAYERS_KEY}; their indexes are built once per JVM and version,
 * {@link ReferenceSnapshot#layers}); the reference updates received since are in broadcast state
 * {@link #UPDATES}, as versions keyed by their effective time. Each report is judged against the
 * version in force at its own event time ({@link ReferenceTimeline#at}). Reports wait for the
 * watermark, and the watermark is the lesser of the GPS and the updates streams', so an update that
 * arrives within the out-of-orderness bound is always held before the reports it governs: a replay
 * gives the same alerts whatever the arrival order. An update that arrives behind the watermark
 * applies from then on and is counted ({@code updates.late}).
 *
 * <p><b>State.</b> {@link TruckState} and the pending reports per truck in {@code ValueState}; the
 * reference data in the two broadcast states above, so a restore continues with the updates
 * applied so far. Reports are held, not evaluated, until the reference data has arrived.
 *
 * <p>Counts {@code points.<verdict>}, {@code points.late} and {@code alerts.<RULE>}.
 * One instance per subtask; not thread-safe.
 */
public final class TruckMonitorFunction
        extends KeyedBroadcastProcessFunction<String, GpsPoint, ReferenceChange, Alert> {
    private static final long serialVersionUID = 1L;
    static final String LAYERS_KEY = "layers";
    /** Broadcast state of the reference data. */
    public static final MapStateDescriptor<String, ReferenceSnapshot> REFERENCE = new MapStateDescriptor<>(
            "reference", BasicTypeInfo.STRING_TYPE_INFO, TypeInformation.of(ReferenceSnapshot.class));
    /**
     * Broadcast state of the reference updates applied on top of {@link #REFERENCE}: raw record to
     * its effective time (epoch ms). Updates superseded before the watermark are removed.
     */
    public static final MapStateDescriptor<String, Long> UPDATES = new MapStateDescriptor<>(
            "reference-updates", BasicTypeInfo.STRING_TYPE_INFO, BasicTypeInfo.LONG_TYPE_INFO);
    /** Held updates are pruned whenever this many have been added since the last pruning. */
    static final int PRUNE_EVERY = 32;
    /** Reports that arrived behind the watermark. */
    public static final OutputTag<GpsPoint> LATE = new OutputTag<>("late-points", GpsPointType.INSTANCE);

    private final RecordCarrier<RuleConfig> rules;

    private transient ValueState<TruckState> truckState;
    private transient ValueState<PendingPoints> pendingState;
    private transient String layersVersion;
    private transient TruckRuleEngine engine;
    /** The reference versions over event time, built from broadcast state on first use. */
    private transient ReferenceTimeline timeline;
    /** Parsed updates of broadcast state, by raw record. */
    private transient Map<String, ReferenceUpdate> parsed;
    private transient int addedSincePrune;
    /** The watermark of the last timer, and the one before it: every report up to that one is done. */
    private transient long timerWatermark;
    private transient RecordCounter lateUpdates;
    private transient RecordCounter[] verdicts;
    private transient RecordCounter late;
    private transient RecordCounter[] alerts;
    /**
     * The watermark at the last report, for the event-time lag gauge (processing time minus
     * watermark, worked out when read). Written only when it changes: a volatile write per report
     * costs more than the rest of this method.
     */
    private transient volatile long lagWatermark;

    public TruckMonitorFunction(RuleConfig rules) {
        this.rules = RecordCarrier.of(rules);
    }

    @Override
    public void open(OpenContext openContext) {
        lagWatermark = Long.MIN_VALUE;
        truckState = getRuntimeContext().getState(new ValueStateDescriptor<>("truck", TruckState.class));
        // "pending-reports", not the "pending" of savepoints taken before the buffer became one array:
        // their fields would be read into the new layout as garbage (see OPERATIONS.md, upgrades).
        pendingState = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-reports", PendingPoints.class));
        verdicts = new RecordCounter[PointVerdict.values().length];
        for (PointVerdict v : PointVerdict.values()) {
            verdicts[v.ordinal()] = RecordCounter.of(getRuntimeContext(),
                    TruckCounters.POINTS_PREFIX + v.name().toLowerCase(java.util.Locale.ROOT));
        }
        late = RecordCounter.of(getRuntimeContext(), TruckCounters.LATE);
        lateUpdates = RecordCounter.of(getRuntimeContext(), TruckCounters.UPDATES_LATE);
        timerWatermark = Long.MIN_VALUE;
        alerts = new RecordCounter[RuleType.values().length];
        for (RuleType r : RuleType.values()) {
            alerts[r.ordinal()] = RecordCounter.of(getRuntimeContext(), TruckCounters.ALERTS_PREFIX + r.name());
        }
        getRuntimeContext().getMetricGroup().addGroup("zhili").gauge("event_time_lag_ms",
                (org.apache.flink.metrics.Gauge<Long>) () -> {
                    long w = lagWatermark;
                    return w == Long.MIN_VALUE ? 0L : System.currentTimeMillis() - w;
                });
    }

    /**
     * The base layers replace the held ones when their version differs (a restart with new files
     * keeps the updates applied so far); an update is added to the held ones. Every subtask receives
     * every change, so the broadcast state is the same everywhere.
     */
    @Override
    public void processBroadcastElement(ReferenceChange change, Context ctx, Collector<Alert> out) throws Exception {
        if (change.snapshot != null) {
            BroadcastState<String, ReferenceSnapshot> state = ctx.getBroadcastState(REFERENCE);
            ReferenceSnapshot current = state.get(LAYERS_KEY);
            if (current == null || !current.version.equals(change.snapshot.version)) {
                state.put(LAYERS_KEY, change.snapshot);
            }
            return;
        }
        BroadcastState<String, Long> updates = ctx.getBroadcastState(UPDATES);
        if (updates.contains(change.update)) {
            return;
        }
        updates.put(change.update, change.effectiveAt);
        long watermark = ctx.currentWatermark();
        if (change.effectiveAt <= watermark && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            // In force from now on: the reports before the watermark were judged already. Counted once.
            lateUpdates.inc();
        }
        if (timeline != null) {
            ReferenceUpdate u = parse(change.update);
            if (u != null) {
                timeline.add(u);
            }
        }
        if (++addedSincePrune >= PRUNE_EVERY) {
            addedSincePrune = 0;
            prune(updates, watermark);
        }
    }

    /**
     * Removes from state the updates that a newer update of the same feature superseded before the
     * watermark: every report up to the watermark has been judged, and later ones need only the newer.
     */
    private void prune(BroadcastState<String, Long> updates, long watermark) throws Exception {
        List<ReferenceUpdate> held = new ArrayList<>();
        for (Map.Entry<String, Long> e : updates.entries()) {
            ReferenceUpdate u = parse(e.getKey());
            if (u != null) {
                held.add(u);
            }
        }
        for (ReferenceUpdate u : ReferenceTimeline.superseded(held, watermark)) {
            updates.remove(u.raw());
            parsed.remove(u.raw());
        }
    }

    /** The held update of that record, parsed once per subtask; null (and skipped) if it no longer parses. */
    private ReferenceUpdate parse(String raw) {
        if (parsed == null) {
            parsed = new HashMap<>();
        }
        ReferenceUpdate u = parsed.get(raw);
        if (u == null) {
            try {
                u = ReferenceUpdateParser.parse(raw);
            } catch (UpdateRejectedException e) {
                // Validated before it was broadcast: only a stricter check after an upgrade gets here.
                return null;
            }
            parsed.put(raw, u);
        }
        return u;
    }

    @Override
    public void processElement(GpsPoint p, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        TimerService timers = ctx.timerService();
        long watermark = noteWatermark(timers);
        if (p.ts() <= watermark) {
            late.inc();
            ctx.output(LATE, p);
            return;
        }
        PendingPoints pending = pending(timers);
        buffer(pending, p, timers);
        pendingState.update(pending);
    }

    /**
     * {@link #processElement} for several reports of the current truck in arrival order, reading and
     * writing its buffer once rather than once per report; {@link TruckBatchingOperator} calls it.
     *
     * @param held    reports; those at {@code order[from..to)} belong to the current key
     * @param lateOut receives the position in {@code held} of each report behind the watermark
     */
    void processReports(GpsPoint[] held, int[] order, int from, int to, TimerService timers, IntConsumer lateOut)
            throws Exception {
        long watermark = noteWatermark(timers);
        PendingPoints pending = null;
        for (int k = from; k < to; k++) {
            GpsPoint p = held[order[k]];
            if (p.ts() <= watermark) {
                late.inc();
                lateOut.accept(order[k]);
                continue;
            }
            if (pending == null) {
                pending = pending(timers);
            }
            buffer(pending, p, timers);
        }
        if (pending != null) {
            pendingState.update(pending);
        }
    }

    private long noteWatermark(TimerService timers) {
        long watermark = timers.currentWatermark();
        if (watermark != lagWatermark) {
            lagWatermark = watermark;
        }
        return watermark;
    }

    /** The current truck's buffer, created with the end-of-input timer on its first report. */
    private PendingPoints pending(TimerService timers) throws Exception {
        PendingPoints pending = pendingState.value();
        if (pending == null) {
            pending = new PendingPoints();
            // End of a bounded input: the final watermark fires this and flushes open episodes.
            timers.registerEventTimeTimer(Long.MAX_VALUE);
        }
        return pending;
    }

    private static void buffer(PendingPoints pending, GpsPoint p, TimerService timers) {
        // One wake-up per truck, at its earliest pending report (see onTimer): only a report that
        // becomes the earliest needs a timer of its own.
        if (pending.size == 0 || p.ts() < pending.ts(0)) {
            timers.registerEventTimeTimer(p.ts());
        }
        pending.add(p);
    }

    /**
     * Hands the engine, in event order, every pending report the watermark has passed, each preceded
     * by the engine timers due before it, then the engine timers due up to the watermark; then sets
     * the next wake-up: the earliest report still pending and the engine's next timer. One call per
     * truck and watermark step, however many reports the step releases.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        TimerService timers = ctx.timerService();
        long watermark = timers.currentWatermark();
        ReferenceTimeline timeline = timeline(ctx.getBroadcastState(REFERENCE), ctx.getBroadcastState(UPDATES), watermark);
        if (timeline == null) {
            // No reference data yet (it is broadcast at start): keep the reports until it arrives.
            if (watermark != Long.MAX_VALUE) {
                timers.registerEventTimeTimer(watermark + 1);
            }
            return;
        }
        String truck = ctx.getCurrentKey();
        TruckState state = truckState.value();
        if (state == null) {
            state = new TruckState();
        }
        Consumer<Alert> emit = a -> {
            alerts[a.rule().ordinal()].inc();
            out.collect(a);
        };
        PendingPoints pending = pendingState.value();
        if (pending != null) {
            int done = 0;
            while (done < pending.size && pending.ts(done) <= watermark) {
                long ts = pending.ts(done);
                fireEngineTimers(engine, state, ts - 1, emit);
                // Judged against the reference data in force at the report's own event time.
                PointVerdict v = engine.process(timeline.at(ts), state, pending.get(truck, done), emit);
                verdicts[v.ordinal()].inc();
                done++;
            }
            if (done > 0) {
                pending.dropFirst(done);
                pendingState.update(pending);
            }
        }
        fireEngineTimers(engine, state, watermark, emit);
        if (timestamp == Long.MAX_VALUE) {
            engine.flush(state, emit);
        } else {
            // One wake-up: the earlier of the next pending report and the engine's next timer. While
            // reports keep coming, the next one is pending well before the engine's timer, which is
            // then checked again when that report is processed rather than left to fire for nothing.
            long next = engine.nextTimer(state);
            if (pending != null && pending.size > 0 && (next == Long.MIN_VALUE || pending.ts(0) < next)) {
                next = pending.ts(0);
            }
            if (next != Long.MIN_VALUE) {
                timers.registerEventTimeTimer(next);
            }
        }
        truckState.update(state);
    }

    /** Fires, in order, the engine's timers due at or before {@code upTo}. */
    private static void fireEngineTimers(TruckRuleEngine engine, TruckState state, long upTo, Consumer<Alert> emit) {
        long t;
        long previous = Long.MIN_VALUE;
        while ((t = engine.nextTimer(state)) != Long.MIN_VALUE && t <= upTo && t != previous) {
            engine.onTime(state, t, emit);
            previous = t;
        }
    }

    /**
     * The reference versions, built from broadcast state when first needed or when the base layers
     * changed; null before the base layers have arrived. Versions superseded at or before the previous
     * watermark are dropped: every report up to it has been judged (reports up to the current one are
     * being judged now, key by key).
     */
    private ReferenceTimeline timeline(ReadOnlyBroadcastState<String, ReferenceSnapshot> reference,
                                       ReadOnlyBroadcastState<String, Long> updates, long watermark) throws Exception {
        ReferenceSnapshot snapshot = reference.get(LAYERS_KEY);
        if (snapshot == null) {
            return null;
        }
        if (timeline == null || !snapshot.version.equals(layersVersion)) {
            ReferenceLayers base = snapshot.layers();
            List<ReferenceUpdate> held = new ArrayList<>();
            for (Map.Entry<String, Long> e : updates.immutableEntries()) {
                ReferenceUpdate u = parse(e.getKey());
                if (u != null) {
                    held.add(u);
                }
            }
            timeline = ReferenceTimeline.of(base, held);
            engine = new TruckRuleEngine(base, rules.get());
            layersVersion = snapshot.version;
        }
        if (watermark != timerWatermark) {
            if (timerWatermark != Long.MIN_VALUE) {
                timeline.dropBefore(timerWatermark);
            }
            timerWatermark = watermark;
        }
        return timeline;
    }
}
