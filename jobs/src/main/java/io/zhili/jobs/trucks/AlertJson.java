package io.zhili.jobs.trucks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.zhili.geo.trucks.Alert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An alert as the JSON value of the Kafka alerts topic: the {@code alerts/} columns with snake-case
 * names, timestamps as epoch milliseconds, {@code permit_id} and {@code max_distance_m} null when
 * absent, e.g. {@code {"alert_id":"…","rule":"SPEEDING","truck_id":"鲁B12345","permit_id":"P-001",
 * "start_ts":1763998200000,"end_ts":1763998260000,"lon":120.38,"lat":36.07,"max_distance_m":null,
 * "points":7,"severity":"MEDIUM","detail":"…"}}.
 *
 * <p>Stateless and thread-safe.
 */
public final class AlertJson {
    private static final JsonFactory JSON = new JsonFactory();

    private AlertJson() {
    }

    /** UTF-8 JSON of one alert. */
    public static byte[] toJson(Alert a) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("alert_id", a.alertId());
            g.writeStringField("rule", a.rule().name());
            g.writeStringField("truck_id", a.truckId());
            g.writeStringField("permit_id", a.permitId());
            g.writeNumberField("start_ts", a.startTs());
            g.writeNumberField("end_ts", a.endTs());
            g.writeNumberField("lon", a.lon());
            g.writeNumberField("lat", a.lat());
            g.writeFieldName("max_distance_m");
            if (Double.isNaN(a.maxDistanceM())) {
                g.writeNull();
            } else {
                g.writeNumber(a.maxDistanceM());
            }
            g.writeNumberField("points", a.points());
            g.writeStringField("severity", a.severity().name());
            g.writeStringField("detail", a.detail());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write alert " + a.alertId() + " as JSON", e);
        }
        return bytes.toByteArray();
    }
}
