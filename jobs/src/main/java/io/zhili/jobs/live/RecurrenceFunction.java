package io.zhili.jobs.live;

import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.live.LiveAlertIds;
import io.zhili.geo.live.RecurrenceCounter;
import io.zhili.geo.util.Timestamps;
import io.zhili.jobs.common.RecordCounter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The RECURRENCE rule of one component (keyed by component id): its new cases (one per case id) are counted
 * at their report time once the watermark reaches it, in report-time order, and the case that makes the
 * window's count reach N raises the alert ({@link RecurrenceCounter}; one alert per run of faults).
 */
final class RecurrenceFunction extends KeyedProcessFunction<String, LiveCase, LiveAlert> {
    private final LiveOptions options;
    private transient RecurrenceCounter counter;
    private transient H3Grid h3;
    private transient ValueState<long[]> times;
    private transient ValueState<Long> lastAlertAt;
    private transient ListState<LiveCase> pending;
    private transient RecordCounter raised;

    RecurrenceFunction(LiveOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext context) {
        counter = new RecurrenceCounter(options.recurrenceCases(), options.recurrenceDays());
        h3 = H3Grid.get();
        times = getRuntimeContext().getState(new ValueStateDescriptor<>("times",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        lastAlertAt = getRuntimeContext().getState(new ValueStateDescriptor<>("last-alert", Types.LONG));
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", LiveCase.class));
        raised = RecordCounter.of(getRuntimeContext(), LiveCounters.ALERTS_PREFIX + "RECURRENCE");
    }

    @Override
    public void processElement(LiveCase c, Context ctx, Collector<LiveAlert> out) throws Exception {
        pending.add(c);
        ctx.timerService().registerEventTimeTimer(c.reportedAt);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<LiveAlert> out) throws Exception {
        List<LiveCase> due = new ArrayList<>();
        List<LiveCase> later = new ArrayList<>();
        for (LiveCase c : pending.get()) {
            (c.reportedAt <= ts ? due : later).add(c);
        }
        if (due.isEmpty()) {
            return;
        }
        pending.update(later);
        due.sort(Comparator.comparingLong((LiveCase c) -> c.reportedAt).thenComparing(c -> c.caseId));
        long[] t = times.value();
        Long last = lastAlertAt.value();
        for (LiveCase c : due) {
            t = counter.add(t, c.reportedAt);
            if (counter.alertsAt(t, c.reportedAt, last == null ? Timestamps.EMPTY : last)) {
                out.collect(alert(c, counter.countAt(t, c.reportedAt)));
                raised.inc();
                last = c.reportedAt;
            }
        }
        times.update(t);
        if (last != null) {
            lastAlertAt.update(last);
        }
    }

    private LiveAlert alert(LiveCase c, int count) {
        LiveAlert a = new LiveAlert();
        a.kind = "RECURRENCE";
        a.alertId = LiveAlertIds.of(a.kind, c.componentId, c.reportedAt);
        a.status = "OPEN";
        a.h3 = h3.address(c.cell);
        a.category = c.minorClass;
        a.classKind = "COMPONENT";
        a.componentId = c.componentId;
        a.caseId = c.caseId;
        a.districtCode = c.districtCode;
        a.streetCode = c.streetCode;
        a.gridCode = c.gridCode;
        a.observed = count;
        a.expected = counter.cases();
        a.startedAt = c.reportedAt;
        a.decidedAt = c.reportedAt;
        a.lon = c.lon;
        a.lat = c.lat;
        a.detail = "component " + c.componentId + " (" + c.minorClass + "): " + count + " cases within "
                + options.recurrenceDays() + " days, the last " + c.caseId + " at " + Instant.ofEpochMilli(c.reportedAt);
        return a;
    }
}
