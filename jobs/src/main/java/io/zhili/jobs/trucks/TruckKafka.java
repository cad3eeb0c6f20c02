package io.zhili.jobs.trucks;

import io.zhili.geo.trucks.Alert;
import io.zhili.jobs.common.KafkaEndpoints;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The truck job's Kafka endpoints: the GPS source (raw values; key ignored, the truck id is in the
 * value), the reference updates source and the exactly-once alerts sink (JSON value, key = truck id).
 */
public final class TruckKafka {
    /** Default topic of GPS reports. */
    public static final String DEFAULT_GPS_TOPIC = "truck-gps";
    /** Default topic of alerts. */
    public static final String DEFAULT_ALERTS_TOPIC = "truck-alerts";
    /** Consumer group whose committed offsets a fresh start resumes from. */
    public static final String GROUP_ID = "zhili-trucks";
    /** Consumer group of the reference updates topic (offsets committed for monitoring only). */
    public static final String REFERENCE_GROUP_ID = "zhili-trucks-reference";

    private TruckKafka() {
    }

    /**
     * GPS values of {@code topic}. A fresh job starts at the group's committed offsets (the earliest
     * when it has none); a restored one at its checkpointed offsets. With {@code stopAtEnd} the source
     * is bounded by the end offsets seen at start, for replays, tests and benchmarks. Only committed
     * records of transactional producers are read.
     */
    public static KafkaSource<byte[]> gpsSource(String bootstrap, String topic, boolean stopAtEnd) {
        return KafkaEndpoints.valueSource(bootstrap, topic, GROUP_ID,
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST), stopAtEnd);
    }

    /**
     * Reference update records of {@code topic} (one JSON object per value). A fresh job reads the
     * topic from its beginning, since the updates are the reference data's history and a job
     * started without state must apply them all (keep the topic compacted by {@code layer/id} or
     * retained long enough); a restored one continues at its checkpointed offsets. With
     * {@code stopAtEnd}, bounded by the end offsets seen at start.
     */
    public static KafkaSource<byte[]> referenceSource(String bootstrap, String topic, boolean stopAtEnd) {
        return KafkaEndpoints.valueSource(bootstrap, topic, REFERENCE_GROUP_ID, OffsetsInitializer.earliest(), stopAtEnd);
    }

    /** Alerts to {@code topic} in Kafka transactions committed on checkpoints (exactly once). */
    public static KafkaSink<Alert> alertsSink(String bootstrap, String topic, String transactionalIdPrefix) {
        return KafkaEndpoints.exactlyOnceSink(bootstrap, new AlertRecords(topic), transactionalIdPrefix);
    }

    /** Key = truck id (UTF-8), value = {@link AlertJson}. */
    static final class AlertRecords implements KafkaRecordSerializationSchema<Alert> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        AlertRecords(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(Alert a, KafkaSinkContext context, Long timestamp) {
            // Record time is the produce time: replays of old traces must not fall under the topic's retention.
            return new ProducerRecord<>(topic, null, null, a.truckId().getBytes(StandardCharsets.UTF_8),
                    AlertJson.toJson(a));
        }
    }
}
