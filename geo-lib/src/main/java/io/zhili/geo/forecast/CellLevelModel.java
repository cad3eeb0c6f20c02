package io.zhili.geo.forecast;

import java.util.Arrays;

/**
 * The weekly level of each cell of one category at the end of the data, and its forecast for the next
 * period. Counts of single cells are sparse (most cells see a case of a category every few months), so a
 * cell's own recent count is a poor forecast; the model borrows strength twice:
 *
 * <ol>
 *   <li><b>City level.</b> The category's weekly cases in the whole city, L = Σ<sub>t</sub> v<sub>t</sub>
 *       C<sub>t</sub> / Σ<sub>t</sub> v<sub>t</sub> (d<sub>t</sub>/7), with C<sub>t</sub> the category's
 *       cases in period t, d<sub>t</sub> its days and v<sub>t</sub> = 2<sup>−age<sub>t</sub>/H<sub>city</sub></sup>
 *       (age<sub>t</sub>: days from the end of period t to the end of the data). The city total is large,
 *       so a short half-life follows the season without much noise.</li>
 *   <li><b>Cell intensity.</b> Cell c's cases are Poisson with mean θ<sub>c</sub> · C<sub>t</sub>/n (n cells
 *       in the category), θ<sub>c</sub> ~ Gamma(a, a) (mean 1). With discounted sums Y<sub>c</sub> =
 *       Σ w<sub>t</sub> y<sub>c,t</sub> and M<sub>c</sub> = Σ w<sub>t</sub> C<sub>t</sub>/n, w<sub>t</sub> =
 *       2<sup>−age<sub>t</sub>/H<sub>cell</sub></sup>, the posterior mean is θ̂<sub>c</sub> = (a + Y<sub>c</sub>) /
 *       (a + M<sub>c</sub>): a cell with few cases is shrunk toward the category's average cell, one with many
 *       keeps its own rate (discounting is the Poisson-gamma steady model's way to let the rate drift).
 *       a is fitted across the category's cells by empirical Bayes (Marshall's moment estimator): the
 *       between-cell variance of θ is τ² = mean<sub>c</sub>(r<sub>c</sub> − 1)² − V/M² with r<sub>c</sub> =
 *       Y<sub>c</sub>/M (all cells share M<sub>c</sub> = M) and V = Σ w<sub>t</sub>² C<sub>t</sub>/n the Poisson
 *       variance of a discounted count, and a = 1/τ² (τ² ≤ 0 means the cells
 *       do not differ more than Poisson noise, a = ∞, every θ̂ = 1).</li>
 * </ol>
 *
 * The weekly level of a cell is λ<sub>c</sub> = L · θ̂<sub>c</sub> / Σ θ̂, so the cells add up to the city
 * level; the expected count of the next period (D days) is λ<sub>c</sub> · D/7; its prediction interval
 * takes the quantiles of the posterior predictive count, negative binomial with that mean and shape
 * a + Y<sub>c</sub> (Poisson when a = ∞).
 */
public final class CellLevelModel {
    private final ForecastParameters parameters;

    public CellLevelModel(ForecastParameters parameters) {
        this.parameters = parameters;
    }

    /** The fitted model of one category. */
    public record Fit(double cityWeeklyLevel, double priorShape, double[] weeklyLevel, double[] expectedNext,
            long[] lower, long[] upper, long[] median) {
    }

