package io.zhili.geo.forecast;

/**
 * Quantiles of the negative binomial distribution given by its mean and shape (the Poisson-gamma mixture:
 * a Poisson count whose rate is gamma distributed with that shape), with the Poisson distribution as the
 * limit of an infinite shape. Variance = mean + mean² / shape.
 *
 * <p>The probabilities are summed outward from the mode by the ratio of neighbouring terms and normalised
 * by their sum, so no term underflows however large the mean (a Poisson(10 000) starts at e^-10000).
 */
public final class NegativeBinomial {
    /** Terms below this fraction of the mode's are left out (far below double precision of the sum). */
    private static final double LOG_TAIL = -46;

    private NegativeBinomial() {
    }

    /**
     * The smallest count k with P(X ≤ k) ≥ q.
     *
     * @param mean  ≥ 0; a mean of 0 gives 0
     * @param shape &gt; 0, or {@link Double#POSITIVE_INFINITY} for Poisson
     * @param q     in (0, 1)
     */
    public static long quantile(double mean, double shape, double q) {
        if (!(mean >= 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("mean must be finite and >= 0, not " + mean);
        }
        if (!(shape > 0)) {
            throw new IllegalArgumentException("shape must be > 0, not " + shape);
        }
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("q must be in (0, 1), not " + q);
        }
        if (mean == 0) {
            return 0;
        }
        boolean poisson = Double.isInfinite(shape);
        // log(1 - p) of the NB(shape, p) parametrisation: log(mean / (shape + mean)).
        double logFail = poisson ? 0 : Math.log(mean / (shape + mean));
        long mode = poisson ? (long) Math.floor(mean) : shape <= 1 ? 0 : (long) Math.floor((shape - 1) * mean / shape);
        // Pass 1: the extent of the terms that matter and their sum, relative to the mode's term.
        double total = 1;
        double logTerm = 0;
        long k = mode;
        while (k > 0) {
            double next = logTerm - logRatio(k - 1, mean, shape, poisson, logFail);
            if (next < LOG_TAIL) {
                break;
            }
            logTerm = next;
            k--;
            total += Math.exp(logTerm);
        }
        long lowest = k;
        double logLowest = logTerm;
        logTerm = 0;
        k = mode;
        while (true) {
            double next = logTerm + logRatio(k, mean, shape, poisson, logFail);
            if (next < LOG_TAIL) {
                break;
            }
            logTerm = next;
            k++;
            total += Math.exp(logTerm);
        }
        long highest = k;
        // Pass 2: cumulate from the left end up to q of the total.
        double target = q * total * (1 - 1e-12);
        double cumulative = 0;
        logTerm = logLowest;
        for (k = lowest; k < highest; k++) {
            cumulative += Math.exp(logTerm);
            if (cumulative >= target) {
                return k;
            }
            logTerm += logRatio(k, mean, shape, poisson, logFail);
        }
        return highest;
    }

    /** log(P(k+1) / P(k)). */
    private static double logRatio(long k, double mean, double shape, boolean poisson, double logFail) {
        return poisson ? Math.log(mean / (k + 1)) : Math.log((k + shape) / (k + 1)) + logFail;
    }
}
