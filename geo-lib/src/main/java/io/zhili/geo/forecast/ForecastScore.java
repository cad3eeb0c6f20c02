package io.zhili.geo.forecast;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Scores of a forecast against the actual counts of the held-out period, beside a baseline forecast (the
 * backtest of docs/BENCHMARKS.md): mean absolute and root mean squared error, the share of actual counts
 * inside the prediction interval, and the top-k hit rate.
 */
public final class ForecastScore {
    private ForecastScore() {
    }

    /**
     * Errors over n series (cell × category).
     *
     * @param coverage share of the series with an interval whose actual count lies in [lower, upper]
     * @param intervals number of series with an interval
     */
    public record Errors(int n, double maeForecast, double maeBaseline, double rmseForecast, double rmseBaseline,
            int intervals, double coverage) {
    }

    /**
     * @param actual   actual counts
     * @param forecast the forecast's expected counts
     * @param baseline the baseline's counts
     * @param lower    lower interval bounds, NaN where a series has no interval
     * @param upper    upper interval bounds, NaN where a series has no interval
     */
    public static Errors errors(double[] actual, double[] forecast, double[] baseline, double[] lower, double[] upper) {
        int n = actual.length;
        if (forecast.length != n || baseline.length != n || lower.length != n || upper.length != n) {
            throw new IllegalArgumentException("every array needs one value per series");
        }
        double absF = 0;
        double absB = 0;
        double sqF = 0;
        double sqB = 0;
        int intervals = 0;
        int inside = 0;
        for (int i = 0; i < n; i++) {
            double ef = forecast[i] - actual[i];
            double eb = baseline[i] - actual[i];
            absF += Math.abs(ef);
            absB += Math.abs(eb);
            sqF += ef * ef;
            sqB += eb * eb;
            if (!Double.isNaN(lower[i])) {
                intervals++;
                if (actual[i] >= lower[i] && actual[i] <= upper[i]) {
                    inside++;
                }
            }
        }
        return new Errors(n, n == 0 ? 0 : absF / n, n == 0 ? 0 : absB / n, n == 0 ? 0 : Math.sqrt(sqF / n),
                n == 0 ? 0 : Math.sqrt(sqB / n), intervals, intervals == 0 ? Double.NaN : (double) inside / intervals);
    }

    /**
     * Share of the k series ranked highest by {@code predicted} that are among the actual top k. Ranks break
     * ties by {@code ids}, ascending; a series counts as actual top k when its actual count is at least the
     * k-th largest actual count (all series tied at the boundary are in, so the hit rate does not depend on
     * how actual ties are broken). k larger than the series is cut to their number.
     */
    public static double topKHitRate(String[] ids, double[] predicted, double[] actual, int k) {
        int n = ids.length;
        if (predicted.length != n || actual.length != n) {
            throw new IllegalArgumentException("every array needs one value per series");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        k = Math.min(k, n);
        if (k == 0) {
            return Double.NaN;
        }
        double[] sortedActual = actual.clone();
        Arrays.sort(sortedActual);
        double threshold = sortedActual[n - k];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -predicted[i]).thenComparing(i -> ids[i]));
        int hits = 0;
        for (int r = 0; r < k; r++) {
            if (actual[order[r]] >= threshold) {
                hits++;
            }
        }
        return (double) hits / k;
    }
}
