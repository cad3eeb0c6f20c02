package io.zhili.geo.trucks;

/**
 * Why a GPS record (a JSON line or a JT/T 808 frame) was refused. The name is what the dead-letter
 * output's {@code reason} column starts with, followed by a one-line detail.
 */
public enum GpsRejectReason {
    /** Not parseable as one JSON object. */
    MALFORMED_JSON,
    /** A required field is absent or null ({@code truck_id, ts, lon, lat, speed_kmh}). */
    MISSING_FIELD,
    /** A field has the wrong type or an unknown value (e.g. {@code "lid":"HALF"}, text in {@code lon}). */
    BAD_VALUE,
    /** A value outside its physical range: NaN/infinite, |lat| &gt; 90, |lon| &gt; 180, 0/0, speed &lt; 0 ... */
    OUT_OF_RANGE,
    /** A timestamp that is neither epoch milliseconds nor ISO-8601 with offset, or an impossible BCD time. */
    BAD_TIMESTAMP,
    /** A text-encoded JT/T 808 frame (hex line) with a non-hex character or an odd length. */
    BAD_HEX,
    /** A JT/T 808 frame not delimited by 0x7e at both ends, or with a 0x7e inside. */
    BAD_FRAME,
    /** A JT/T 808 0x7d escape followed by something other than 0x01 or 0x02. */
    BAD_ESCAPE,
    /** The JT/T 808 XOR check code does not match the header and body. */
    BAD_CHECKSUM,
    /** A JT/T 808 frame shorter than its header or its declared body length. */
    TRUNCATED,
    /** A JT/T 808 message other than an unencrypted, unsplit 0x0200 location report. */
    UNSUPPORTED_MESSAGE
}
