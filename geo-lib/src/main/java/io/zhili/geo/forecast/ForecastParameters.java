package io.zhili.geo.forecast;

import java.io.Serializable;

/**
 * Settings of the forecast baseline.
 *
 * @param cellHalfLifeDays  half-life, in days, of a cell's past counts in its relative intensity: a count
 *                          this many days before the end of the data weighs half a count of the last period
 * @param cityHalfLifeDays  half-life, in days, of the category's city-wide counts in its weekly level; shorter
 *                          than the cell's, since the city total is large enough to follow the season closely
 * @param hourPriorCases    pseudo-cases of the hour-of-week prior (the uniform week for {@code ALL}, the smoothed
 *                          {@code ALL} profile for a major class): no hour of a category's week gets a zero share
 * @param interval          central coverage of the prediction interval (0.90: the 5 % and 95 % quantiles)
 */
public record ForecastParameters(double cellHalfLifeDays, double cityHalfLifeDays, double hourPriorCases,
        double interval) implements Serializable {
    /** The defaults of {@code zhili hotspots}, chosen by the backtest on the generated year (docs/BENCHMARKS.md). */
    public static final ForecastParameters DEFAULTS = new ForecastParameters(90, 30, 168, 0.90);

    public ForecastParameters {
        if (!(cellHalfLifeDays > 0) || !(cityHalfLifeDays > 0)) {
            throw new IllegalArgumentException("half-lives must be positive days");
        }
        if (!(hourPriorCases > 0)) {
            throw new IllegalArgumentException("hourPriorCases must be positive");
        }
        if (!(interval > 0 && interval < 1)) {
            throw new IllegalArgumentException("interval must be between 0 and 1, not " + interval);
        }
    }

    /** Lower quantile level of the interval (0.05 for 90 %). */
    public double lowerQuantile() {
        return (1 - interval) / 2;
    }

    /** Upper quantile level of the interval (0.95 for 90 %). */
    public double upperQuantile() {
        return 1 - (1 - interval) / 2;
    }
}