    /**
     * Fits one category.
     *
     * @param periodDays days of each period of the data, oldest first (the last one ends the data)
     * @param nextDays   days of the period to forecast
     * @param cells      number of cells of the category (each must have a count somewhere)
     * @param cellOf     cell index 0 … cells-1 of each count
     * @param periodOf   period index of each count
     * @param count      the counts (≥ 0); a (cell, period) may occur more than once, its counts add up
     */
    public Fit fit(double[] periodDays, double nextDays, int cells, int[] cellOf, int[] periodOf, long[] count) {
        int periods = periodDays.length;
        if (periods == 0 || cells == 0) {
            throw new IllegalArgumentException("a fit needs at least one period and one cell");
        }
        if (cellOf.length != count.length || periodOf.length != count.length) {
            throw new IllegalArgumentException("cellOf, periodOf and count must have the same length");
        }
        double[] cellWeight = new double[periods];
        double[] cityWeight = new double[periods];
        double age = 0;
        for (int t = periods - 1; t >= 0; t--) {
            cellWeight[t] = Math.pow(2, -age / parameters.cellHalfLifeDays());
            cityWeight[t] = Math.pow(2, -age / parameters.cityHalfLifeDays());
            age += periodDays[t];
        }
        double[] cityCounts = new double[periods];
        double[] y = new double[cells];
        for (int i = 0; i < count.length; i++) {
            if (count[i] < 0) {
                throw new IllegalArgumentException("negative count " + count[i]);
            }
            cityCounts[periodOf[i]] += count[i];
            y[cellOf[i]] += cellWeight[periodOf[i]] * count[i];
        }
        double cityCases = 0;
        double cityWeeks = 0;
        double weightedPerCell = 0;
        for (int t = 0; t < periods; t++) {
            cityCases += cityWeight[t] * cityCounts[t];
            cityWeeks += cityWeight[t] * periodDays[t] / 7;
            weightedPerCell += cellWeight[t] * cityCounts[t] / cells;
        }
        double cityLevel = cityCases / cityWeeks;
        // Every cell has the same expected share of the city's cases: M_c = weightedPerCell for all c.
        double m = weightedPerCell;
        double poissonVariance = 0;
        for (int t = 0; t < periods; t++) {
            poissonVariance += cellWeight[t] * cellWeight[t] * cityCounts[t] / cells;
        }
        double a = priorShape(y, m, poissonVariance);
        double[] theta = new double[cells];
        double thetaSum = 0;
        for (int c = 0; c < cells; c++) {
            theta[c] = Double.isInfinite(a) || m == 0 ? 1 : (a + y[c]) / (a + m);
            thetaSum += theta[c];
        }
        double[] level = new double[cells];
        double[] expected = new double[cells];
        long[] lower = new long[cells];
        long[] upper = new long[cells];
        long[] median = new long[cells];
        for (int c = 0; c < cells; c++) {
            level[c] = cityLevel * theta[c] / thetaSum;
            expected[c] = level[c] * nextDays / 7;
            double shape = Double.isInfinite(a) ? Double.POSITIVE_INFINITY : a + y[c];
            lower[c] = NegativeBinomial.quantile(expected[c], shape, parameters.lowerQuantile());
            upper[c] = NegativeBinomial.quantile(expected[c], shape, parameters.upperQuantile());
            median[c] = NegativeBinomial.quantile(expected[c], shape, 0.5);
        }
        return new Fit(cityLevel, a, level, expected, lower, upper, median);
    }

    /**
     * Marshall's moment estimate of the gamma prior's shape a = 1/τ² from the cells' discounted counts
     * {@code y}, their common discounted expectation {@code m} and the Poisson variance of a discounted count
     * under θ = 1, {@code poissonVariance} = Σ w<sub>t</sub>² C<sub>t</sub>/n (the weights make it smaller
     * than m); infinite when τ² ≤ 0.
     */
    static double priorShape(double[] y, double m, double poissonVariance) {
        if (m <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double s2 = 0;
        for (double yc : y) {
            double r = yc / m;
            s2 += (r - 1) * (r - 1);
        }
        s2 /= y.length;
        double tau2 = s2 - poissonVariance / (m * m);
        return tau2 <= 1e-12 ? Double.POSITIVE_INFINITY : 1 / tau2;
    }

    /** Days of each period, a convenience for tests and callers with equal periods. */
    public static double[] equalPeriods(int periods, double days) {
        double[] d = new double[periods];
        Arrays.fill(d, days);
        return d;
    }
}
