package io.zhili.jobs.live;

import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.live.LiveAlertIds;
import io.zhili.geo.live.OverdueClock;
import io.zhili.geo.live.OverdueClock.Decision;
import io.zhili.geo.live.OverdueClock.Step;
import io.zhili.geo.util.Timestamps;
import io.zhili.jobs.common.RecordCounter;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The life of one case (keyed by case id): merges its events into the state so far, sends the case on
 * once, at its first event, to the SURGE and RECURRENCE counting ({@link #NEW_CASES}), and runs the OVERDUE
 * rules with event-time timers at the deadlines. A step missing when the watermark passes its deadline
 * raises an alert decided at that watermark; an event showing the step after its deadline raises one at that
 * event; an event showing it on time cancels it. At the end of a bounded input (watermark +inf) pending
 * deadlines are not fired; the case is counted as open. A closed case's state is kept
 * {@link #CLOSED_RETENTION} after it closed (so its repeated events are not new cases) and then dropped.
 */
final class CaseLifecycleFunction extends KeyedProcessFunction<String, LiveCase, LiveAlert> {
    static final OutputTag<LiveCase> NEW_CASES = new OutputTag<>("new-cases") {
    };
    /** How long a closed case is remembered. */
    static final Duration CLOSED_RETENTION = Duration.ofDays(7);
    /** Fires only at the end of a bounded input (the final watermark is {@link Long#MAX_VALUE}). */
    private static final long END_OF_INPUT = Long.MAX_VALUE - 1;
    private static final Step[] STEPS = Step.values();

    private final LiveReference reference;
    private transient OverdueClock clock;
    private transient ValueState<LiveCase> state;
    /** Bit per {@link Step}: decided (raised or shown on time), never raised again. */
    private transient ValueState<Byte> decided;
    private transient RecordCounter distinct;
    private transient RecordCounter openAtEnd;
    private transient RecordCounter pendingAtEnd;
    private transient RecordCounter[] raised;
    private transient H3Grid h3;

    CaseLifecycleFunction(LiveReference reference) {
        this.reference = reference;
    }

    @Override
    public void open(OpenContext context) {
        clock = new OverdueClock(reference.sla());
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("case", LiveCase.class));
        decided = getRuntimeContext().getState(new ValueStateDescriptor<>("decided", Byte.class));
        distinct = RecordCounter.of(getRuntimeContext(), LiveCounters.CASES);
        openAtEnd = RecordCounter.of(getRuntimeContext(), LiveCounters.OPEN_AT_END);
        pendingAtEnd = RecordCounter.of(getRuntimeContext(), LiveCounters.PENDING_AT_END);
        raised = new RecordCounter[STEPS.length];
        for (Step s : STEPS) {
            raised[s.ordinal()] = RecordCounter.of(getRuntimeContext(), LiveCounters.ALERTS_PREFIX + s.alertKind());
        }
        h3 = H3Grid.get();
    }

    @Override
    public void processElement(LiveCase e, Context ctx, Collector<LiveAlert> out) throws Exception {
        LiveCase c = state.value();
        if (c == null) {
            c = e;
            distinct.inc();
            ctx.output(NEW_CASES, e);
            ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
        } else {
            // Events repeat the case's fields and add lifecycle steps: keep every step any event has shown.
            c.verifiedAt = first(c.verifiedAt, e.verifiedAt);
            c.dispatchedAt = first(c.dispatchedAt, e.dispatchedAt);
            c.disposedAt = first(c.disposedAt, e.disposedAt);
            c.closedAt = first(c.closedAt, e.closedAt);
            c.eventTime = Math.max(c.eventTime, e.eventTime);
        }
        byte done = decided.value() == null ? 0 : decided.value();
        for (Step step : STEPS) {
            int bit = 1 << step.ordinal();
            if ((done & bit) != 0) {
                continue;
            }
            long deadline = deadline(step, c);
            Decision d = OverdueClock.decide(deadline, doneAt(step, c), Long.MIN_VALUE);
            if (d == Decision.ON_TIME) {
                done |= bit; // its timer, if any, finds the step decided
            } else if (d == Decision.LATE) {
                done |= bit;
                out.collect(alert(step, c, deadline, e.eventTime, doneAt(step, c)));
                raised[step.ordinal()].inc();
            } else if (Timestamps.isPresent(deadline)) {
                ctx.timerService().registerEventTimeTimer(deadline);
            }
        }
        decided.update(done);
        if (Timestamps.isPresent(c.closedAt)) {
            ctx.timerService().deleteEventTimeTimer(END_OF_INPUT);
            ctx.timerService().registerEventTimeTimer(c.closedAt + CLOSED_RETENTION.toMillis());
        }
        state.update(c);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<LiveAlert> out) throws Exception {
        LiveCase c = state.value();
        if (c == null) {
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        boolean endOfInput = watermark == Long.MAX_VALUE;
        byte done = decided.value() == null ? 0 : decided.value();
        if (ts == END_OF_INPUT) {
            if (endOfInput && !Timestamps.isPresent(c.closedAt)) {
                openAtEnd.inc();
                for (Step step : STEPS) {
                    if ((done & (1 << step.ordinal())) == 0 && Timestamps.isPresent(deadline(step, c))) {
                        pendingAtEnd.inc();
                    }
                }
            }
            return;
        }
        if (Timestamps.isPresent(c.closedAt) && ts == c.closedAt + CLOSED_RETENTION.toMillis()) {
            state.clear();
            decided.clear();
            return;
        }
        if (endOfInput) {
            return; // the end-of-input rule: the case is still open, its deadlines are not fired
        }
        for (Step step : STEPS) {
            int bit = 1 << step.ordinal();
            long deadline = deadline(step, c);
            if ((done & bit) == 0 && deadline == ts
                    && OverdueClock.decide(deadline, doneAt(step, c), watermark) == Decision.OVERDUE) {
                done |= bit;
                out.collect(alert(step, c, deadline, watermark, watermark));
                raised[step.ordinal()].inc();
            }
        }
        decided.update(done);
    }

    private long deadline(Step step, LiveCase c) {
        return clock.deadline(step, c.kind, c.minorClass, c.reportedAt, c.verifiedAt);
    }

    private static long doneAt(Step step, LiveCase c) {
        return step == Step.DISPATCH ? c.dispatchedAt : c.closedAt;
    }

    private static long first(long kept, long seen) {
        return Timestamps.isPresent(kept) ? kept : seen;
    }

    /** The alert of an overdue step, decided at {@code decidedAt}, {@code lateAt} being when lateness is measured. */
    private LiveAlert alert(Step step, LiveCase c, long deadline, long decidedAt, long lateAt) {
        LiveAlert a = new LiveAlert();
        a.kind = step.alertKind();
        a.alertId = LiveAlertIds.of(a.kind, c.caseId, deadline);
        a.status = "OPEN";
        a.h3 = h3.address(c.cell);
        a.category = c.minorClass;
        a.classKind = c.kind;
        a.componentId = c.componentId;
        a.caseId = c.caseId;
        a.districtCode = c.districtCode;
        a.streetCode = c.streetCode;
        a.gridCode = c.gridCode;
        a.observed = OverdueClock.minutesLate(deadline, lateAt);
        long limitMinutes = clock.limitMs(step, c.kind, c.minorClass) / 60_000L;
        a.expected = limitMinutes;
        a.startedAt = deadline;
        a.decidedAt = decidedAt;
        a.lon = c.lon;
        a.lat = c.lat;
        a.detail = "case " + c.caseId + " (" + c.kind + " " + c.minorClass + ") "
                + (step == Step.DISPATCH ? "not dispatched" : "not closed") + " within " + limitMinutes + " min of "
                + (step == Step.DISPATCH ? "verification" : "its report") + ": due " + Instant.ofEpochMilli(deadline)
                + ", " + a.observed + " min late";
        return a;
    }
}
