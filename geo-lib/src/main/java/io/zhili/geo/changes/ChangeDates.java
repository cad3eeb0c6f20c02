package io.zhili.geo.changes;

import io.zhili.geo.util.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Dates of the change inputs as epoch days: {@code yyyy-MM-dd}, or a timestamp (ISO-8601 with offset,
 * epoch milliseconds, a Parquet timestamp) taken as its local date in Asia/Shanghai. Stateless.
 */
public final class ChangeDates {
    /** The text is empty. */
    public static final int EMPTY = Integer.MIN_VALUE;
    /** The text is not a date. */
    public static final int INVALID = Integer.MIN_VALUE + 1;

    private ChangeDates() {
    }

    public static int parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        String t = text.trim();
        if (t.length() == 10 && t.charAt(4) == '-' && t.charAt(7) == '-') {
            try {
                return (int) LocalDate.parse(t).toEpochDay();
            } catch (DateTimeParseException e) {
                return INVALID;
            }
        }
        long millis = Timestamps.parseMillis(t);
        if (millis == Timestamps.INVALID || millis == Timestamps.EMPTY) {
            return INVALID;
        }
        return (int) Instant.ofEpochMilli(millis).atZone(Timestamps.CITY_ZONE).toLocalDate().toEpochDay();
    }

    /** Whether {@code day} is a parsed date. */
    public static boolean valid(int day) {
        return day != EMPTY && day != INVALID;
    }

    public static String format(int day) {
        return LocalDate.ofEpochDay(day).toString();
    }
}
