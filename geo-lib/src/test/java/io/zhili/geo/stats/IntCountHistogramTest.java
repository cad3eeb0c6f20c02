package io.zhili.geo.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntCountHistogramTest {

    private static IntCountHistogram of(int... values) {
        IntCountHistogram h = new IntCountHistogram();
        for (int v : values) {
            h.add(v);
        }
        return h;
    }

    /** Nearest rank on a sorted array, with the rank ⌈q·N⌉ computed in exact decimal arithmetic. */
    private static int nearestRank(int[] sorted, double q) {
        int rank = new BigDecimal(Double.toString(q)).multiply(BigDecimal.valueOf(sorted.length))
                .setScale(0, RoundingMode.CEILING).intValueExact();
        return sorted[Math.max(1, rank) - 1];
    }

    /** Hyndman and Fan type 7 on a sorted array. */
    private static double linear(int[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    @Test
    void fourValuesByHand() {
        IntCountHistogram h = of(3, 1, 4, 2);
        assertEquals(2.0, h.percentile(0.5));        // ⌈0.5·4⌉ = 2nd value
        assertEquals(4.0, h.percentile(0.9));        // ⌈3.6⌉ = 4th value
        assertEquals(1.0, h.percentile(0.0));
        assertEquals(4.0, h.percentile(1.0));
        assertEquals(2.5, h.percentileLinear(0.5));  // h = 1.5
        assertEquals(3.7, h.percentileLinear(0.9), 1e-12); // h = 2.7: 3 + 0.7·(4 − 3)
        assertEquals(4, h.count());
        assertEquals(4, h.distinctValues());
    }

    @Test
    void decimalQuantileIsTakenAsWritten() {
        int[] values = new int[30];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        // 0.1·30 is 3.0000000000000004 in binary; the 10th percentile is still the 3rd value
        assertEquals(3.0, of(values).percentile(0.1));
        assertEquals(27.0, of(values).percentile(0.9));
    }

    @Test
    void percentilesOfMergedPartialsMatchTheSortedArray() {
        Random random = new Random(11);
        int n = 200_000;
        int[] values = new int[n];
        IntCountHistogram[] partials = new IntCountHistogram[7];
        for (int p = 0; p < partials.length; p++) {
            partials[p] = new IntCountHistogram();
        }
        for (int i = 0; i < n; i++) {
            // handling times in minutes: log-normal around an hour, a long tail of several days
            values[i] = (int) Math.round(Math.exp(4 + 1.3 * random.nextGaussian()));
            partials[random.nextInt(partials.length)].add(values[i]);
        }
        IntCountHistogram merged = new IntCountHistogram();
        for (IntCountHistogram p : partials) {
            merged.merge(p);
        }
        Arrays.sort(values);
        assertEquals(n, merged.count());
        for (double q : new double[] {0, 0.01, 0.1, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1}) {
            assertEquals(nearestRank(values, q), merged.percentile(q), "nearest rank q = " + q);
            assertEquals(linear(values, q), merged.percentileLinear(q), 1e-9, "linear q = " + q);
        }
    }

    @Test
    void repeatedValuesAndCountsAgreeWithSortedArray() {
        int[] values = {7, 7, 7, 0, 0, 15, 15, 15, 15, 42};
        IntCountHistogram h = new IntCountHistogram();
        h.add(7, 3);
        h.add(0, 2);
        h.add(15, 4);
        h.add(42);
        h.add(99, 0); // no occurrence: changes nothing
        Arrays.sort(values);
        for (int step = 0; step <= 20; step++) {
            double q = step / 20.0;
            assertEquals(nearestRank(values, q), h.percentile(q), "q = " + q);
            assertEquals(linear(values, q), h.percentileLinear(q), 1e-12, "q = " + q);
        }
        assertEquals(4, h.countOf(15));
        assertEquals(0, h.countOf(99));
        assertEquals(0, h.countOf(-3));
    }

    @Test
    void mergeLeavesTheOtherHistogramUnchanged() {
        IntCountHistogram a = of(1, 2, 2);
        IntCountHistogram b = of(2, 9);
        a.merge(b);
        assertEquals(of(1, 2, 2, 2, 9), a);
        assertEquals(of(9, 2), b);
        assertEquals(of(1, 2, 2, 2, 9).hashCode(), a.hashCode());
        assertNotEquals(of(1, 2), of(1, 3));
    }

    @Test
    void serialisedFormIsDeltaAndCountVarints() {
        IntCountHistogram h = new IntCountHistogram();
        h.add(200, 3);
        h.add(5, 2);
        h.add(7);
        // format 1, 3 values; (5, ×2), (+2 → 7, ×1), (+193 → 200, ×3); 193 = 0xC1 0x01 as a varint
        byte[] expected = {1, 3, 5, 2, 2, 1, (byte) 0xC1, 0x01, 3};
        assertArrayEquals(expected, h.toBytes());
        assertEquals(h, IntCountHistogram.fromBytes(expected));
    }

    @Test
    void serialisationRoundTripsLargeHistograms() {
        Random random = new Random(5);
        IntCountHistogram h = new IntCountHistogram();
        for (int i = 0; i < 50_000; i++) {
            h.add(random.nextInt(1_000_000), 1 + random.nextInt(3));
        }
        h.add(Integer.MAX_VALUE, 5_000_000_000L);
        IntCountHistogram back = IntCountHistogram.fromBytes(h.toBytes());
        assertEquals(h, back);
        assertEquals(h.percentile(0.5), back.percentile(0.5));
        assertEquals(Integer.MAX_VALUE, back.percentile(1.0));
    }

    @Test
    void emptyHistogramHasNoPercentilesAndSerialisesToTwoBytes() {
        IntCountHistogram h = new IntCountHistogram();
        assertTrue(h.isEmpty());
        assertTrue(Double.isNaN(h.percentile(0.5)));
        assertTrue(Double.isNaN(h.percentileLinear(0.5)));
        assertArrayEquals(new byte[] {1, 0}, h.toBytes());
        assertEquals(h, IntCountHistogram.fromBytes(new byte[] {1, 0}));
    }

    @Test
    void malformedBytesAreRejectedWithTheReason() {
        assertEquals("unknown histogram format 2, expected 1",
                assertThrows(IllegalArgumentException.class,
                        () -> IntCountHistogram.fromBytes(new byte[] {2, 0})).getMessage());
        assertEquals("histogram bytes truncated at byte 4",
                assertThrows(IllegalArgumentException.class,
                        () -> IntCountHistogram.fromBytes(new byte[] {1, 2, 5, 1})).getMessage());
        assertEquals("1 trailing bytes after the histogram",
                assertThrows(IllegalArgumentException.class,
                        () -> IntCountHistogram.fromBytes(new byte[] {1, 1, 5, 1, 0})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> IntCountHistogram.fromBytes(new byte[] {1, 1, 5, 0}));
        assertThrows(IllegalArgumentException.class, () -> IntCountHistogram.fromBytes(new byte[] {1, 2, 5, 1, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> IntCountHistogram.fromBytes(new byte[0]));
    }

    @Test
    void rejectsNegativeValuesCountsAndQuantiles() {
        IntCountHistogram h = of(1);
        assertThrows(IllegalArgumentException.class, () -> h.add(-1));
        assertThrows(IllegalArgumentException.class, () -> h.add(3, -2));
        assertThrows(IllegalArgumentException.class, () -> h.percentile(1.5));
        assertThrows(IllegalArgumentException.class, () -> h.percentileLinear(Double.NaN));
    }
}
