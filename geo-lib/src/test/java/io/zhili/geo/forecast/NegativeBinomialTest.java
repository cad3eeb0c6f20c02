package io.zhili.geo.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NegativeBinomialTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void poissonQuantilesOfMeanTwo() {
        // Poisson(2): F(0) = e^-2 = 0.1353, F(4) = 0.9473, F(5) = 0.9834.
        assertEquals(0, NegativeBinomial.quantile(2, INF, 0.05));
        assertEquals(0, NegativeBinomial.quantile(2, INF, 0.1353));
        assertEquals(1, NegativeBinomial.quantile(2, INF, 0.1354));
        assertEquals(5, NegativeBinomial.quantile(2, INF, 0.95));
        assertEquals(4, NegativeBinomial.quantile(2, INF, 0.947));
    }

    @Test
    void geometricIsShapeOne() {
        // Shape 1, mean 3: P(k) = 0.25 · 0.75^k, F(k) = 1 − 0.75^(k+1).
        // 0.95: 0.75^(k+1) ≤ 0.05 ⇔ k + 1 ≥ 10.41 ⇒ k = 10; 0.5: k + 1 ≥ 2.41 ⇒ k = 2; 0.05: k = 0.
        assertEquals(10, NegativeBinomial.quantile(3, 1, 0.95));
        assertEquals(2, NegativeBinomial.quantile(3, 1, 0.5));
        assertEquals(0, NegativeBinomial.quantile(3, 1, 0.05));
        // F(9) = 1 − 0.75^10 = 0.94369: just below 0.944 the 9 is enough.
        assertEquals(9, NegativeBinomial.quantile(3, 1, 0.9436));
        assertEquals(10, NegativeBinomial.quantile(3, 1, 0.9437));
    }

    @Test
    void largeMeansDoNotUnderflow() {
        // Poisson(10 000): e^-10000 underflows; the quantiles are mean ± 1.645 sd within one count.
        long lo = NegativeBinomial.quantile(10_000, INF, 0.05);
        long hi = NegativeBinomial.quantile(10_000, INF, 0.95);
        assertEquals(10_000 - 164.5, lo, 2);
        assertEquals(10_000 + 164.5, hi, 2);
        // A huge shape is Poisson in all but name.
        assertEquals(hi, NegativeBinomial.quantile(10_000, 1e12, 0.95));
        // Over-dispersion widens: shape 100 gives sd √(10⁴ + 10⁶) ≈ 1005.
        assertEquals(10_000 + 1.645 * 1005, NegativeBinomial.quantile(10_000, 100, 0.95), 60);
    }

    @Test
    void zeroMeanAndBadArguments() {
        assertEquals(0, NegativeBinomial.quantile(0, 2, 0.95));
        assertThrows(IllegalArgumentException.class, () -> NegativeBinomial.quantile(-1, 2, 0.5));
        assertThrows(IllegalArgumentException.class, () -> NegativeBinomial.quantile(1, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> NegativeBinomial.quantile(1, 2, 1));
    }
}
