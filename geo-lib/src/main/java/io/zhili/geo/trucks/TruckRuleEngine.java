package io.zhili.geo.trucks;

import io.zhili.geo.crs.Distances;
import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.fence.Route;
import io.zhili.geo.fence.RouteCorridor;
import java.util.List;
import java.util.function.Consumer;

/**
 * Evaluates the muck-truck rules for one truck at a time, report by report in event order; the
 * entry point a Flink {@code KeyedProcessFunction} calls (keyed by truck id, holding
 * {@link TruckState} in a {@code ValueState}, with event-time timers at {@link #nextTimer}).
 *
 * <p>For each report {@link #process} first filters: a report at the same event time as the last
 * one seen is a {@link PointVerdict#DUPLICATE}; one earlier than the last accepted one is
 * {@link PointVerdict#OUT_OF_ORDER} (the caller must deliver in event order, e.g. after a
 * watermark-driven sort); one implying more than {@link RuleConfig#jumpSpeedKmh()} from the last
 * accepted report is a {@link PointVerdict#JUMP}. Rejected reports change nothing but the jump
 * counter. After {@link RuleConfig#jumpReanchorPoints()} consecutive jumps the next report is
 * accepted as the new position (the earlier anchor was the bad one). A report gap of
 * {@link RuleConfig#episodeGapMs()} or more, or a re-anchor, first closes all open evidence.
 * Then the engine works out the report's {@link PointFacts} once (site, active zone,
 * valid permits and hours, corridor distance only when the deviation rule can use it) and runs
 * the rules in {@link RuleType} order.
 *
 * <p>Alerts are emitted when their episode ends: at the report that breaks it, on
 * {@link #onTime} when event time passes a silence, or on {@link #flush} at end of input.
 *
 * <p>Not thread-safe (one reusable {@link PointFacts}): use one engine per thread / Flink subtask.
 * The reference layers it reads are immutable and may be shared.
 */
public final class TruckRuleEngine {
    private final ReferenceLayers layers;
    private final RuleConfig config;
    private final List<TruckRule> rules;
    private final PointFacts facts = new PointFacts();

    public TruckRuleEngine(ReferenceLayers layers, RuleConfig config) {
        this.layers = layers;
        this.config = config;
        this.rules = List.of(
                new RouteDeviationRule(config),
                new RestrictedZoneRule(config),
                new OffHoursRule(config),
                new UncoveredLoadRule(config),
                new SpillageRule(config),
                new IllegalDumpingRule(config),
                new SpeedingRule(config),
                new SignalLossRule(config));
    }

    public RuleConfig config() {
        return config;
    }

    /** The rules, in {@link RuleType} order. */
    public List<TruckRule> rules() {
        return rules;
    }

    /**
     * Processes one report of the truck that {@code state} belongs to.
     *
     * @param out receives the alerts whose episodes this report ends
     * @return what was done with the report; only {@link PointVerdict#ACCEPTED} reached the rules
     */
    public PointVerdict process(TruckState state, GpsPoint p, Consumer<Alert> out) {
        return process(layers, state, p, out);
    }

    /**
     * {@link #process(TruckState, GpsPoint, Consumer)} against {@code layers} instead of the
     * engine's own: the reference data in force at the report's event time when it changes while
     * the job runs ({@link io.zhili.geo.fence.ReferenceTimeline}).
     */
    public PointVerdict process(ReferenceLayers layers, TruckState state, GpsPoint p, Consumer<Alert> out) {
        if (state.truckId == null) {
            state.truckId = p.truckId();
        }
        if (p.ts() == state.lastSeenTs || p.ts() == state.lastTs) {
            return PointVerdict.DUPLICATE;
        }
        boolean reanchor = false;
        if (!state.isEmpty()) {
            if (p.ts() < state.lastTs) {
                return PointVerdict.OUT_OF_ORDER;
            }
            state.lastSeenTs = p.ts();
            double km = Distances.meters(state.lastLon, state.lastLat, p.lon(), p.lat()) / 1000;
            double hours = (p.ts() - state.lastTs) / 3_600_000.0;
            if (km > config.jumpSpeedKmh() * hours) {
                if (++state.jumpRun < config.jumpReanchorPoints()) {
                    return PointVerdict.JUMP;
                }
                reanchor = true;
            }
        }
        state.lastSeenTs = p.ts();
        state.jumpRun = 0;
        long since = state.isEmpty() ? -1 : p.ts() - state.lastTs;
        if (reanchor || since >= config.episodeGapMs()) {
            for (TruckRule r : rules) {
                r.end(state, out);
            }
        }
        PointFacts f = fill(layers, state, p, since, reanchor);
        for (TruckRule r : rules) {
            r.onPoint(f, state, out);
        }
        state.lastTs = p.ts();
        state.lastLon = p.lon();
        state.lastLat = p.lat();
        state.lastSpeedKmh = p.speedKmh();
        state.lastLoadT = p.loadT();
        state.lastAtSite = f.atSite();
        state.lastLoadedMoving = f.loaded && f.moving;
        state.lastPermitId = f.permitId;
        return PointVerdict.ACCEPTED;
    }

