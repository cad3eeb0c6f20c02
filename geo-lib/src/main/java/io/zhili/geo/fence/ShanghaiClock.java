package io.zhili.geo.fence;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Local time in Asia/Shanghai for permit dates and hours windows, computed with integer arithmetic
 * on the hot path.
 *
 * <p>China Standard Time is a fixed UTC+8 since 1991 (no daylight saving), so for event times from
 * 2000 on, the local date and minute of day follow from epoch milliseconds without a time-zone
 * lookup; {@link #ZONE} is there for code that formats dates.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShanghaiClock {
    /** Asia/Shanghai, the local time of hours and permits. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** UTC offset of China Standard Time in milliseconds. */
    public static final long OFFSET_MS = 8L * 3600_000L;
    private static final long DAY_MS = 86_400_000L;

    private ShanghaiClock() {
    }

    /** Local minute of the day, 0..1439. */
    public static int minuteOfDay(long epochMs) {
        return (int) (Math.floorMod(epochMs + OFFSET_MS, DAY_MS) / 60_000L);
    }

    /** Local calendar date as days since 1970-01-01 (comparable with {@link LocalDate#toEpochDay()}). */
    public static long epochDay(long epochMs) {
        return Math.floorDiv(epochMs + OFFSET_MS, DAY_MS);
    }

    /** Epoch milliseconds of local midnight starting {@code date}. */
    public static long startOfDay(LocalDate date) {
        return date.toEpochDay() * DAY_MS - OFFSET_MS;
    }
}
