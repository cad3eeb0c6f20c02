package io.zhili.geo.util;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Parses the timestamps of the input contracts into epoch milliseconds: ISO-8601 with an offset or
 * {@code Z} ({@code 2025-03-05T08:12:33+08:00}, optional fraction), or epoch milliseconds (digits).
 *
 * <p>The common fixed-width ISO form is parsed by hand because it sits on the hot path of every case
 * row (five timestamps each); anything else falls back to {@link OffsetDateTime#parse}. A timestamp
 * without an offset is refused: the contract requires one, and guessing a zone would shift peaks.
 * Thread-safe and allocation-free on the fast path.
 */
public final class Timestamps {
    /** Returned by {@link #parseMillis} for an empty field: the lifecycle step was not reached. */
    public static final long EMPTY = Long.MIN_VALUE;
    /** Returned by {@link #parseMillis} for a field that is not a timestamp. */
    public static final long INVALID = Long.MIN_VALUE + 1;

    /** Local time for hours, days and permits in the contracts. */
    public static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");

    /** 2000-01-01T00:00Z: the earliest instant any input contract accepts (GPS reports and cases alike). */
    public static final long MIN_PLAUSIBLE = 946_684_800_000L;
    /** 2100-01-01T00:00Z, exclusive: the end of the accepted range. */
    public static final long MAX_PLAUSIBLE = 4_102_444_800_000L;

    private Timestamps() {
    }

    /**
     * Whether an instant lies in 2000..2100, the range every input contract accepts. Earlier or later
     * values are almost always units gone wrong (seconds sent as milliseconds, a zeroed clock), and the
     * hotspot job's period keys only need to cover this range.
     */
    public static boolean plausible(long millis) {
        return millis >= MIN_PLAUSIBLE && millis < MAX_PLAUSIBLE;
    }

    /** True for a value that is neither {@link #EMPTY} nor {@link #INVALID}. */
    public static boolean isPresent(long millis) {
        return millis != EMPTY && millis != INVALID;
    }

    /**
     * Epoch milliseconds of {@code text}, {@link #EMPTY} for null or blank text, {@link #INVALID} when
     * it is not ISO-8601 with an offset nor epoch milliseconds.
     */
    public static long parseMillis(String text) {
        if (text == null) {
            return EMPTY;
        }
        int len = text.length();
        if (len == 0 || text.isBlank()) {
            return EMPTY;
        }
        if (allDigits(text)) {
            return len <= 15 ? Long.parseLong(text) : INVALID;
        }
        long fast = parseFixedIso(text);
        if (fast != INVALID) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return INVALID;
        }
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** yyyy-MM-ddTHH:mm:ss[.SSS](Z|+HH:MM|-HH:MM); INVALID when the text has another shape. */
    private static long parseFixedIso(String s) {
        int len = s.length();
        if (len < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return INVALID;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
            return INVALID;
        }
        int pos = 19;
        int millis = 0;
        if (pos < len && s.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < len && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            int n = pos - start;
            if (n == 0 || n > 9) {
                return INVALID;
            }
            millis = digits(s, start, Math.min(3, n));
            for (int i = n; i < 3; i++) {
                millis *= 10;
            }
        }
        if (pos >= len) {
            return INVALID;
        }
        int offsetSeconds;
        char sign = s.charAt(pos);
        if (sign == 'Z' && pos == len - 1) {
            offsetSeconds = 0;
        } else if ((sign == '+' || sign == '-') && pos + 6 == len && s.charAt(pos + 3) == ':') {
            int oh = digits(s, pos + 1, 2);
            int om = digits(s, pos + 4, 2);
            if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                return INVALID;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
        } else {
            return INVALID;
        }
        long epochDay = epochDay(year, month, day);
        long secs = epochDay * 86400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return secs * 1000L + millis;
    }

    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4: case 6: case 9: case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm). */
    private static long epochDay(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
