package io.zhili.jobs.trucks;

import java.util.Locale;

/**
 * How a GPS record is encoded: one JSON object (docs/CONTRACTS.md, "GPS JSON record"), or one JT/T 808 frame
 * whose body is a 0x0200 location report — binary as a Kafka value, or one hex-encoded frame per
 * line in a file.
 */
public enum GpsFormat {
    JSON,
    JT808;

    /** Parses {@code json} or {@code jt808} (any case). */
    public static GpsFormat parse(String text) {
        return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "jt808" -> JT808;
            default -> throw new IllegalArgumentException("--format must be json or jt808, not '" + text + "'");
        };
    }
}
