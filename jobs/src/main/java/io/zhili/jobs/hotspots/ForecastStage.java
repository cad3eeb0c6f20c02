package io.zhili.jobs.hotspots;

import io.zhili.geo.forecast.ForecastParameters;
import io.zhili.jobs.common.RunCounts;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The forecast baseline of the hotspot job ({@code forecast/cells/} and {@code forecast/hour_of_week/}, see
 * docs/CONTRACTS.md "Forecast"), fed by the job's per-cell period counts and its time profile partials, so
 * the cases are read and joined once for the maps and the forecast alike.
 */
final class ForecastStage {
    /** Directory of the forecast tables under the output directory, and its two tables. */
    static final String DIR = "forecast";
    static final String CELLS = DIR + "/cells";
    static final String HOUR_OF_WEEK = DIR + "/hour_of_week";
    static final String CITY = "CITY";

    private ForecastStage() {
    }

    /** Whether a category gets a forecast: {@code ALL} and the 2-digit majors, not the minors. */
    static boolean forecast(Categories categories, int category) {
        return category == Categories.ALL || categories.code(category).length() == 2;
    }

    /**
     * Adds the stage; returns the run counts of its tasks, for the run's commit.
     *
     * @param studyArea    the study area items (only the periods are used)
     * @param partials     case counts by base cell, period and category
     * @param timeProfile  case counts by area, category, day of week and hour
     */
    static DataStream<RunCounts> add(DataStream<StudyAreaItem> studyArea, DataStream<CellPartial> partials,
            DataStream<TimeProfilePartial> timeProfile, HotspotOptions options, Categories categories,
            ForecastParameters parameters, HotspotSinks sinks) {
        SingleOutputStreamOperator<ForecastCellRow> cells = studyArea
                .filter(new PeriodItems()).name("forecast periods").uid("forecast-periods")
                .broadcast()
                .connect(partials.filter(new ForecastCounts(categories)).name("forecast counts").uid("forecast-counts")
                        .partitionCustom(new HotspotJob.CategoryPartitioner(), new HotspotJob.CategoryKey()))
                .transform("forecast cells", TypeInformation.of(ForecastCellRow.class),
                        new ForecastCellsOperator(options, categories, parameters))
                .uid("forecast-cells");
        cells.sinkTo(sinks.forecastCells()).name("write forecast/cells").uid("sink-forecast-cells");
        SingleOutputStreamOperator<HourOfWeekRow> hours = timeProfile
                .filter(new CityProfile(categories)).name("forecast city profile").uid("forecast-city-profile")
                .transform("forecast hour of week", TypeInformation.of(HourOfWeekRow.class),
                        new HourOfWeekOperator(categories, parameters))
                .uid("forecast-hour-of-week").setParallelism(1);
        hours.sinkTo(sinks.forecastHourOfWeek()).name("write forecast/hour_of_week").uid("sink-forecast-hour-of-week")
                .setParallelism(1);
        return cells.getSideOutput(JobCounters.COUNTS).union(hours.getSideOutput(JobCounters.COUNTS));
    }

    /** The {@code forecast} section of run.json: the method, its parameters, the forecast period and row counts. */
    static Map<String, Object> summary(Map<String, Long> counts, Period period, ForecastParameters parameters) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("method", "discounted Poisson-gamma cell level with empirical-Bayes prior x city hour-of-week profile");
        s.put("cell_half_life_days", parameters.cellHalfLifeDays());
        s.put("city_half_life_days", parameters.cityHalfLifeDays());
        s.put("hour_prior_cases", parameters.hourPriorCases());
        s.put("interval", parameters.interval());
        Long next = counts.get(ForecastCellsOperator.NEXT_PERIOD);
        s.put("next_period", next == null ? null : period.label(next.intValue()));
        s.put("next_period_start", next == null ? null : LocalDate.ofEpochDay(next).toString());
        s.put("fitted_periods", counts.getOrDefault(ForecastCellsOperator.FITTED_PERIODS, 0L));
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("cells", counts.getOrDefault(ForecastCellsOperator.ROWS, 0L));
        rows.put("hour_of_week", counts.getOrDefault(HourOfWeekOperator.ROWS, 0L));
        s.put("rows", rows);
        return s;
    }

    static final class PeriodItems implements FilterFunction<StudyAreaItem> {
        @Override
        public boolean filter(StudyAreaItem item) {
            return item.cell == 0;
        }
    }

    static final class ForecastCounts implements FilterFunction<CellPartial> {
        private final Categories categories;

        ForecastCounts(Categories categories) {
            this.categories = categories;
        }

        @Override
        public boolean filter(CellPartial p) {
            return p.period != CellPartial.EXPOSURE && forecast(categories, p.category);
        }
    }

    static final class CityProfile implements FilterFunction<TimeProfilePartial> {
        private final Categories categories;

        CityProfile(Categories categories) {
            this.categories = categories;
        }

        @Override
        public boolean filter(TimeProfilePartial p) {
            return CITY.equals(p.areaLevel) && forecast(categories, p.category);
        }
    }
}
