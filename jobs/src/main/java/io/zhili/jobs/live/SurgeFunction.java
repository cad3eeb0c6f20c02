package io.zhili.jobs.live;

import io.zhili.geo.geojson.AreaIndex;
import io.zhili.geo.geojson.AreaLevel;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.live.LiveAlertIds;
import io.zhili.geo.live.SurgeDetector;
import io.zhili.jobs.common.RecordCounter;
import java.util.Arrays;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The SURGE rule of one series (keyed by {@code h3|kind|category}): each new case is counted once, at its
 * report time, when the watermark reaches it (so the counts do not depend on arrival order), and the series
 * is tested then ({@link SurgeDetector}). The first significant test opens an episode (an OPEN record,
 * started and decided at that time); while open, the series is tested again at every full hour and at each
 * new case, and the first test that is no longer significant closes it (a CLOSED record, same alert id,
 * {@code ended_at}). At the end of a bounded input open episodes stay open.
 */
final class SurgeFunction extends KeyedProcessFunction<String, SeriesCase, LiveAlert> {
    private static final long HOUR_MS = 3_600_000L;

    private final LiveReference reference;
    private transient SurgeDetector detector;
    private transient Baseline baseline;
    private transient AreaIndex areas;
    private transient H3Grid h3;
    /** Report times counted so far, ascending (only those either window still needs). */
    private transient ValueState<long[]> times;
    /** Cases waiting for the watermark, by report time. */
    private transient MapState<Long, Integer> pending;
    /** Start of the open episode, absent when none is open. */
    private transient ValueState<Long> openSince;
    /** A case of the series, for its cell, category and district. */
    private transient ValueState<SeriesCase> sample;
    private transient RecordCounter opened;
    private transient RecordCounter closed;

    SurgeFunction(LiveReference reference) {
        this.reference = reference;
    }

    @Override
    public void open(OpenContext context) {
        baseline = reference.baseline();
        detector = SurgeDetector.defaults(baseline.series());
        areas = reference.areas();
        h3 = H3Grid.get();
        times = getRuntimeContext().getState(new ValueStateDescriptor<>("times",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.INT));
        openSince = getRuntimeContext().getState(new ValueStateDescriptor<>("open-since", Types.LONG));
        sample = getRuntimeContext().getState(new ValueStateDescriptor<>("sample", SeriesCase.class));
        opened = RecordCounter.of(getRuntimeContext(), LiveCounters.ALERTS_PREFIX + "SURGE");
        closed = RecordCounter.of(getRuntimeContext(), LiveCounters.SURGE_CLOSED);
    }

    @Override
    public void processElement(SeriesCase c, Context ctx, Collector<LiveAlert> out) throws Exception {
        if (sample.value() == null) {
            sample.update(c);
        }
        Integer n = pending.get(c.reportedAt);
        pending.put(c.reportedAt, n == null ? 1 : n + 1);
        ctx.timerService().registerEventTimeTimer(c.reportedAt);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<LiveAlert> out) throws Exception {
        Integer arriving = pending.get(ts);
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        if (arriving == null && (endOfInput || openSince.value() == null)) {
            return; // an hourly test: none after the end of the input, none once the episode closed
        }
        long[] t = times.value() == null ? new long[0] : times.value();
        if (arriving != null) {
            pending.remove(ts);
            int at = t.length;
            t = Arrays.copyOf(t, t.length + arriving);
            Arrays.fill(t, at, t.length, ts);
            Arrays.sort(t); // timers fire in time order, so this is already sorted but for ties
        }
        t = Arrays.copyOfRange(t, SurgeDetector.firstNeeded(t, t.length, ts), t.length);
        times.update(t);
        SeriesCase s = sample.value();
        String cellAddress = h3.address(s.cell);
        SurgeDetector.Verdict v = detector.test(t, t.length, ts,
                baseline.weeklyLevel(cellAddress, s.classKind, s.category), baseline.profile(s.classKind, s.category));
        Long since = openSince.value();
        if (since == null && v.significant()) {
            openSince.update(ts);
            out.collect(alert(s, cellAddress, ts, v, "OPEN"));
            opened.inc();
            since = ts;
        } else if (since != null && !v.significant()) {
            LiveAlert a = alert(s, cellAddress, since, v, "CLOSED");
            a.endedAt = ts;
            a.decidedAt = ts;
            out.collect(a);
            closed.inc();
            openSince.clear();
            since = null;
        }
        if (since != null && !endOfInput) {
            // The forecast of the today window grows with the hour: test again at the next full hour.
            ctx.timerService().registerEventTimeTimer((Math.floorDiv(ts, HOUR_MS) + 1) * HOUR_MS);
        }
    }

    private LiveAlert alert(SeriesCase s, String cellAddress, long startedAt, SurgeDetector.Verdict v, String status) {
        LiveAlert a = new LiveAlert();
        a.kind = "SURGE";
        a.alertId = LiveAlertIds.of(a.kind, cellAddress + '|' + s.category, startedAt);
        a.status = status;
        a.h3 = cellAddress;
        a.category = s.category;
        a.classKind = s.classKind;
        double[] centre = h3.center(s.cell);
        a.lon = centre[0];
        a.lat = centre[1];
        if (areas != null) {
            a.districtCode = areas.areaAt(AreaLevel.DISTRICT, a.lon, a.lat);
            a.streetCode = areas.areaAt(AreaLevel.STREET, a.lon, a.lat);
            a.gridCode = areas.areaAt(AreaLevel.GRID, a.lon, a.lat);
        }
        if (a.districtCode == null) {
            a.districtCode = s.districtCode;
        }
        a.observed = v.observed();
        a.expected = v.expected();
        a.p = v.p();
        a.startedAt = startedAt;
        a.decidedAt = startedAt;
        a.detail = String.format(Locale.ROOT, "%s %s in cell %s: %d cases %s, %.3f expected, p = %.3g (threshold %.3g)",
                "CLOSED".equals(status) ? "surge over:" : "surge:", s.category, cellAddress, v.observed(),
                v.window().equals("today") ? "since midnight" : "in the last 3 h", v.expected(), v.p(), detector.threshold());
        return a;
    }
}
