package io.zhili.geo.forecast;

import java.util.Arrays;

/**
 * The share of a category's weekly cases in each of the 168 hours of the local week (0 = Monday
 * 00:00–01:00 … 167 = Sunday 23:00–24:00). The raw shares of a small category are noisy and often zero, so
 * they are smoothed toward a prior profile with a fixed number of pseudo-cases:
 * {@code share[h] = (cases[h] + priorCases × prior[h]) / (total + priorCases)}. With a positive prior in
 * every hour no share is zero, and the shares sum to 1; a category with many cases keeps its own profile.
 */
public final class HourOfWeekProfile {
    public static final int HOURS = 168;

    private HourOfWeekProfile() {
    }

    /** Hour of the week of an ISO day of week (1 = Monday … 7 = Sunday) and a local hour 0–23. */
    public static int hourOfWeek(int isoDayOfWeek, int hour) {
        if (isoDayOfWeek < 1 || isoDayOfWeek > 7 || hour < 0 || hour > 23) {
            throw new IllegalArgumentException("day of week 1-7 and hour 0-23, not " + isoDayOfWeek + "/" + hour);
        }
        return (isoDayOfWeek - 1) * 24 + hour;
    }

    /** The flat week: 1/168 in every hour (the prior of category {@code ALL}). */
    public static double[] uniform() {
        double[] shares = new double[HOURS];
        Arrays.fill(shares, 1.0 / HOURS);
        return shares;
    }

    /**
     * Smoothed shares of {@code cases} (168 counts) toward {@code prior} (168 positive shares summing to 1).
     */
    public static double[] smooth(long[] cases, double[] prior, double priorCases) {
        if (cases.length != HOURS || prior.length != HOURS) {
            throw new IllegalArgumentException("an hour-of-week profile has " + HOURS + " hours");
        }
        if (!(priorCases > 0)) {
            throw new IllegalArgumentException("priorCases must be positive");
        }
        long total = 0;
        for (long c : cases) {
            if (c < 0) {
                throw new IllegalArgumentException("negative count " + c);
            }
            total += c;
        }
        double[] shares = new double[HOURS];
        double sum = 0;
        for (int h = 0; h < HOURS; h++) {
            if (!(prior[h] > 0)) {
                throw new IllegalArgumentException("prior share of hour " + h + " must be positive, not " + prior[h]);
            }
            shares[h] = (cases[h] + priorCases * prior[h]) / (total + priorCases);
            sum += shares[h];
        }
        // Rounding of the prior's shares aside, the sum is 1; divide it out so readers can rely on it.
        for (int h = 0; h < HOURS; h++) {
            shares[h] /= sum;
        }
        return shares;
    }
}
