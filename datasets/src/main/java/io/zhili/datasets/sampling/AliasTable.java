package io.zhili.datasets.sampling;

import java.util.random.RandomGenerator;

/**
 * Walker/Vose alias table: draws an index {@code i} with probability {@code weights[i] / sum(weights)}
 * in constant time (one uniform int and one uniform double per draw).
 *
 * <p>Weights must be finite and non-negative with a positive sum; an index of weight 0 is never drawn.
 * Immutable and thread-safe; the caller supplies the random generator (one per thread).
 */
public final class AliasTable {
    private final double[] probability;
    private final int[] alias;

    /**
     * @throws IllegalArgumentException for an empty array, a negative or non-finite weight, or a zero sum
     */
    public AliasTable(double[] weights) {
        int n = weights.length;
        if (n == 0) {
            throw new IllegalArgumentException("alias table needs at least one weight");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0, got " + w);
            }
            sum += w;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights sum to 0");
        }
        probability = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / sum;
            if (scaled[i] < 1.0) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            probability[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            if (scaled[l] < 1.0) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        // Left-overs are 1 up to rounding; zero-weight entries never end up here with a positive sum.
        while (nl > 0) {
            int l = large[--nl];
            probability[l] = 1.0;
            alias[l] = l;
        }
        while (ns > 0) {
            int s = small[--ns];
            probability[s] = weights[s] > 0 ? 1.0 : 0.0;
            alias[s] = weights[s] > 0 ? s : firstPositive(weights);
        }
    }

    private static int firstPositive(double[] weights) {
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                return i;
            }
        }
        throw new IllegalStateException("no positive weight");
    }

    /** Number of outcomes. */
    public int size() {
        return probability.length;
    }

    /** Draws one index. */
    public int sample(RandomGenerator random) {
        int i = random.nextInt(probability.length);
        return random.nextDouble() < probability[i] ? i : alias[i];
    }
}
