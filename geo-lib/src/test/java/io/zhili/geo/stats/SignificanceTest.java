package io.zhili.geo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reference values are from CPython's math.erfc (the C library's correctly rounded erfc). */
class SignificanceTest {

    private static void assertRelative(double expected, double actual, double tolerance) {
        assertEquals(expected, actual, Math.abs(expected) * tolerance, "expected " + expected + " got " + actual);
    }

    @Test
    void erfcMatchesReferenceValuesInAllThreeIntervals() {
        double[][] reference = {
            {0.0, 1.0},
            {1e-20, 1.0},
            {0.1, 0.8875370839817152},
            {-0.2, 1.2227025892104786},
            {0.46875, 0.507386526782062},   // edge of the first interval
            {0.5, 0.4795001221869535},
            {1.0, 0.15729920705028513},
            {-1.0, 1.842700792949715},
            {2.0, 0.004677734981047265},
            {3.9, 3.479224859723177e-08},
            {4.0, 1.541725790028002e-08},   // edge of the second interval
            {4.5, 1.9661604415428873e-10},
            {6.0, 2.1519736712498916e-17},
            {10.0, 2.088487583762545e-45},
            {26.0, 5.663192408856143e-296},
            {-3.0, 1.9999779095030015},
        };
        for (double[] r : reference) {
            assertRelative(r[1], Significance.erfc(r[0]), 1e-13);
        }
    }

    @Test
    void erfcLimits() {
        assertEquals(0.0, Significance.erfc(27.0));
        assertEquals(0.0, Significance.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, Significance.erfc(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Significance.erfc(Double.NaN)));
    }

    @Test
    void twoSidedPAtTheCriticalValuesOfTheHotSpotBins() {
        assertEquals(0.10, Significance.twoSidedP(1.6448536269514722), 1e-12);
        assertEquals(0.05, Significance.twoSidedP(1.959963984540054), 1e-12);
        assertEquals(0.01, Significance.twoSidedP(-2.5758293035489004), 1e-12);
    }

    @Test
    void twoSidedPReferenceValues() {
        assertEquals(1.0, Significance.twoSidedP(0.0));
        assertRelative(0.31731050786291415, Significance.twoSidedP(1.0), 1e-13);
        assertRelative(0.0026997960632601913, Significance.twoSidedP(-3.0), 1e-13);
        assertRelative(5.733031437583892e-07, Significance.twoSidedP(5.0), 1e-13);
        assertEquals(0.0, Significance.twoSidedP(40.0));
        assertTrue(Double.isNaN(Significance.twoSidedP(Double.NaN)));
    }

    @Test
    void twoSidedPErrorBelowOneInTenMillionOnAFineGrid() {
        // Against the integral of the normal density by composite Simpson's rule: an independent route.
        for (double z = 0; z <= 6; z += 0.05) {
            double expected = 1.0 - 2.0 * simpsonNormalDensity(0, z, 2000);
            assertEquals(expected, Significance.twoSidedP(z), 1e-7, "z = " + z);
        }
    }

    private static double simpsonNormalDensity(double a, double b, int intervals) {
        double h = (b - a) / intervals;
        double sum = density(a) + density(b);
        for (int i = 1; i < intervals; i++) {
            sum += density(a + i * h) * (i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    private static double density(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    @Test
    void hotClassFollowsArcGisGiBinThresholds() {
        assertEquals(HotClass.HOT_99, HotClass.of(3.1, 0.002));
        assertEquals(HotClass.HOT_99, HotClass.of(2.6, 0.01));
        assertEquals(HotClass.HOT_95, HotClass.of(2.2, 0.0100001));
        assertEquals(HotClass.HOT_95, HotClass.of(2.0, 0.05));
        assertEquals(HotClass.HOT_90, HotClass.of(1.7, 0.08));
        assertEquals(HotClass.HOT_90, HotClass.of(1.65, 0.10));
        assertEquals(HotClass.NOT_SIGNIFICANT, HotClass.of(1.6, 0.1096));
        assertEquals(HotClass.COLD_90, HotClass.of(-1.7, 0.09));
        assertEquals(HotClass.COLD_95, HotClass.of(-2.0, 0.045));
        assertEquals(HotClass.COLD_99, HotClass.of(-4.0, 6e-5));
    }

    @Test
    void hotClassOfZeroOrNaNIsNotSignificant() {
        assertEquals(HotClass.NOT_SIGNIFICANT, HotClass.of(0.0, 0.0));
        assertEquals(HotClass.NOT_SIGNIFICANT, HotClass.of(Double.NaN, 0.001));
        assertEquals(HotClass.NOT_SIGNIFICANT, HotClass.of(3.0, Double.NaN));
    }

    @Test
    void hotClassGiBinsAndSides() {
        assertEquals(3, HotClass.HOT_99.giBin());
        assertEquals(-2, HotClass.COLD_95.giBin());
        assertEquals(0, HotClass.NOT_SIGNIFICANT.giBin());
        assertTrue(HotClass.HOT_90.hot() && !HotClass.HOT_90.cold());
        assertTrue(HotClass.COLD_90.cold() && !HotClass.COLD_90.hot());
        assertTrue(!HotClass.NOT_SIGNIFICANT.hot() && !HotClass.NOT_SIGNIFICANT.cold());
    }
}
