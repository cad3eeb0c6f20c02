package io.zhili.geo.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CellLevelModelTest {
    private static final double EPS = 1e-9;

    /** Half-lives of one week on weekly periods: the last period weighs 1, the one before 1/2. */
    private static final ForecastParameters WEEK = new ForecastParameters(7, 7, 168, 0.90);

    @Test
    void threeCellsByHand() {
        // Two weeks; cell 0: 4 then 6 cases, cell 1: 0 then 2, cell 2: 2 then 0. City: C = 6, 8.
        // L = (½·6 + 8) / (½ + 1) = 22/3 per week.
        // Y = (½·4 + 6, 2, ½·2) = (8, 2, 1); M = (½·6 + 8)/3 = 11/3; V = (¼·6 + 8)/3 = 19/6.
        // mean (Y/M − 1)² = 86/121; V/M² = 57/242 ⇒ τ² = 115/242, a = 242/115.
        // θ̂_c = (a + Y_c)/(a + M); λ_c = L·θ̂_c/Σθ̂.
        CellLevelModel.Fit fit = new CellLevelModel(WEEK).fit(CellLevelModel.equalPeriods(2, 7), 7, 3,
                new int[] {0, 0, 1, 2}, new int[] {0, 1, 1, 0}, new long[] {4, 6, 2, 2});
        double a = 242.0 / 115;
        assertEquals(22.0 / 3, fit.cityWeeklyLevel(), EPS);
        assertEquals(a, fit.priorShape(), EPS);
        double m = 11.0 / 3;
        double[] theta = {(a + 8) / (a + m), (a + 2) / (a + m), (a + 1) / (a + m)};
        double sum = theta[0] + theta[1] + theta[2];
        for (int c = 0; c < 3; c++) {
            assertEquals(22.0 / 3 * theta[c] / sum, fit.weeklyLevel()[c], EPS);
            assertEquals(fit.weeklyLevel()[c], fit.expectedNext()[c], EPS); // next period = 7 days
        }
        assertEquals(4.279926335174954, fit.weeklyLevel()[0], EPS);
        assertEquals(1.7384898710865562, fit.weeklyLevel()[1], EPS);
        assertEquals(1.3149171270718227, fit.weeklyLevel()[2], EPS);
        // NB(mean λ, shape a + Y_c) 5 % and 95 % quantiles, summed term by term (scipy.stats.nbinom agrees).
        assertEquals(1, fit.lower()[0]);
        assertEquals(9, fit.upper()[0]);
        assertEquals(0, fit.lower()[1]);
        assertEquals(5, fit.upper()[1]);
        assertEquals(0, fit.lower()[2]);
        assertEquals(4, fit.upper()[2]);
    }

    @Test
    void cellsThatDifferOnlyByChanceShareTheCityLevel() {
        // Three months (31, 30, 31 days), two cells with 3 cases each month: τ² < 0, a = ∞, θ̂ = 1.
        ForecastParameters p = new ForecastParameters(90, 30, 168, 0.90);
        CellLevelModel.Fit fit = new CellLevelModel(p).fit(new double[] {31, 30, 31}, 30, 2,
                new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 1, 2, 0, 1, 2}, new long[] {3, 3, 3, 3, 3, 3});
        assertTrue(Double.isInfinite(fit.priorShape()));
        // City level: weights v = 2^(−61/30), 2^(−31/30), 1 on 6 cases each; weeks 31/7, 30/7, 31/7.
        double v0 = Math.pow(2, -61.0 / 30);
        double v1 = Math.pow(2, -31.0 / 30);
        double level = 6 * (v0 + v1 + 1) / ((v0 * 31 + v1 * 30 + 31) / 7);
        assertEquals(level, fit.cityWeeklyLevel(), EPS);
        assertEquals(level / 2, fit.weeklyLevel()[1], EPS);
        assertEquals(level / 2 * 30 / 7, fit.expectedNext()[1], EPS);
        // Poisson(≈ 2.95) interval: [0, 6].
        assertEquals(0, fit.lower()[0]);
        assertEquals(NegativeBinomial.quantile(level / 2 * 30 / 7, Double.POSITIVE_INFINITY, 0.95), fit.upper()[0]);
    }

    @Test
    void aBusyCellKeepsItsRateAQuietOneIsShrunk() {
        // 50 cells; cell 0 has 200 cases a week, the others 1 each: a is small against cell 0's count, so its
        // level stays close to its own rate, while the quiet cells are pulled toward their common mean.
        int cells = 50;
        int[] cellOf = new int[cells];
        int[] periodOf = new int[cells];
        long[] count = new long[cells];
        for (int c = 0; c < cells; c++) {
            cellOf[c] = c;
            count[c] = c == 0 ? 200 : 1;
        }
        CellLevelModel.Fit fit = new CellLevelModel(WEEK).fit(new double[] {7}, 7, cells, cellOf, periodOf, count);
        double total = 0;
        for (double l : fit.weeklyLevel()) {
            total += l;
        }
        assertEquals(249, total, 1e-9, "the cells add up to the city level");
        assertEquals(200, fit.weeklyLevel()[0], 2);
        assertEquals(1, fit.weeklyLevel()[7], 0.05);
        assertTrue(fit.lower()[0] > 160 && fit.upper()[0] < 240, fit.lower()[0] + ".." + fit.upper()[0]);
    }

    @Test
    void refusesEmptyOrMismatchedInput() {
        CellLevelModel model = new CellLevelModel(ForecastParameters.DEFAULTS);
        assertThrows(IllegalArgumentException.class, () -> model.fit(new double[0], 7, 1, new int[0], new int[0], new long[0]));
        assertThrows(IllegalArgumentException.class, () -> model.fit(new double[] {7}, 7, 1, new int[1], new int[0], new long[1]));
        assertThrows(IllegalArgumentException.class,
                () -> new ForecastParameters(0, 30, 168, 0.9));
    }
}
