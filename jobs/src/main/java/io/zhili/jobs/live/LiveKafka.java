package io.zhili.jobs.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.zhili.jobs.common.KafkaEndpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The live job's Kafka endpoints: the case events source (value = one JSON event; key = case id, not
 * read) and the exactly-once alerts sink (key = alert id, value = the alert as JSON: the {@code alerts/}
 * columns without {@code geometry}, timestamps in epoch ms, absent values as JSON null).
 */
public final class LiveKafka {
    public static final String DEFAULT_TOPIC = "city-cases";
    public static final String DEFAULT_ALERTS_TOPIC = "city-alerts";
    /** Consumer group whose committed offsets a fresh start resumes from. */
    public static final String GROUP_ID = "zhili-live";
    private static final JsonFactory JSON = new JsonFactory();

    private LiveKafka() {
    }

    /** Case events of {@code topic}; with {@code stopAtEnd} bounded by the end offsets at start. */
    public static KafkaSource<byte[]> casesSource(String bootstrap, String topic, boolean stopAtEnd) {
        return KafkaEndpoints.valueSource(bootstrap, topic, GROUP_ID,
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST), stopAtEnd);
    }

    /** Alerts to {@code topic}, exactly once. */
    public static KafkaSink<LiveAlert> alertsSink(String bootstrap, String topic, String transactionalIdPrefix) {
        return KafkaEndpoints.exactlyOnceSink(bootstrap, new AlertRecords(topic), transactionalIdPrefix);
    }

    /** UTF-8 JSON of one alert. */
    public static byte[] toJson(LiveAlert a) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("alert_id", a.alertId);
            g.writeStringField("kind", a.kind);
            g.writeStringField("status", a.status);
            g.writeStringField("h3", a.h3);
            g.writeStringField("category", a.category);
            g.writeStringField("class_kind", a.classKind);
            g.writeStringField("component_id", a.componentId);
            g.writeStringField("case_id", a.caseId);
            g.writeStringField("district_code", a.districtCode);
            g.writeStringField("street_code", a.streetCode);
            g.writeStringField("grid_code", a.gridCode);
            g.writeNumberField("observed", a.observed);
            g.writeNumberField("expected", a.expected);
            g.writeFieldName("p");
            if (Double.isNaN(a.p)) {
                g.writeNull();
            } else {
                g.writeNumber(a.p);
            }
            g.writeNumberField("started_at", a.startedAt);
            g.writeNumberField("decided_at", a.decidedAt);
            g.writeFieldName("ended_at");
            if (a.endedAt == Long.MIN_VALUE) {
                g.writeNull();
            } else {
                g.writeNumber(a.endedAt);
            }
            g.writeNumberField("lon", a.lon);
            g.writeNumberField("lat", a.lat);
            g.writeStringField("detail", a.detail);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write alert " + a.alertId + " as JSON", e);
        }
        return bytes.toByteArray();
    }

    /** Key = alert id (UTF-8), value = {@link #toJson}. */
    static final class AlertRecords implements KafkaRecordSerializationSchema<LiveAlert> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        AlertRecords(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(LiveAlert a, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, null, a.alertId.getBytes(StandardCharsets.UTF_8), toJson(a));
        }
    }
}
