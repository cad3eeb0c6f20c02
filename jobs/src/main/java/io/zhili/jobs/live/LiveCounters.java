package io.zhili.jobs.live;

/**
 * Names of the live job's Flink accumulators (and {@code zhili} metrics), which {@code run.json} reports.
 * {@code read = accepted + rejected + dead-lettered}.
 */
public final class LiveCounters {
    /** Raw records read from the source. */
    public static final String READ = "cases.read";
    /** Events that passed validation and the registry join. */
    public static final String ACCEPTED = "cases.accepted";
    /** Prefix of the rejects by the batch job's reason ({@link io.zhili.geo.table.RejectReason}). */
    public static final String REJECTED_PREFIX = "cases.rejected.";
    /** Records that are not a JSON object at all. */
    public static final String DEAD_LETTERED = "cases.dead_lettered";
    /** Distinct case ids seen. */
    public static final String CASES = "cases.distinct";
    /** Prefix of the alert counts by kind (OPEN records). */
    public static final String ALERTS_PREFIX = "alerts.";
    /** SURGE CLOSED records. */
    public static final String SURGE_CLOSED = "alerts.SURGE_CLOSED";
    /** Cases still open (no closed_at) at the end of a bounded input. */
    public static final String OPEN_AT_END = "cases.open_at_end";
    /** Deadlines still pending at the end of a bounded input (not fired, by the end-of-input rule). */
    public static final String PENDING_AT_END = "deadlines.pending_at_end";

    private LiveCounters() {
    }
}