    /**
     * Event time has reached {@code eventTime} (a timer from {@link #nextTimer} fired). Call it only
     * after every report of this truck with {@code ts ≤ eventTime} has been processed. Closes open
     * evidence after a silence of {@link RuleConfig#episodeGapMs()} and emits SIGNAL_LOSS after
     * {@link RuleConfig#signalLossGapMs()}. Stale timers are harmless.
     */
    public void onTime(TruckState state, long eventTime, Consumer<Alert> out) {
        if (state.isEmpty()) {
            return;
        }
        if (eventTime - state.lastTs >= config.episodeGapMs()) {
            for (TruckRule r : rules) {
                r.end(state, out);
            }
        }
        for (TruckRule r : rules) {
            r.onSilence(state, eventTime, out);
        }
    }

    /**
     * The event time at which {@link #onTime} has work to do, or {@link Long#MIN_VALUE} when none:
     * the end of the episode gap while evidence is open, else the SIGNAL_LOSS deadline after a
     * loaded, moving report.
     */
    public long nextTimer(TruckState state) {
        if (state.isEmpty()) {
            return Long.MIN_VALUE;
        }
        if (state.hasOpenEvidence()) {
            return state.lastTs + config.episodeGapMs();
        }
        if (state.lastLoadedMoving && state.signalLossAfterTs != state.lastTs) {
            return state.lastTs + config.signalLossGapMs();
        }
        return Long.MIN_VALUE;
    }

    /**
     * End of input: closes all open evidence, emitting what qualifies. Emits no SIGNAL_LOSS, since
     * input ending is not the truck falling silent; a Flink job calls this when a timer fires under
     * the final watermark.
     */
    public void flush(TruckState state, Consumer<Alert> out) {
        for (TruckRule r : rules) {
            r.end(state, out);
        }
    }

    /**
     * Runs a whole trace of one truck as a Flink job with event-time timers does: the reports in
     * event order, each due timer fired before the first later report, then {@link #flush} at end
     * of input. For batch runs and tests.
     *
     * <p>Timers still pending at end of input are not fired: the end of a bounded input is not a
     * silence of the truck. A Flink job does the same by calling {@link #flush} instead of
     * {@link #onTime} when a timer fires under the final watermark ({@link Long#MAX_VALUE}).
     *
     * @param verdicts receives each report's verdict (may be null)
     */
    public void runTrace(TruckState state, Iterable<GpsPoint> eventOrdered, Consumer<Alert> out,
                         Consumer<PointVerdict> verdicts) {
        for (GpsPoint p : eventOrdered) {
            long t;
            while ((t = nextTimer(state)) != Long.MIN_VALUE && t < p.ts()) {
                onTime(state, t, out);
            }
            PointVerdict v = process(state, p, out);
            if (verdicts != null) {
                verdicts.accept(v);
            }
        }
        flush(state, out);
    }

    private PointFacts fill(ReferenceLayers layers, TruckState state, GpsPoint p, long since, boolean reanchor) {
        PointFacts f = facts;
        f.point = p;
        f.sincePreviousMs = since;
        f.reanchored = reanchor;
        f.hasPrevious = since >= 0 && !reanchor && since < config.episodeGapMs();
        f.loaded = p.loadT() >= config.loadedT();
        f.moving = p.speedKmh() >= config.movingKmh();
        f.stopped = p.speedKmh() < config.stoppedKmh();
        f.site = layers.sites().siteAt(p.lon(), p.lat());
        f.zone = layers.zones().activeZoneAt(p.lon(), p.lat(), p.ts());
        f.zoneId = f.zone >= 0 ? layers.zones().zone(f.zone).zoneId() : null;

        RouteCorridor[] corridors = layers.corridorsOf(p.truckId());
        f.validPermits = 0;
        f.permitId = null;
        f.withinPermitHours = false;
        for (RouteCorridor c : corridors) {
            Route r = c.route();
            if (r.validOn(p.ts())) {
                if (f.validPermits++ == 0) {
                    f.permitId = r.permitId();
                }
                f.withinPermitHours |= r.hours().contains(p.ts());
            }
        }
        f.deviationChecked = f.loaded && f.site < 0 && f.validPermits > 0;
        f.outsideCorridors = false;
        f.routeDistanceM = Double.NaN;
        f.nearestPermitId = null;
        f.nearestCorridorM = Double.NaN;
        if (f.deviationChecked) {
            f.outsideCorridors = true;
            double best = Double.POSITIVE_INFINITY;
            int[] hints = state.corridorHints(corridors.length);
            for (int i = 0; i < corridors.length; i++) {
                RouteCorridor c = corridors[i];
                if (!c.route().validOn(p.ts())) {
                    continue;
                }
                double d = c.distanceIfOutside(p.lon(), p.lat(), hints, i);
                if (Double.isNaN(d)) {
                    f.outsideCorridors = false;
                    break;
                }
                if (d < best) {
                    best = d;
                    f.nearestPermitId = c.route().permitId();
                    f.nearestCorridorM = c.route().corridorM();
                }
            }
            f.routeDistanceM = f.outsideCorridors ? best : Double.NaN;
        }
        return f;
    }
}
