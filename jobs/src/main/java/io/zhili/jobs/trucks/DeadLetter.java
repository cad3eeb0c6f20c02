package io.zhili.jobs.trucks;

/**
 * A GPS record the job could not use, as written to {@code dead_letter/}: when it was received
 * (processing time, epoch ms), why ({@code REASON: detail}, one line, see
 * {@link io.zhili.geo.trucks.GpsRejectReason}, or {@code LATE: ...} for records behind the
 * watermark) and the raw payload (UTF-8 text; binary JT/T 808 frames as hex).
 *
 * <p>A Flink POJO: public fields and a no-argument constructor. Not thread-safe.
 */
public class DeadLetter {
    public long receivedAt;
    public String reason;
    public String raw;

    public DeadLetter() {
    }

    public DeadLetter(long receivedAt, String reason, String raw) {
        this.receivedAt = receivedAt;
        this.reason = reason;
        this.raw = raw;
    }

    @Override
    public String toString() {
        return "DeadLetter{" + reason + ", raw=" + raw + '}';
    }
}
