package io.zhili.geo.live;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The RECURRENCE rule of one component, as the batch job defines recurrence: a component recurs when at
 * least {@code cases} of its cases were reported within a closed window of {@code days} days. Live, the
 * alert is raised at the case that makes the count of the window ending at its report time reach exactly
 * {@code cases}. The report times are kept as an ascending {@code long[]} (the caller's state, one entry
 * per case id); times older than the window before the newest are dropped. Immutable and serializable.
 */
public final class RecurrenceCounter implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Default N of {@code --recurrence-cases}. */
    public static final int DEFAULT_CASES = 3;
    /** Default window of {@code --recurrence-days}. */
    public static final int DEFAULT_DAYS = 30;

    private final int cases;
    private final long windowMs;

    /** @throws IllegalArgumentException when {@code cases < 2} or {@code days < 1} */
    public RecurrenceCounter(int cases, int days) {
        if (cases < 2 || days < 1) {
            throw new IllegalArgumentException("recurrence needs at least 2 cases within at least 1 day, got " + cases + " in " + days);
        }
        this.cases = cases;
        this.windowMs = days * 86_400_000L;
    }

    public int cases() {
        return cases;
    }

    public long windowMs() {
        return windowMs;
    }

    /** The times with {@code reportedAt} inserted in order and the times too old to matter any more dropped. */
    public long[] add(long[] times, long reportedAt) {
        long[] base = times == null ? new long[0] : times;
        int at = Arrays.binarySearch(base, reportedAt);
        int pos = at >= 0 ? at : -at - 1;
        long[] next = new long[base.length + 1];
        System.arraycopy(base, 0, next, 0, pos);
        next[pos] = reportedAt;
        System.arraycopy(base, pos, next, pos + 1, base.length - pos);
        long newest = next[next.length - 1];
        int keep = 0;
        while (keep < next.length && next[keep] < newest - windowMs) {
            keep++;
        }
        return keep == 0 ? next : Arrays.copyOfRange(next, keep, next.length);
    }

    /** Cases reported in the closed window {@code [t - days, t]}. */
    public int countAt(long[] times, long t) {
        int n = 0;
        for (long r : times) {
            if (r >= t - windowMs && r <= t) {
                n++;
            }
        }
        return n;
    }

    /** Whether the case reported at {@code t}, already added to {@code times}, is the one that reaches N. */
    public boolean reachesAt(long[] times, long t) {
        return countAt(times, t) == cases;
    }

    /**
     * Whether the case at {@code t} raises a RECURRENCE alert: it {@link #reachesAt reaches N} and the
     * component's previous alert ({@code lastAlertAt}, {@link io.zhili.geo.util.Timestamps#EMPTY} for none)
     * is not within the window before it, so one run of faults raises one alert even when its first case
     * slides out of the window and a later one makes N again.
     */
    public boolean alertsAt(long[] times, long t, long lastAlertAt) {
        return reachesAt(times, t) && (!io.zhili.geo.util.Timestamps.isPresent(lastAlertAt) || lastAlertAt < t - windowMs);
    }
}
