package io.zhili.geo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MannKendallTest {

    private static final double EPS = 1e-12;

    @Test
    void workedExampleWithOneTiedPair() {
        // "A Mann-Kendall example ('by hand')", J. Little, College of the Holy Cross
        // (mathcs.holycross.edu/~little/Montserrat/MannKendallByHand.txt), following Gilbert (1987):
        // 91 pairs, 72 up, 18 down, 1 tie: S = 54; one tied pair (12.9 twice):
        // VAR(S) = (14·13·33 − 2·1·9)/18 = 332.667; Z = (54 − 1)/√332.667 = 2.9058; one-sided p ≈ 0.0018.
        double[] series = {12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7};
        MannKendall.Result r = MannKendall.test(series);
        assertEquals(54.0, r.s());
        assertEquals(332.6666666666667, r.variance(), EPS);
        assertEquals(2.905836845996537, r.z(), EPS);
        assertEquals(0.003662723762882436, r.p(), 1e-12); // two-sided: twice the example's 0.0018
        assertEquals(1, r.trend());
    }

    @Test
    void strictlyIncreasingTwelvePeriods() {
        // S = 12·11/2 = 66, VAR = 12·11·29/18 = 212.667, Z = 65/√212.667
        double[] series = new double[12];
        for (int i = 0; i < series.length; i++) {
            series[i] = 3 * i + 1;
        }
        MannKendall.Result r = MannKendall.test(series);
        assertEquals(66.0, r.s());
        assertEquals(212.66666666666666, r.variance(), EPS);
        assertEquals(4.45721562860432, r.z(), EPS);
        assertEquals(8.303107353564735e-06, r.p(), 1e-15);
        assertEquals(1, r.trend());
    }

    @Test
    void strictlyDecreasingIsTheMirrorImage() {
        double[] series = new double[12];
        for (int i = 0; i < series.length; i++) {
            series[i] = -0.5 * i;
        }
        MannKendall.Result r = MannKendall.test(series);
        assertEquals(-66.0, r.s());
        assertEquals(-4.45721562860432, r.z(), EPS);
        assertEquals(-1, r.trend());
    }

    @Test
    void constantSeriesHasNoTrendAndZeroVariance() {
        MannKendall.Result r = MannKendall.test(new double[] {4, 4, 4, 4, 4, 4});
        // VAR = (6·5·17 − 6·5·17)/18: the single tie group of six cancels everything
        assertEquals(new MannKendall.Result(0, 0, 0, 1, 0), r);
    }

    @Test
    void tiesReduceTheVariance() {
        // 1, 2, 2, 3: five rising pairs and one tie, S = 5; VAR = (4·3·13 − 2·1·9)/18 = 138/18
        MannKendall.Result r = MannKendall.test(new double[] {1, 2, 2, 3});
        assertEquals(5.0, r.s());
        assertEquals(138.0 / 18.0, r.variance(), EPS);
        assertEquals(1.4446302370292303, r.z(), EPS); // (5 − 1)/√(138/18)
        assertEquals(0.1485617748918687, r.p(), 1e-12);
        assertEquals(0, r.trend());
        assertEquals(1, MannKendall.test(new double[] {1, 2, 2, 3}, 0.2).trend());
    }

    @Test
    void alphaDecidesTheTrendBetweenFiveAndTenPercent() {
        // A permutation of 1..10 with 12 inversions: S = 45 − 2·12 = 21, VAR = 10·9·25/18 = 125,
        // Z = 20/√125 = 1.7889, p = 0.0736
        double[] series = {5, 4, 3, 2, 1, 7, 6, 8, 10, 9};
        MannKendall.Result at5 = MannKendall.test(series);
        assertEquals(21.0, at5.s());
        assertEquals(125.0, at5.variance(), EPS);
        assertEquals(1.7888543819998317, at5.z(), EPS);
        assertEquals(0.0736382701203027, at5.p(), 1e-12);
        assertEquals(0, at5.trend());
        assertEquals(1, MannKendall.test(series, 0.10).trend());
    }

    @Test
    void missingValuesAreLeftOut() {
        // behaves as 1, 2, 3: S = 3, VAR = 3·2·11/18, Z = 2/√(66/18)
        MannKendall.Result r = MannKendall.test(new double[] {1, Double.NaN, 2, 3});
        assertEquals(3.0, r.s());
        assertEquals(66.0 / 18.0, r.variance(), EPS);
        assertEquals(1.044465935734187, r.z(), EPS);
    }

    @Test
    void tooShortSeriesHaveNoTrend() {
        assertEquals(new MannKendall.Result(0, 0, 0, 1, 0), MannKendall.test(new double[0]));
        assertEquals(new MannKendall.Result(0, 0, 0, 1, 0), MannKendall.test(new double[] {9}));
    }

    @Test
    void rejectsBadAlphaAndInfiniteValues() {
        assertThrows(IllegalArgumentException.class, () -> MannKendall.test(new double[] {1, 2}, 0));
        assertThrows(IllegalArgumentException.class, () -> MannKendall.test(new double[] {1, 2}, 1.5));
        assertThrows(IllegalArgumentException.class,
                () -> MannKendall.test(new double[] {1, Double.POSITIVE_INFINITY}));
    }
}
