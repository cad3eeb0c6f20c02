package io.zhili.jobs.trucks;

/**
 * Names of the truck job's Flink accumulators, which {@code run.json} reports. They add up over
 * subtasks; after a restart from a checkpoint they count what the final attempts saw, so a run
 * that recovered from a failure under-reports records processed before the failure.
 */
public final class TruckCounters {
    /** Raw records read from the source. */
    public static final String GPS_READ = "gps.read";
    /** Prefix of the dead-letter counts by {@link io.zhili.geo.trucks.GpsRejectReason}. */
    public static final String DEAD_LETTER_PREFIX = "gps.dead_letter.";
    /** Prefix of the per-{@link io.zhili.geo.trucks.PointVerdict} counts (accepted, duplicate, jump, out_of_order). */
    public static final String POINTS_PREFIX = "points.";
    /** Reports behind the watermark, sent to the late output. */
    public static final String LATE = "points.late";
    /** Reference update records read (blank lines aside). */
    public static final String UPDATES_READ = "updates.read";
    /** Prefix of the reference update dead-letter counts by {@link io.zhili.geo.fence.UpdateRejectReason}. */
    public static final String UPDATES_DEAD_LETTER_PREFIX = "updates.dead_letter.";
    /** Valid updates that arrived when the watermark had already passed their effective time (counted once). */
    public static final String UPDATES_LATE = "updates.late";
    /** Prefix of the alert counts by rule. */
    public static final String ALERTS_PREFIX = "alerts.";

    private TruckCounters() {
    }
}
