package io.zhili.geo.fence;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Daily time windows in Asia/Shanghai local time, as written in the {@code hours} property of
 * routes (permit hours) and zones (ban hours): {@code "22:00-06:00"} (wraps midnight: 22:00 to
 * 06:00 next morning), several windows separated by commas {@code "07:00-09:00,17:00-19:00"}, and
 * {@code "00:00-24:00"} for all day. Start is inclusive, end exclusive, at minute resolution.
 *
 * <p>Membership is a lookup in a 1440-bit mask, so {@link #contains(long)} costs a division and a
 * bit test. Immutable and thread-safe.
 */
public final class HoursWindow implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int MINUTES = 1440;

    /** The whole day. */
    public static final HoursWindow ALL_DAY = parse("00:00-24:00");

    private final long[] mask;
    private final String text;

    private HoursWindow(String text, long[] mask) {
        this.text = text;
        this.mask = mask;
    }

    /**
     * Parses the {@code hours} text.
     *
     * @throws IllegalArgumentException with a one-line reason for text that is not
     *                                  {@code HH:MM-HH:MM[,HH:MM-HH:MM...]}, an hour over 24, a
     *                                  minute over 59, or a window that starts where it ends
     */
    public static HoursWindow parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("hours is empty; expected HH:MM-HH:MM such as 22:00-06:00");
        }
        List<String> canonical = new ArrayList<>();
        long[] mask = new long[(MINUTES + 63) / 64];
        for (String part : text.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            if (dash < 0) {
                throw new IllegalArgumentException("hours '" + text + "': '" + p + "' is not HH:MM-HH:MM");
            }
            int start = minuteOf(text, p.substring(0, dash).trim(), false);
            int end = minuteOf(text, p.substring(dash + 1).trim(), true);
            if (start == end) {
                throw new IllegalArgumentException("hours '" + text + "': window '" + p + "' is empty");
            }
            if (start < end) {
                set(mask, start, end);
            } else {
                set(mask, start, MINUTES);
                set(mask, 0, end);
            }
            canonical.add(format(start) + "-" + format(end));
        }
        return new HoursWindow(String.join(",", canonical), mask);
    }

    /** True when the local time of {@code epochMs} falls in one of the windows. */
    public boolean contains(long epochMs) {
        return containsMinute(ShanghaiClock.minuteOfDay(epochMs));
    }

    /** True when local minute of day {@code minute} (0..1439) falls in one of the windows. */
    public boolean containsMinute(int minute) {
        return (mask[minute >>> 6] & (1L << minute)) != 0;
    }

    /** True when every minute of the day is inside. */
    public boolean isAllDay() {
        for (int m = 0; m < MINUTES; m++) {
            if (!containsMinute(m)) {
                return false;
            }
        }
        return true;
    }

    /** The canonical text, e.g. {@code 22:00-06:00}; {@link #parse} of it gives an equal window. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HoursWindow h && Arrays.equals(mask, h.mask);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mask);
    }

    private static void set(long[] mask, int from, int to) {
        for (int m = from; m < to; m++) {
            mask[m >>> 6] |= 1L << m;
        }
    }

    private static int minuteOf(String text, String hhmm, boolean end) {
        int colon = hhmm.indexOf(':');
        if (colon < 1 || colon != hhmm.length() - 3) {
            throw new IllegalArgumentException("hours '" + text + "': '" + hhmm + "' is not HH:MM");
        }
        int h;
        int m;
        try {
            h = Integer.parseInt(hhmm.substring(0, colon));
            m = Integer.parseInt(hhmm.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hours '" + text + "': '" + hhmm + "' is not HH:MM");
        }
        if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && (m != 0 || !end))) {
            throw new IllegalArgumentException("hours '" + text + "': '" + hhmm + "' is not a time of day"
                    + (h == 24 ? " (24:00 only as an end)" : ""));
        }
        return h * 60 + m;
    }

    private static String format(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
