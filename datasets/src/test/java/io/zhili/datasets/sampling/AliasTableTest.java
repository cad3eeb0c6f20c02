package io.zhili.datasets.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AliasTableTest {
    @Test
    void drawsInProportionToTheWeights() {
        AliasTable t = new AliasTable(new double[] {1, 0, 3, 6});
        SplittableRandom r = new SplittableRandom(1);
        int[] n = new int[4];
        int draws = 1_000_000;
        for (int i = 0; i < draws; i++) {
            n[t.sample(r)]++;
        }
        assertEquals(0, n[1], "a zero weight is never drawn");
        assertEquals(0.1, n[0] / (double) draws, 0.002);
        assertEquals(0.3, n[2] / (double) draws, 0.002);
        assertEquals(0.6, n[3] / (double) draws, 0.002);
    }

    @Test
    void sameSeedSameDraws() {
        AliasTable t = new AliasTable(new double[] {2, 5, 1});
        SplittableRandom a = Seeds.stream(42, Seeds.key("x"), 3);
        SplittableRandom b = Seeds.stream(42, Seeds.key("x"), 3);
        for (int i = 0; i < 1000; i++) {
            assertEquals(t.sample(a), t.sample(b));
        }
    }

    @Test
    void refusesWeightsThatAreNotADistribution() {
        assertThrows(IllegalArgumentException.class, () -> new AliasTable(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new AliasTable(new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new AliasTable(new double[] {1, -1}));
        assertThrows(IllegalArgumentException.class, () -> new AliasTable(new double[] {1, Double.NaN}));
    }
}
