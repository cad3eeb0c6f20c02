package io.zhili.geo.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ForecastScoreTest {
    private static final double NaN = Double.NaN;

    @Test
    void errorsAndCoverageByHand() {
        double[] actual = {3, 0, 5, 1};
        double[] forecast = {2, 0.5, 5, 3};
        double[] naive = {0, 1, 9, 1};
        double[] lower = {1, 0, 2, NaN};
        double[] upper = {4, 0, 6, NaN};
        ForecastScore.Errors e = ForecastScore.errors(actual, forecast, naive, lower, upper);
        assertEquals(4, e.n());
        assertEquals((1 + 0.5 + 0 + 2) / 4, e.maeForecast(), 1e-15);
        assertEquals((3 + 1 + 4 + 0) / 4.0, e.maeBaseline(), 1e-15);
        assertEquals(Math.sqrt((1 + 0.25 + 0 + 4) / 4), e.rmseForecast(), 1e-15);
        assertEquals(Math.sqrt((9 + 1 + 16 + 0) / 4.0), e.rmseBaseline(), 1e-15);
        // Intervals: [1,4] holds 3, [0,0] holds 0, [2,6] holds 5; the fourth has none.
        assertEquals(3, e.intervals());
        assertEquals(1.0, e.coverage(), 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> ForecastScore.errors(actual, forecast, naive, lower, new double[2]));
    }

    @Test
    void topKCountsActualTiesAtTheBoundary() {
        String[] ids = {"a", "b", "c", "d", "e"};
        double[] actual = {9, 7, 7, 1, 0};
        // Predicted top 2: e (10), a (8). Actual top 2: a, and b and c tied at 7 ⇒ threshold 7: one hit.
        double[] predicted = {8, 1, 2, 3, 10};
        assertEquals(0.5, ForecastScore.topKHitRate(ids, predicted, actual, 2), 1e-15);
        // Predicted ties break by id: all 1 ⇒ a, b, c are the top 3, all with actual ≥ 7.
        assertEquals(1.0, ForecastScore.topKHitRate(ids, new double[] {1, 1, 1, 1, 1}, actual, 3), 1e-15);
        // k beyond the series: every series is a hit.
        assertEquals(1.0, ForecastScore.topKHitRate(ids, predicted, actual, 50), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> ForecastScore.topKHitRate(ids, predicted, actual, 0));
    }
}
