package io.zhili.geo.trucks;

import java.util.Objects;

/**
 * The result of decoding one GPS record: either a {@link GpsPoint} or a reject reason with a
 * one-line detail. Decoders return this instead of throwing, because bad input is data that goes to
 * the dead-letter output with its raw payload.
 *
 * <p>Immutable and thread-safe.
 *
 * @param point  the decoded point, or null when rejected
 * @param reason why the record was refused, or null when {@code point} is present
 * @param detail one-line human-readable detail of the rejection, or null when accepted
 */
public record DecodeOutcome(GpsPoint point, GpsRejectReason reason, String detail) {

    public DecodeOutcome {
        if ((point == null) == (reason == null)) {
            throw new IllegalArgumentException("exactly one of point and reason must be set");
        }
    }

    public static DecodeOutcome accepted(GpsPoint point) {
        return new DecodeOutcome(Objects.requireNonNull(point, "point"), null, null);
    }

    public static DecodeOutcome rejected(GpsRejectReason reason, String detail) {
        return new DecodeOutcome(null, Objects.requireNonNull(reason, "reason"), detail);
    }

    public boolean ok() {
        return point != null;
    }

    /** {@code REASON: detail}, the text written to the dead-letter {@code reason} column. */
    public String reasonText() {
        if (reason == null) {
            return "";
        }
        return detail == null || detail.isEmpty() ? reason.name() : reason.name() + ": " + detail;
    }
}
