package io.zhili.geo.live;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A category's city-wide seasonal profile: the share of its weekly cases in each of the 168 local hours of
 * the week (0 = Monday 00:00–01:00 Asia/Shanghai … 167 = Sunday 23:00–24:00), and from it the expected
 * cases of a series with a weekly level in any time interval: the sum over the hours overlapped of
 * {@code weekly_level × share × fraction of the hour overlapped}. Immutable and serializable.
 */
public final class HourOfWeekProfile implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Hours in a week. */
    public static final int HOURS = 168;
    private static final long HOUR_MS = 3_600_000L;
    /** Asia/Shanghai has kept UTC+8 without daylight saving since 1991. */
    private static final long CITY_OFFSET_MS = 8 * HOUR_MS;
    /** 1970-01-01 was a Thursday: the first local Monday 00:00 is 4 days after the epoch (day 0 = Thursday). */
    private static final long MONDAY_SHIFT_HOURS = 4 * 24;
    /** Every hour the same share: the profile of a category without history. */
    public static final HourOfWeekProfile UNIFORM = new HourOfWeekProfile(uniform());

    private final double[] share;

    private static double[] uniform() {
        double[] s = new double[HOURS];
        Arrays.fill(s, 1.0 / HOURS);
        return s;
    }

    /**
     * @param share 168 non-negative shares; they are normalised to sum to 1 (all zero: uniform)
     * @throws IllegalArgumentException when there are not 168 finite non-negative shares
     */
    public HourOfWeekProfile(double[] share) {
        if (share.length != HOURS) {
            throw new IllegalArgumentException("expected " + HOURS + " hourly shares, got " + share.length);
        }
        double sum = 0;
        for (double s : share) {
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("share " + s + " is not a finite non-negative number");
            }
            sum += s;
        }
        this.share = new double[HOURS];
        for (int h = 0; h < HOURS; h++) {
            this.share[h] = sum > 0 ? share[h] / sum : 1.0 / HOURS;
        }
    }

    /** The local hour of the week (0 = Monday 00:00) of an instant in epoch milliseconds. */
    public static int hourOfWeek(long epochMs) {
        long localHour = Math.floorDiv(epochMs + CITY_OFFSET_MS, HOUR_MS);
        return (int) Math.floorMod(localHour - MONDAY_SHIFT_HOURS, (long) HOURS);
    }

    /** Epoch milliseconds of the local (Asia/Shanghai) midnight at or before {@code epochMs}. */
    public static long localMidnight(long epochMs) {
        long day = 24 * HOUR_MS;
        return Math.floorDiv(epochMs + CITY_OFFSET_MS, day) * day - CITY_OFFSET_MS;
    }

    /** The share of hour-of-week {@code h}. */
    public double share(int h) {
        return share[h];
    }

    /** Expected cases in {@code [t0, t1)} of a series expecting {@code weeklyLevel} cases a week; 0 when empty. */
    public double expected(double weeklyLevel, long t0, long t1) {
        if (t1 <= t0 || weeklyLevel <= 0) {
            return 0;
        }
        double sum = 0;
        long t = t0;
        while (t < t1) {
            long hourEnd = (Math.floorDiv(t, HOUR_MS) + 1) * HOUR_MS; // local hours start on UTC hours (+8 h)
            long end = Math.min(hourEnd, t1);
            sum += share[hourOfWeek(t)] * (end - t) / (double) HOUR_MS;
            t = end;
        }
        return weeklyLevel * sum;
    }
}
