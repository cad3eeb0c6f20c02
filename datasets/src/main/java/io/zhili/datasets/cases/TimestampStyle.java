package io.zhili.datasets.cases;

import java.time.LocalDate;

/**
 * How a source system writes the timestamps of a case row; the generator mixes all three forms the
 * cases contract allows, so readers are exercised on each.
 *
 * <p>Stateless and thread-safe.
 */
public enum TimestampStyle {
    /** ISO-8601 local time with the {@code +08:00} offset, whole seconds: {@code 2025-03-14T09:21:05+08:00}. */
    OFFSET,
    /** ISO-8601 UTC with {@code Z}, whole seconds: {@code 2025-03-14T01:21:05Z}. */
    UTC,
    /** Epoch milliseconds: {@code 1741915265123}. */
    EPOCH_MILLIS;

    private static final long SHANGHAI_OFFSET_MS = 8 * 3_600_000L;

    /** True when the form carries milliseconds; the ISO forms carry whole seconds. */
    public boolean keepsMillis() {
        return this == EPOCH_MILLIS;
    }

    /** The text of {@code epochMillis} in this form (ISO forms drop the milliseconds). */
    public String format(long epochMillis) {
        if (this == EPOCH_MILLIS) {
            return Long.toString(epochMillis);
        }
        long local = this == OFFSET ? epochMillis + SHANGHAI_OFFSET_MS : epochMillis;
        long secs = Math.floorDiv(local, 1000L);
        long day = Math.floorDiv(secs, 86_400L);
        int sod = (int) (secs - day * 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        StringBuilder sb = new StringBuilder(25);
        sb.append(date.getYear()).append('-');
        two(sb, date.getMonthValue()).append('-');
        two(sb, date.getDayOfMonth()).append('T');
        two(sb, sod / 3600).append(':');
        two(sb, sod / 60 % 60).append(':');
        two(sb, sod % 60);
        sb.append(this == OFFSET ? "+08:00" : "Z");
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
