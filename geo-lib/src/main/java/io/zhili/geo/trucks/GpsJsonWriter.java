package io.zhili.geo.trucks;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Writes a {@link GpsPoint} as one line of the GPS JSON contract (docs/CONTRACTS.md, "GPS JSON record"), fields in contract order:
 * {@code truck_id, ts, lon, lat, speed_kmh, heading, lid, load_t}. A NaN heading or load is written
 * as {@code null}; whole numbers are written without a fraction ({@code "heading":270}), others with
 * the shortest decimal that reads back to the same double, so output is byte-stable for a given
 * point. The inverse of {@link GpsJsonParser#parse(String)} for every valid point.
 *
 * <p>Stateless and thread-safe.
 */
public final class GpsJsonWriter {
    private GpsJsonWriter() {
    }

    /** The JSON object for {@code p}, without a line terminator. */
    public static String toJson(GpsPoint p) {
        StringBuilder sb = new StringBuilder(128);
        append(sb, p);
        return sb.toString();
    }

    /** Appends the JSON object for {@code p} to {@code sb}, without a line terminator. */
    public static void append(StringBuilder sb, GpsPoint p) {
        sb.append("{\"truck_id\":\"");
        JsonStringEncoder.getInstance().quoteAsString(p.truckId(), sb);
        sb.append("\",\"ts\":").append(p.ts());
        sb.append(",\"lon\":");
        number(sb, p.lon());
        sb.append(",\"lat\":");
        number(sb, p.lat());
        sb.append(",\"speed_kmh\":");
        number(sb, p.speedKmh());
        sb.append(",\"heading\":");
        number(sb, p.heading());
        sb.append(",\"lid\":\"").append(p.lid().name());
        sb.append("\",\"load_t\":");
        number(sb, p.loadT());
        sb.append('}');
    }

    private static void number(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("null");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }
}
