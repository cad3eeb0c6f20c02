package io.zhili.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The alert ids a truck run delivered, read back the way its consumers read them: from an alerts
 * topic as a {@code read_committed} consumer, and from the run's committed Parquet table with DuckDB.
 * Both lists are sorted with duplicates kept, so exactly-once checks compare them directly.
 */
public final class AlertIds {
    private AlertIds() {
    }

    /**
     * Alert ids on partition 0 of {@code topic} up to its end offset, as a {@code read_committed} consumer
     * sees them (at most 60 s of polling).
     *
     * @param check sees each record's key and alert first (an assertion on the record, say)
     */
    public static List<String> committed(String bootstrapServers, String topic, BiConsumer<byte[], JsonNode> check)
            throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode alert = json.readTree(r.value());
                    check.accept(r.key(), alert);
                    ids.add(alert.get("alert_id").asText());
                }
            }
        }
        Collections.sort(ids);
        return ids;
    }

    /** Alert ids of the committed Parquet files of a run written to {@code out}. */
    public static List<String> inParquet(Path out) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT alert_id FROM read_parquet('" + out.resolve("alerts") + "/*.parquet')")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        Collections.sort(ids);
        return ids;
    }
}
