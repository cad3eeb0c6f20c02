package io.zhili.jobs.trucks;

import io.zhili.geo.trucks.Alert;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

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
    /**
     * Kafka transactions stay open from one checkpoint to the next and across a restart; the
     * broker's {@code transaction.max.timeout.ms} (15 min by default) must allow this.
     */
    static final String TRANSACTION_TIMEOUT_MS = "900000";

    private TruckKafka() {
    }

    /**
     * GPS values of {@code topic}. A fresh job starts at the group's committed offsets (the earliest
     * when it has none); a restored one at its checkpointed offsets. With {@code stopAtEnd} the source
     * is bounded by the end offsets seen at start, for replays, tests and benchmarks. Only committed
     * records of transactional producers are read.
     */
    public static KafkaSource<byte[]> gpsSource(String bootstrap, String topic, boolean stopAtEnd) {
        return valueSource(bootstrap, topic, GROUP_ID,
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
        return valueSource(bootstrap, topic, REFERENCE_GROUP_ID, OffsetsInitializer.earliest(), stopAtEnd);
    }

    private static KafkaSource<byte[]> valueSource(String bootstrap, String topic, String group,
                                                   OffsetsInitializer start, boolean stopAtEnd) {
        KafkaSourceBuilder<byte[]> b = KafkaSource.<byte[]>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(start)
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class))
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true");
        if (stopAtEnd) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /** Alerts to {@code topic} in Kafka transactions committed on checkpoints (exactly once). */
    public static KafkaSink<Alert> alertsSink(String bootstrap, String topic, String transactionalIdPrefix) {
        return KafkaSink.<Alert>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(new AlertRecords(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS)
                .build();
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
