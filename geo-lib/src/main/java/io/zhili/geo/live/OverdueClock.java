package io.zhili.geo.live;

import io.zhili.geo.util.Timestamps;
import java.io.Serializable;

/**
 * The OVERDUE rules of a case under its service levels: the dispatch deadline is {@code verified_at} plus
 * the dispatch limit of the case's kind and class, the close deadline {@code reported_at} plus the close
 * limit. A step is overdue when it is still missing once event time (the watermark) has reached its
 * deadline, or when an event shows it happened after the deadline; an event showing it on time cancels
 * it. Immutable and serializable.
 */
public final class OverdueClock implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The two timed steps of a case. */
    public enum Step {
        /** From verification to dispatch ({@code OVERDUE_DISPATCH}). */
        DISPATCH,
        /** From report to close ({@code OVERDUE_CLOSE}). */
        CLOSE;

        /** The alert kind of this step. */
        public String alertKind() {
            return "OVERDUE_" + name();
        }
    }

    /** What a step's state means at some event time. */
    public enum Decision {
        /** No deadline yet (a dispatch before verification) or the deadline not reached, step missing. */
        PENDING,
        /** The step happened at or before its deadline. */
        ON_TIME,
        /** The step happened, after its deadline. */
        LATE,
        /** The step is missing and the deadline has passed. */
        OVERDUE
    }

    private final ServiceLevels levels;

    public OverdueClock(ServiceLevels levels) {
        this.levels = levels;
    }

    /** The limit of the step in milliseconds for a case of {@code kind} and 4-digit {@code minor} class. */
    public long limitMs(Step step, String kind, String minor) {
        return step == Step.DISPATCH ? levels.dispatchLimitMs(kind, minor) : levels.closeLimitMs(kind, minor);
    }

    /**
     * The step's deadline in epoch ms, or {@link Timestamps#EMPTY} when it has none yet (a dispatch deadline
     * before the case is verified).
     */
    public long deadline(Step step, String kind, String minor, long reportedAt, long verifiedAt) {
        long from = step == Step.DISPATCH ? verifiedAt : reportedAt;
        if (!Timestamps.isPresent(from)) {
            return Timestamps.EMPTY;
        }
        return from + limitMs(step, kind, minor);
    }

    /**
     * The step's decision at event time {@code now}.
     *
     * @param deadline the step's deadline or {@link Timestamps#EMPTY}
     * @param doneAt   when the step happened ({@code dispatched_at} or {@code closed_at}) or {@link Timestamps#EMPTY}
     */
    public static Decision decide(long deadline, long doneAt, long now) {
        if (!Timestamps.isPresent(deadline)) {
            return Decision.PENDING;
        }
        if (Timestamps.isPresent(doneAt)) {
            return doneAt <= deadline ? Decision.ON_TIME : Decision.LATE;
        }
        return now >= deadline ? Decision.OVERDUE : Decision.PENDING;
    }

    /** Whole minutes from the deadline to {@code at} (0 when not after it). */
    public static long minutesLate(long deadline, long at) {
        return Math.max(0, (at - deadline) / 60_000L);
    }
}
