package io.zhili.jobs.hotspots;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.IntObjectHashMap;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.cursors.IntObjectCursor;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import io.zhili.geo.forecast.CellLevelModel;
import io.zhili.geo.forecast.ForecastParameters;
import io.zhili.jobs.common.RunCounts;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.InputSelectable;
import org.apache.flink.streaming.api.operators.InputSelection;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The per-cell forecast of the categories partitioned to this subtask ({@code ALL} and the majors; minor
 * classes are left out). Input 1 (read first, broadcast) are the periods holding cases; input 2 the partial
 * case counts by base cell, period and category. The fitted periods are every period from the first with
 * cases to the last (gaps count as zero), or, in a windowed run, every period of the window; the forecast
 * is for the period after them. At the end each category is fitted by {@link CellLevelModel}.
 */
final class ForecastCellsOperator extends AbstractStreamOperator<ForecastCellRow>
        implements TwoInputStreamOperator<StudyAreaItem, CellPartial, ForecastCellRow>, InputSelectable, BoundedMultiInput {
    /** Largest value: the first local day of the forecast period (epoch day), for run.json. */
    static final String NEXT_PERIOD = "forecast.next_period_start_day";
    static final String FITTED_PERIODS = "forecast.fitted_periods";
    static final String ROWS = "forecast.cells_rows";

    private final HotspotOptions options;
    private final Categories categories;
    private final ForecastParameters parameters;
    private transient boolean periodsDone;
    private transient IntArrayList seenPeriods;
    private transient int[] periods;
    private transient IntIntHashMap periodIndex;
    private transient IntObjectHashMap<LongLongHashMap> countsByCategory;
    private transient JobCounters counters;

    ForecastCellsOperator(HotspotOptions options, Categories categories, ForecastParameters parameters) {
        this.options = options;
        this.categories = categories;
        this.parameters = parameters;
    }

    @Override
    public void open() throws Exception {
        super.open();
        seenPeriods = new IntArrayList();
        countsByCategory = new IntObjectHashMap<>();
        counters = JobCounters.of(getRuntimeContext());
    }

    @Override
    public InputSelection nextSelection() {
        return periodsDone ? InputSelection.SECOND : InputSelection.FIRST;
    }

    @Override
    public void processElement1(StreamRecord<StudyAreaItem> element) {
        StudyAreaItem item = element.getValue();
        if (item.cell == 0 && !seenPeriods.contains(item.period)) {
            seenPeriods.add(item.period);
        }
    }

    @Override
    public void processElement2(StreamRecord<CellPartial> element) {
        CellPartial p = element.getValue();
        if (p.period == CellPartial.EXPOSURE || !ForecastStage.forecast(categories, p.category)) {
            return;
        }
        LongLongHashMap counts = countsByCategory.get(p.category);
        if (counts == null) {
            counts = new LongLongHashMap();
            countsByCategory.put(p.category, counts);
        }
        int index = periodIndex.getOrDefault(p.period, -1);
        if (index < 0) {
            throw new IllegalStateException("period " + p.period + " outside the fitted periods");
        }
        counts.addTo(CellKeys.pack(p.cell, index), p.count);
    }

    @Override
    public void endInput(int inputId) {
        if (inputId == 1) {
            periodsDone = true;
            periods = fittedPeriods();
            periodIndex = new IntIntHashMap();
            for (int i = 0; i < periods.length; i++) {
                periodIndex.put(periods[i], i);
            }
            return;
        }
        long t0 = System.nanoTime();
        RunCounts extra = new RunCounts();
        if (periods.length > 0) {
            double[] days = new double[periods.length];
            for (int i = 0; i < periods.length; i++) {
                days[i] = next(periods[i]) - periods[i];
            }
            int nextStart = next(periods[periods.length - 1]);
            double nextDays = next(nextStart) - nextStart;
            String nextLabel = options.period.label(nextStart);
            CellLevelModel model = new CellLevelModel(parameters);
            for (IntObjectCursor<LongLongHashMap> category : countsByCategory) {
                fitCategory(model, category.key, category.value, days, nextDays, nextLabel);
            }
            extra.max(NEXT_PERIOD, nextStart);
            extra.max(FITTED_PERIODS, periods.length);
        }
        counters.addMillis("stage.forecast_ms", t0);
        output.collect(JobCounters.COUNTS, new StreamRecord<>(counters.snapshot().merge(extra)));
    }

    private void fitCategory(CellLevelModel model, int category, LongLongHashMap counts, double[] days,
            double nextDays, String nextLabel) {
        // Dense cell indexes in address order, so rows come out the same in every run.
        LongIntHashMap cellIndex = new LongIntHashMap();
        for (LongLongCursor e : counts) {
            cellIndex.putIfAbsent(CellKeys.cell(e.key), 0);
        }
        long[] cells = cellIndex.keys().toArray();
        Arrays.sort(cells);
        for (int i = 0; i < cells.length; i++) {
            cellIndex.put(cells[i], i);
        }
        int n = counts.size();
        int[] cellOf = new int[n];
        int[] periodOf = new int[n];
        long[] count = new long[n];
        int j = 0;
        for (LongLongCursor e : counts) {
            cellOf[j] = cellIndex.get(CellKeys.cell(e.key));
            periodOf[j] = CellKeys.category(e.key);
            count[j++] = e.value;
        }
        CellLevelModel.Fit fit = model.fit(days, nextDays, cells.length, cellOf, periodOf, count);
        for (int c = 0; c < cells.length; c++) {
            ForecastCellRow r = new ForecastCellRow();
            r.h3 = cells[c];
            r.category = categories.code(category);
            r.kind = categories.kind(category);
            r.weeklyLevel = fit.weeklyLevel()[c];
            r.nextPeriod = nextLabel;
            r.expectedNext = fit.expectedNext()[c];
            r.lower90 = fit.lower()[c];
            r.upper90 = fit.upper()[c];
            r.medianNext = fit.median()[c];
            output.collect(new StreamRecord<>(r));
        }
        counters.add(ROWS, cells.length);
    }

    /** Start days of the fitted periods, oldest first. */
    private int[] fittedPeriods() {
        IntArrayList fitted = new IntArrayList();
        if (options.windowed()) {
            for (LocalDate d = options.from; d.isBefore(options.to); d = options.period.next(d)) {
                fitted.add((int) d.toEpochDay());
            }
        } else if (!seenPeriods.isEmpty()) {
            int[] seen = seenPeriods.toArray();
            Arrays.sort(seen);
            for (int d = seen[0]; d <= seen[seen.length - 1]; d = next(d)) {
                fitted.add(d);
            }
        }
        return fitted.toArray();
    }

    private int next(int startDay) {
        return (int) options.period.next(LocalDate.ofEpochDay(startDay)).toEpochDay();
    }
}
