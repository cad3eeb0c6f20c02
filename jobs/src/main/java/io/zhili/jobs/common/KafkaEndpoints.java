package io.zhili.jobs.common;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka endpoints every streaming job uses the same way: a source of raw record values that reads only
 * committed records and commits its offsets on checkpoints, and a sink whose records are written in Kafka
 * transactions committed on checkpoints (exactly once).
 */
public final class KafkaEndpoints {
    /**
     * Kafka transactions stay open from one checkpoint to the next and across a restart; the
     * broker's {@code transaction.max.timeout.ms} (15 min by default) must allow this.
     */
    public static final String TRANSACTION_TIMEOUT_MS = "900000";

    private KafkaEndpoints() {
    }

    /**
     * Raw values of {@code topic} for consumer group {@code group}, starting at {@code start} (a restored job
     * continues at its checkpointed offsets). With {@code stopAtEnd} the source is bounded by the end offsets
     * seen at start, for replays, tests and benchmarks. Only committed records of transactional producers are read.
     */
    public static KafkaSource<byte[]> valueSource(String bootstrap, String topic, String group,
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

    /** Records serialised by {@code records}, in Kafka transactions committed on checkpoints (exactly once). */
    public static <T> KafkaSink<T> exactlyOnceSink(String bootstrap, KafkaRecordSerializationSchema<T> records,
                                                   String transactionalIdPrefix) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(records)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS)
                .build();
    }
}
