package io.zhili.jobs.hotspots;

import com.carrotsearch.hppc.IntObjectHashMap;
import io.zhili.geo.forecast.ForecastParameters;
import io.zhili.geo.forecast.HourOfWeekProfile;
import java.util.Arrays;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The city-wide hour-of-week profile of {@code ALL} and each major class, from the city rows of the time
 * profile partials (one subtask: at most 168 counts per category). {@code ALL} is smoothed toward the flat
 * week, each major toward the smoothed {@code ALL} profile ({@link HourOfWeekProfile#smooth}).
 */
final class HourOfWeekOperator extends AbstractStreamOperator<HourOfWeekRow>
        implements OneInputStreamOperator<TimeProfilePartial, HourOfWeekRow>, BoundedOneInput {
    static final String ROWS = "forecast.hour_of_week_rows";

    private final Categories categories;
    private final ForecastParameters parameters;
    private transient IntObjectHashMap<long[]> casesByCategory;
    private transient JobCounters counters;

    HourOfWeekOperator(Categories categories, ForecastParameters parameters) {
        this.categories = categories;
        this.parameters = parameters;
    }

    @Override
    public void open() throws Exception {
        super.open();
        casesByCategory = new IntObjectHashMap<>();
        counters = JobCounters.of(getRuntimeContext());
    }

    @Override
    public void processElement(StreamRecord<TimeProfilePartial> element) {
        TimeProfilePartial p = element.getValue();
        long[] cases = casesByCategory.get(p.category);
        if (cases == null) {
            cases = new long[HourOfWeekProfile.HOURS];
            casesByCategory.put(p.category, cases);
        }
        cases[HourOfWeekProfile.hourOfWeek(p.dayOfWeek, p.hour)] += p.cases;
    }

    @Override
    public void endInput() {
        long[] all = casesByCategory.get(Categories.ALL);
        if (all != null) {
            double[] allShares = HourOfWeekProfile.smooth(all, HourOfWeekProfile.uniform(), parameters.hourPriorCases());
            emit(Categories.ALL, allShares);
            int[] majors = casesByCategory.keys().toArray();
            Arrays.sort(majors);
            for (int category : majors) {
                if (category != Categories.ALL) {
                    emit(category, HourOfWeekProfile.smooth(casesByCategory.get(category), allShares,
                            parameters.hourPriorCases()));
                }
            }
        }
        output.collect(JobCounters.COUNTS, new StreamRecord<>(counters.snapshot()));
    }

    private void emit(int category, double[] shares) {
        for (int h = 0; h < shares.length; h++) {
            output.collect(new StreamRecord<>(new HourOfWeekRow(categories.code(category), categories.kind(category), h, shares[h])));
        }
        counters.add(ROWS, shares.length);
    }
}
