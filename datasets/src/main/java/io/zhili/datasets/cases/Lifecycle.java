package io.zhili.datasets.cases;

import java.util.SplittableRandom;

/**
 * Realistic handling delays of a case: reported -> verified (depends on the source: a patrol inspector
 * verifies on the spot, a citizen report waits for an inspector to check it, a satellite change for a field
 * visit), verified -> dispatched (about 15 minutes; non-urgent cases verified at night wait for the 08:00
 * shift), dispatched -> disposed (by {@link Urgency}), disposed -> closed (the inspector checks the repair,
 * about 2 hours). All delays are log-normal.
 *
 * <p>Stateless and thread-safe.
 */
public final class Lifecycle {
    /** Index of each lifecycle timestamp in a {@code long[5]}. */
    public static final int REPORTED = 0;
    public static final int VERIFIED = 1;
    public static final int DISPATCHED = 2;
    public static final int DISPOSED = 3;
    public static final int CLOSED = 4;
    /** Marks a timestamp that was not reached (an empty CSV field). */
    public static final long EMPTY = Long.MIN_VALUE;

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long SHANGHAI = 8 * HOUR;

    private Lifecycle() {
    }

    /**
     * Fills {@code ts[VERIFIED..CLOSED]} from {@code ts[REPORTED]}: a complete, closed lifecycle, non-decreasing.
     * Whole seconds when {@code wholeSeconds}.
     */
    public static void complete(long[] ts, CaseSource source, Urgency urgency, boolean wholeSeconds,
                                SplittableRandom r) {
        long verified = ts[REPORTED] + minutes(r, source.verifyMedianMinutes(), source.verifySigma());
        long dispatched = verified + minutes(r, urgency == Urgency.URGENT ? 5 : 15, 0.8);
        if (urgency != Urgency.URGENT) {
            long local = Math.floorMod(verified + SHANGHAI, DAY);
            if (local >= 22 * HOUR || local < 7 * HOUR + 30 * MINUTE) {
                long nextEight = verified - local + (local >= 22 * HOUR ? DAY : 0) + 8 * HOUR;
                dispatched = Math.max(dispatched, nextEight + minutes(r, 20, 0.6));
            }
        }
        long disposed = dispatched + minutes(r, urgency.medianDisposeMinutes(), 0.8);
        long closed = disposed + Math.max(5 * MINUTE, minutes(r, 120, 1.0));
        ts[VERIFIED] = verified;
        ts[DISPATCHED] = dispatched;
        ts[DISPOSED] = disposed;
        ts[CLOSED] = closed;
        if (wholeSeconds) {
            for (int i = 0; i < ts.length; i++) {
                ts[i] = Math.floorDiv(ts[i], 1000L) * 1000L;
            }
        }
    }

    /**
     * Makes a case still open: the lifecycle stops before a stage drawn as 10 % unverified, 20 % verified
     * but not dispatched, 40 % dispatched but not disposed, 30 % disposed but not closed. Returns the first
     * empty stage.
     */
    public static int stopEarly(long[] ts, SplittableRandom r) {
        double u = r.nextDouble();
        int first = u < 0.1 ? VERIFIED : u < 0.3 ? DISPATCHED : u < 0.7 ? DISPOSED : CLOSED;
        for (int i = first; i < ts.length; i++) {
            ts[i] = EMPTY;
        }
        return first;
    }

    private static long minutes(SplittableRandom r, double median, double sigma) {
        double m = median * Math.exp(sigma * r.nextGaussian());
        return Math.max(MINUTE / 2, Math.round(m * MINUTE));
    }
}
