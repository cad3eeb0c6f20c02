package io.zhili.jobs.trucks;

import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.PointVerdict;
import io.zhili.geo.trucks.RuleConfig;
import io.zhili.geo.trucks.RuleType;
import io.zhili.geo.trucks.TruckRuleEngine;
import io.zhili.geo.trucks.TruckState;
import io.zhili.jobs.common.RecordCarrier;
import java.util.function.Consumer;
import org.apache.flink.api.common.accumulators.LongCounter;
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
 * <p><b>Event time.</b> A report is buffered ({@link PendingPoints}) with a timer at its timestamp;
 * when the watermark passes it, every buffered report up to the timer is handed to the engine in
 * order, each preceded by the engine timers due before it (as {@link TruckRuleEngine#runTrace}
 * does). A report at or behind the current watermark arrived later than the out-of-orderness bound:
 * it leaves through {@link #LATE} and is counted. At the end of a bounded input (the watermark
 * reaches {@code Long.MAX_VALUE}) the remaining timers fire and open episodes are flushed.
 *
 * <p><b>State.</b> {@link TruckState} and the pending reports per truck in {@code ValueState}; the
 * reference data in broadcast state (key {@value #LAYERS_KEY}), from which each subtask builds its
 * indexes once per version. Reports are held, not evaluated, until the reference data has arrived.
 *
 * <p>Counts {@code points.<verdict>}, {@code points.late} and {@code alerts.<RULE>}.
 * One instance per subtask; not thread-safe.
 */
public final class TruckMonitorFunction
        extends KeyedBroadcastProcessFunction<String, GpsPoint, ReferenceSnapshot, Alert> {
    private static final long serialVersionUID = 1L;
    static final String LAYERS_KEY = "layers";
    /** Broadcast state of the reference data. */
    public static final MapStateDescriptor<String, ReferenceSnapshot> REFERENCE = new MapStateDescriptor<>(
            "reference", BasicTypeInfo.STRING_TYPE_INFO, TypeInformation.of(ReferenceSnapshot.class));
    /** Reports that arrived behind the watermark. */
    public static final OutputTag<GpsPoint> LATE = new OutputTag<>("late-points", TypeInformation.of(GpsPoint.class));

    private final RecordCarrier<RuleConfig> rules;

    private transient ValueState<TruckState> truckState;
    private transient ValueState<PendingPoints> pendingState;
    private transient String layersVersion;
    private transient TruckRuleEngine engine;
    private transient LongCounter[] verdicts;
    private transient LongCounter late;
    private transient LongCounter[] alerts;

    public TruckMonitorFunction(RuleConfig rules) {
        this.rules = RecordCarrier.of(rules);
    }

    @Override
    public void open(OpenContext openContext) {
        truckState = getRuntimeContext().getState(new ValueStateDescriptor<>("truck", TruckState.class));
        pendingState = getRuntimeContext().getState(new ValueStateDescriptor<>("pending", PendingPoints.class));
        verdicts = new LongCounter[PointVerdict.values().length];
        for (PointVerdict v : PointVerdict.values()) {
            verdicts[v.ordinal()] = getRuntimeContext().getLongCounter(
                    TruckCounters.POINTS_PREFIX + v.name().toLowerCase(java.util.Locale.ROOT));
        }
        late = getRuntimeContext().getLongCounter(TruckCounters.LATE);
        alerts = new LongCounter[RuleType.values().length];
        for (RuleType r : RuleType.values()) {
            alerts[r.ordinal()] = getRuntimeContext().getLongCounter(TruckCounters.ALERTS_PREFIX + r.name());
        }
    }

    @Override
    public void processBroadcastElement(ReferenceSnapshot snapshot, Context ctx, Collector<Alert> out)
            throws Exception {
        BroadcastState<String, ReferenceSnapshot> state = ctx.getBroadcastState(REFERENCE);
        ReferenceSnapshot current = state.get(LAYERS_KEY);
        if (current == null || !current.version.equals(snapshot.version)) {
            state.put(LAYERS_KEY, snapshot);
        }
    }

    @Override
    public void processElement(GpsPoint p, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        TimerService timers = ctx.timerService();
        if (p.ts() <= timers.currentWatermark()) {
            late.add(1);
            ctx.output(LATE, p);
            return;
        }
        PendingPoints pending = pendingState.value();
        if (pending == null) {
            pending = new PendingPoints();
            // End of a bounded input: the final watermark fires this and flushes open episodes.
            timers.registerEventTimeTimer(Long.MAX_VALUE);
        }
        pending.add(p);
        pendingState.update(pending);
        timers.registerEventTimeTimer(p.ts());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        TruckRuleEngine engine = engine(ctx.getBroadcastState(REFERENCE));
        if (engine == null) {
            // No reference data yet (it is broadcast at start): keep the reports until it arrives.
            if (timestamp != Long.MAX_VALUE) {
                ctx.timerService().registerEventTimeTimer(timestamp + 1);
            }
            return;
        }
        String truck = ctx.getCurrentKey();
        TruckState state = truckState.value();
        if (state == null) {
            state = new TruckState();
        }
        Consumer<Alert> emit = a -> {
            alerts[a.rule().ordinal()].add(1);
            out.collect(a);
        };
        PendingPoints pending = pendingState.value();
        int done = 0;
        if (pending != null) {
            while (done < pending.size && pending.ts[done] <= timestamp) {
                long ts = pending.ts[done];
                fireEngineTimers(engine, state, ts - 1, emit);
                PointVerdict v = engine.process(state, pending.get(truck, done), emit);
                verdicts[v.ordinal()].add(1);
                done++;
            }
            if (done > 0) {
                pending.dropFirst(done);
                pendingState.update(pending);
            }
        }
        fireEngineTimers(engine, state, timestamp, emit);
        if (timestamp == Long.MAX_VALUE) {
            engine.flush(state, emit);
        } else {
            long next = engine.nextTimer(state);
            if (next != Long.MIN_VALUE) {
                ctx.timerService().registerEventTimeTimer(next);
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

    private TruckRuleEngine engine(ReadOnlyBroadcastState<String, ReferenceSnapshot> broadcast) throws Exception {
        ReferenceSnapshot snapshot = broadcast.get(LAYERS_KEY);
        if (snapshot == null) {
            return null;
        }
        if (!snapshot.version.equals(layersVersion)) {
            ReferenceLayers layers = snapshot.layers();
            engine = new TruckRuleEngine(layers, rules.get());
            layersVersion = snapshot.version;
        }
        return engine;
    }
}
