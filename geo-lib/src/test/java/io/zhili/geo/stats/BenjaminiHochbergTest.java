package io.zhili.geo.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    /** The 15 p-values of Benjamini and Hochberg's (1995) worked example, §4.1. */
    private static final double[] PAPER_P = {
        0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
        0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000};

    @Test
    void paperExampleRejectsFourAtFivePercent() {
        // k·0.05/15 first falls below p_(k) after k = 4 (0.0095 <= 0.01333; no later rank qualifies)
        assertEquals(0.0095, BenjaminiHochberg.criticalP(PAPER_P, 0.05));
        assertEquals(0.0459, BenjaminiHochberg.criticalP(PAPER_P, 0.10)); // 0.0459 <= 9·0.10/15 = 0.06
        assertEquals(0.0019, BenjaminiHochberg.criticalP(PAPER_P, 0.01)); // 0.0019 <= 3·0.01/15 = 0.002
    }

    @Test
    void noPValuePassingGivesNegativeInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, BenjaminiHochberg.criticalP(new double[] {0.5, 0.9}, 0.05));
        assertEquals(Double.NEGATIVE_INFINITY, BenjaminiHochberg.criticalP(new double[0], 0.05));
    }

    @Test
    void paperExampleAdjustedPValues() {
        // Reference: scipy.stats.false_discovery_control(PAPER_P) (method 'bh')
        double[] expected = {
            0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286,
            0.0645, 0.07650000000000001, 0.486, 0.5811818181818181, 0.7148749999999999,
            0.7532307692307693, 0.8132142857142857, 1.0};
        assertArrayEquals(expected, BenjaminiHochberg.adjustedP(PAPER_P), 1e-15);
    }

    @Test
    void adjustedPKeepsInputOrderAndGivesTiesEqualValues() {
        // sorted 0.01, 0.03, 0.04, 0.04, 0.2: m·p/rank = 0.05, 0.075, 0.0667, 0.05, 0.2; running min from the top
        double[] q = BenjaminiHochberg.adjustedP(new double[] {0.04, 0.01, 0.04, 0.2, 0.03});
        assertArrayEquals(new double[] {0.05, 0.05, 0.05, 0.2, 0.05}, q, 1e-15);
    }

    @Test
    void adjustedPIsMonotoneInP() {
        Random random = new Random(7);
        double[] p = new double[2000];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.pow(random.nextDouble(), 3); // many small p-values, like a map with real hot spots
        }
        double[] q = BenjaminiHochberg.adjustedP(p);
        for (int i = 0; i < p.length; i++) {
            assertTrue(q[i] >= p[i] && q[i] <= 1.0);
            for (int j = 0; j < 50; j++) {
                int other = random.nextInt(p.length);
                if (p[other] < p[i]) {
                    assertTrue(q[other] <= q[i], "q must not decrease as p grows");
                }
            }
        }
    }

    @Test
    void paperExampleClassesPerConfidenceLevel() {
        double[] z = new double[PAPER_P.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = i % 2 == 0 ? 2.0 : -2.0; // only the sign matters to the class
        }
        HotClass[] classes = BenjaminiHochberg.classifyFdr(z, PAPER_P);
        HotClass[] expected = {
            HotClass.HOT_99, HotClass.COLD_99, HotClass.HOT_99,          // p <= 0.0019, the 1 % cut-off
            HotClass.COLD_95,                                            // p <= 0.0095, the 5 % cut-off
            HotClass.HOT_90, HotClass.COLD_90, HotClass.HOT_90, HotClass.COLD_90, HotClass.HOT_90, // <= 0.0459
            HotClass.NOT_SIGNIFICANT, HotClass.NOT_SIGNIFICANT, HotClass.NOT_SIGNIFICANT,
            HotClass.NOT_SIGNIFICANT, HotClass.NOT_SIGNIFICANT, HotClass.NOT_SIGNIFICANT};
        assertArrayEquals(expected, classes);
    }

    @Test
    void fdrIsStricterThanTheUncorrectedBins() {
        // 0.02 and 0.08 pass the plain 95 % and 90 % bins, but among 100 null-looking tests they do not survive
        double[] p = new double[100];
        double[] z = new double[100];
        for (int i = 0; i < p.length; i++) {
            p[i] = 0.2 + 0.008 * i;
            z[i] = 0.5;
        }
        p[0] = 0.02;
        z[0] = 2.33;
        p[1] = 0.08;
        z[1] = 1.75;
        assertEquals(HotClass.HOT_95, HotClass.of(z[0], p[0]));
        HotClass[] classes = BenjaminiHochberg.classifyFdr(z, p);
        assertEquals(HotClass.NOT_SIGNIFICANT, classes[0]);
        assertEquals(HotClass.NOT_SIGNIFICANT, classes[1]);
    }

    @Test
    void classesAgreeWithAdjustedPValuesOnRandomMaps() {
        Random random = new Random(42);
        double[] z = new double[5000];
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = random.nextGaussian() * (i < 300 ? 4 : 1);
            p[i] = Significance.twoSidedP(z[i]);
        }
        HotClass[] classes = BenjaminiHochberg.classifyFdr(z, p);
        double[] q = BenjaminiHochberg.adjustedP(p);
        for (int i = 0; i < z.length; i++) {
            assertEquals(HotClass.of(z[i], q[i]), classes[i], "cell " + i);
        }
    }

    @Test
    void nanPValuesAreNotTests() {
        double[] p = {0.01, Double.NaN, 0.04};
        // m = 2: 0.04 <= 2·0.05/2 so both are significant at 5 %
        HotClass[] classes = BenjaminiHochberg.classifyFdr(new double[] {3, 3, 3}, p);
        assertArrayEquals(new HotClass[] {HotClass.HOT_95, HotClass.NOT_SIGNIFICANT, HotClass.HOT_95}, classes);
        double[] q = BenjaminiHochberg.adjustedP(p);
        assertEquals(0.02, q[0], 1e-15);
        assertTrue(Double.isNaN(q[1]));
        assertEquals(0.04, q[2], 1e-15);
    }

    @Test
    void rejectsPValuesOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> BenjaminiHochberg.adjustedP(new double[] {0.5, 1.2}));
        assertThrows(IllegalArgumentException.class,
                () -> BenjaminiHochberg.classifyFdr(new double[] {1.0}, new double[] {-0.1}));
        assertThrows(IllegalArgumentException.class,
                () -> BenjaminiHochberg.classifyFdr(new double[] {1.0, 2.0}, new double[] {0.1}));
    }
}
