package io.zhili.datasets.sampling;

/**
 * Splits an exact integer total into parts proportional to weights, so that generated tables have
 * exactly the row counts a scale promises (no Bernoulli noise in totals).
 *
 * <p>Stateless and thread-safe.
 */
public final class Allocation {
    private Allocation() {
    }

    /**
     * Largest-remainder (Hamilton) apportionment: parts sum to {@code total}, each within 1 of its exact
     * quota; ties go to the lower index. Weights must be non-negative with a positive sum.
     */
    public static int[] largestRemainder(long total, double[] weights) {
        return largestRemainder(total, weights, 0);
    }

    /**
     * Like {@link #largestRemainder(long, double[])} but every part with a positive weight gets at least
     * {@code minimum} (taken from the others' quotas first), so rare categories are never empty.
     *
     * @throws IllegalArgumentException when the minimums alone exceed the total
     */
    public static int[] largestRemainder(long total, double[] weights, int minimum) {
        int n = weights.length;
        double sum = 0;
        int positive = 0;
        for (double w : weights) {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("negative or NaN weight " + w);
            }
            sum += w;
            if (w > 0) {
                positive++;
            }
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights sum to 0");
        }
        long reserved = (long) minimum * positive;
        if (reserved > total) {
            throw new IllegalArgumentException("minimum " + minimum + " x " + positive + " parts exceeds total " + total);
        }
        long rest = total - reserved;
        int[] parts = new int[n];
        double[] remainder = new double[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            double quota = rest * weights[i] / sum;
            parts[i] = (int) Math.floor(quota);
            remainder[i] = quota - parts[i];
            assigned += parts[i];
        }
        long left = rest - assigned;
        while (left > 0) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (weights[i] > 0 && (best < 0 || remainder[i] > remainder[best])) {
                    best = i;
                }
            }
            parts[best]++;
            remainder[best] = -1;
            left--;
        }
        if (minimum > 0) {
            for (int i = 0; i < n; i++) {
                if (weights[i] > 0) {
                    parts[i] += minimum;
                }
            }
        }
        return parts;
    }

    /**
     * Spreads {@code total} over consecutive units of sizes {@code sizes} in proportion to the sizes, by
     * cumulative rounding: unit {@code i} gets {@code floor(total*S(i+1)/S) - floor(total*S(i)/S)} where
     * {@code S(i)} is the sum of the first {@code i} sizes. The parts sum to {@code total} exactly and each
     * is within 1 of its quota, whatever the sizes.
     */
    public static int[] cumulative(long total, long[] sizes) {
        long sum = 0;
        for (long s : sizes) {
            sum += s;
        }
        int[] parts = new int[sizes.length];
        if (sum == 0) {
            if (total != 0) {
                throw new IllegalArgumentException("cannot spread " + total + " over empty units");
            }
            return parts;
        }
        long cum = 0;
        long previous = 0;
        for (int i = 0; i < sizes.length; i++) {
            cum += sizes[i];
            long upTo = Math.floorDiv(multiplyExact(total, cum), sum);
            parts[i] = (int) (upTo - previous);
            previous = upTo;
        }
        return parts;
    }

    private static long multiplyExact(long a, long b) {
        return Math.multiplyExact(a, b);
    }
}
