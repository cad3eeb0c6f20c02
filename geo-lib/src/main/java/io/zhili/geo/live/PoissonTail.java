package io.zhili.geo.live;

/**
 * The upper tail of the Poisson distribution, {@code P(X >= k)} for {@code X ~ Poisson(mean)}: how
 * improbable a count at least this high is when the forecast expects {@code mean}. Summed from {@code k}
 * upward in log space, so tails far below {@code 1e-300} relative error stay accurate where
 * {@code 1 - CDF} would round to zero. Stateless.
 */
public final class PoissonTail {
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};

    private PoissonTail() {
    }

    /**
     * {@code P(X >= k)}; 1 for {@code k <= 0}; for {@code mean <= 0} 0 unless {@code k <= 0}.
     *
     * @throws IllegalArgumentException when {@code mean} is NaN or infinite
     */
    public static double upper(double mean, long k) {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean " + mean + " is not finite");
        }
        if (k <= 0) {
            return 1.0;
        }
        if (mean <= 0) {
            return 0.0;
        }
        if (k <= mean) {
            // The bulk: 1 - CDF(k - 1) is accurate here, and the upward sum would need many terms.
            double cdf = 0;
            double logTerm = -mean;
            for (long i = 0; i < k; i++) {
                if (i > 0) {
                    logTerm += Math.log(mean) - Math.log(i);
                }
                cdf += Math.exp(logTerm);
            }
            return Math.max(0.0, Math.min(1.0, 1.0 - cdf));
        }
        // Above the mean the terms fall geometrically: sum them until they no longer change the total.
        double logTerm = -mean + k * Math.log(mean) - logFactorial(k);
        double term = Math.exp(logTerm);
        double sum = 0;
        for (long i = k; term > 0 && term > sum * 1e-17; i++) {
            sum += term;
            term *= mean / (i + 1);
        }
        return Math.min(1.0, sum);
    }

    /** {@code ln(n!)}: exact sum for small n, Lanczos' log-gamma above. */
    static double logFactorial(long n) {
        if (n < 2) {
            return 0;
        }
        if (n < 64) {
            double s = 0;
            for (long i = 2; i <= n; i++) {
                s += Math.log(i);
            }
            return s;
        }
        return logGamma(n + 1.0);
    }

    private static double logGamma(double x) {
        double z = x - 1;
        double a = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < 9; i++) {
            a += LANCZOS[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
