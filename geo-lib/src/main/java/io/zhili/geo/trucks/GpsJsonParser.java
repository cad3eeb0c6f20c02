package io.zhili.geo.trucks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.zhili.geo.util.Timestamps;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses one GPS record in the JSON contract (docs/CONTRACTS.md, "GPS JSON record"):
 * <pre>{"truck_id":"鲁B12345","ts":1763998200000,"lon":120.38,"lat":36.07,"speed_kmh":38.5,
 * "heading":270,"lid":"CLOSED","load_t":18.5}</pre>
 *
 * <p>Required: {@code truck_id} (non-blank string), {@code ts} (epoch milliseconds as a JSON integer,
 * or a string holding epoch milliseconds or ISO-8601 with offset/{@code Z}), {@code lon},
 * {@code lat}, {@code speed_kmh} (JSON numbers). Optional: {@code heading} (number or null → NaN),
 * {@code lid} ({@code CLOSED|OPEN|UNKNOWN}, case-insensitive; absent or null → UNKNOWN),
 * {@code load_t} (tonnes, number or null → NaN). Unknown fields are ignored.
 *
 * <p>Ranges (else {@link GpsRejectReason#OUT_OF_RANGE}): finite numbers (the non-standard
 * {@code NaN}/{@code Infinity} literals are read so they can be named), |lat| ≤ 90, |lon| ≤ 180,
 * not 0/0 (a receiver without a fix), 0 ≤ speed ≤ {@value #MAX_SPEED_KMH}, 0 ≤ heading ≤ 360,
 * 0 ≤ load ≤ {@value #MAX_LOAD_T}, ts within 2000-01-01 .. 2100-01-01 (catches seconds sent as
 * milliseconds).
 *
 * <p>Ordinary records are read by {@link GpsJsonFastPath}, several times faster than Jackson;
 * whatever it is not certain about (every rejected record among them) goes through Jackson's
 * streaming parser, which defines the results: both paths give identical outcomes.
 *
 * <p>Never throws on bad input: the result is a {@link DecodeOutcome} with a reason. Thread-safe
 * (stateless; the fast path's buffers are per thread and the shared {@link JsonFactory} is
 * thread-safe).
 */
public final class GpsJsonParser {
    /** Above any road vehicle; a higher value is a sensor or encoding error. */
    public static final double MAX_SPEED_KMH = 250;
    /** Above any road truck's gross mass; a higher value is a sensor or encoding error. */
    public static final double MAX_LOAD_T = 100;
    public static final long MIN_TS = Timestamps.MIN_PLAUSIBLE;
    public static final long MAX_TS = Timestamps.MAX_PLAUSIBLE;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private GpsJsonParser() {
    }

    /** Parses one JSON record (e.g. one line of {@code gps.jsonl} or one Kafka value). */
    public static DecodeOutcome parse(String json) {
        GpsPoint ordinary = GpsJsonFastPath.parse(json);
        return ordinary != null ? DecodeOutcome.accepted(ordinary) : parseWithJackson(json);
    }

    /** Parses one UTF-8 encoded JSON record, e.g. a Kafka value, without copying it to a String. */
    public static DecodeOutcome parse(byte[] utf8, int off, int len) {
        GpsPoint ordinary = GpsJsonFastPath.parse(utf8, off, len);
        return ordinary != null ? DecodeOutcome.accepted(ordinary) : parseWithJackson(utf8, off, len);
    }

    /**
     * {@link #parse(String)} with Jackson alone: the reference that {@link GpsJsonFastPath} must agree
     * with, and the path of every record the fast path leaves (errors, unusual shapes).
     */
    static DecodeOutcome parseWithJackson(String json) {
        if (json == null || json.isBlank()) {
            return DecodeOutcome.rejected(GpsRejectReason.MALFORMED_JSON, "empty record");
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            return parse(p);
        } catch (IOException e) {
            return malformed(e);
        }
    }

    /** {@link #parse(byte[], int, int)} with Jackson alone, see {@link #parseWithJackson(String)}. */
    static DecodeOutcome parseWithJackson(byte[] utf8, int off, int len) {
        if (len == 0) {
            return DecodeOutcome.rejected(GpsRejectReason.MALFORMED_JSON, "empty record");
        }
        try (JsonParser p = FACTORY.createParser(utf8, off, len)) {
            return parse(p);
        } catch (IOException e) {
            return malformed(e);
        }
    }

    private static DecodeOutcome malformed(IOException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = msg.indexOf('\n');
        return DecodeOutcome.rejected(GpsRejectReason.MALFORMED_JSON, nl < 0 ? msg : msg.substring(0, nl));
    }

    private static DecodeOutcome parse(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return DecodeOutcome.rejected(GpsRejectReason.MALFORMED_JSON, "not a JSON object");
        }
        String truckId = null;
        long ts = 0;
        boolean hasTs = false;
        double lon = Double.NaN;
        double lat = Double.NaN;
        double speed = Double.NaN;
        boolean hasLon = false;
        boolean hasLat = false;
        boolean hasSpeed = false;
        double heading = Double.NaN;
        double load = Double.NaN;
        LidState lid = LidState.UNKNOWN;
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (field) {
                case "truck_id" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        break;
                    }
                    if (t != JsonToken.VALUE_STRING) {
                        return bad("truck_id is not a string");
                    }
                    truckId = p.getText();
                    if (truckId.isBlank()) {
                        return DecodeOutcome.rejected(GpsRejectReason.MISSING_FIELD, "truck_id is blank");
                    }
                }
                case "ts" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        break;
                    }
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        try {
                            ts = p.getLongValue();
                        } catch (InputCoercionException e) {
                            return DecodeOutcome.rejected(GpsRejectReason.BAD_TIMESTAMP, "ts does not fit epoch milliseconds");
                        }
                    } else if (t == JsonToken.VALUE_STRING) {
                        String s = p.getText();
                        long parsed = parseTimestamp(s);
                        if (parsed == Long.MIN_VALUE) {
                            return DecodeOutcome.rejected(GpsRejectReason.BAD_TIMESTAMP,
                                    "ts '" + clip(s) + "' is neither epoch milliseconds nor ISO-8601 with offset");
                        }
                        ts = parsed;
                    } else {
                        return DecodeOutcome.rejected(GpsRejectReason.BAD_TIMESTAMP, "ts is not an integer or a string");
                    }
                    hasTs = true;
                }
                case "lon" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        break;
                    }
                    if (!t.isNumeric()) {
                        return bad("lon is not a number");
                    }
                    lon = p.getDoubleValue();
                    hasLon = true;
                }
                case "lat" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        break;
                    }
                    if (!t.isNumeric()) {
                        return bad("lat is not a number");
                    }
                    lat = p.getDoubleValue();
                    hasLat = true;
                }
                case "speed_kmh" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        break;
                    }
                    if (!t.isNumeric()) {
                        return bad("speed_kmh is not a number");
                    }
                    speed = p.getDoubleValue();
                    hasSpeed = true;
                }
                case "heading" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        heading = Double.NaN;
                        break;
                    }
                    if (!t.isNumeric()) {
                        return bad("heading is not a number");
                    }
                    heading = p.getDoubleValue();
                    if (!(heading >= 0 && heading <= 360)) {
                        return range("heading " + heading + " outside [0, 360]");
                    }
                }
                case "lid" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        lid = LidState.UNKNOWN;
                        break;
                    }
                    if (t != JsonToken.VALUE_STRING) {
                        return bad("lid is not a string");
                    }
                    lid = lidOf(p.getText());
                    if (lid == null) {
                        return bad("lid '" + clip(p.getText()) + "' is not CLOSED, OPEN or UNKNOWN");
                    }
                }
                case "load_t" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        load = Double.NaN;
                        break;
                    }
                    if (!t.isNumeric()) {
                        return bad("load_t is not a number");
                    }
                    load = p.getDoubleValue();
                    if (!(load >= 0 && load <= MAX_LOAD_T)) {
                        return range("load_t " + load + " outside [0, " + MAX_LOAD_T + "]");
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            return DecodeOutcome.rejected(GpsRejectReason.MALFORMED_JSON, "object not closed");
        }
        if (p.nextToken() != null) {
            return DecodeOutcome.rejected(GpsRejectReason.MALFORMED_JSON, "content after the JSON object");
        }
        if (truckId == null) {
            return missing("truck_id");
        }
        if (!hasTs) {
            return missing("ts");
        }
        if (!hasLon) {
            return missing("lon");
        }
        if (!hasLat) {
            return missing("lat");
        }
        if (!hasSpeed) {
            return missing("speed_kmh");
        }
        String rangeProblem = rangeProblem(ts, lon, lat, speed);
        if (rangeProblem != null) {
            return range(rangeProblem);
        }
        return DecodeOutcome.accepted(new GpsPoint(truckId, ts, lon, lat, speed, heading, lid, load));
    }

    /**
     * The common range check of both GPS decoders: null when the values are plausible, else a
     * one-line description of the first problem.
     */
    public static String rangeProblem(long ts, double lon, double lat, double speedKmh) {
        if (!(lat >= -90 && lat <= 90)) {
            return "lat " + lat + " outside [-90, 90]";
        }
        if (!(lon >= -180 && lon <= 180)) {
            return "lon " + lon + " outside [-180, 180]";
        }
        if (lon == 0 && lat == 0) {
            return "lon/lat 0/0 (no satellite fix)";
        }
        if (!(speedKmh >= 0 && speedKmh <= MAX_SPEED_KMH)) {
            return "speed_kmh " + speedKmh + " outside [0, " + MAX_SPEED_KMH + "]";
        }
        if (!Timestamps.plausible(ts)) {
            return "ts " + ts + " outside 2000..2100 (seconds instead of milliseconds?)";
        }
        return null;
    }

    /**
     * A timestamp written as a GPS report's {@code ts} string may be: epoch milliseconds as digits
     * or ISO-8601 with an offset; {@link Long#MIN_VALUE} when it is neither.
     */
    public static long parseTimestamp(String s) {
        String v = s.trim();
        if (v.isEmpty()) {
            return Long.MIN_VALUE;
        }
        boolean digits = true;
        for (int i = 0; i < v.length() && digits; i++) {
            char c = v.charAt(i);
            digits = (c >= '0' && c <= '9') || (i == 0 && c == '-' && v.length() > 1);
        }
        if (digits) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                return Long.MIN_VALUE;
            }
        }
        try {
            return OffsetDateTime.parse(v).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    private static LidState lidOf(String s) {
        if (s.equalsIgnoreCase("CLOSED")) {
            return LidState.CLOSED;
        }
        if (s.equalsIgnoreCase("OPEN")) {
            return LidState.OPEN;
        }
        if (s.equalsIgnoreCase("UNKNOWN")) {
            return LidState.UNKNOWN;
        }
        return null;
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static DecodeOutcome bad(String detail) {
        return DecodeOutcome.rejected(GpsRejectReason.BAD_VALUE, detail);
    }

    private static DecodeOutcome range(String detail) {
        return DecodeOutcome.rejected(GpsRejectReason.OUT_OF_RANGE, detail);
    }

    private static DecodeOutcome missing(String field) {
        return DecodeOutcome.rejected(GpsRejectReason.MISSING_FIELD, field + " is missing");
    }
}
