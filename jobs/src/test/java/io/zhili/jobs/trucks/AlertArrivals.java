package io.zhili.jobs.trucks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * For the latency benchmark: a consumer thread that notes when each alert of the alerts topic first
 * reached it ({@link System#nanoTime()}), at one isolation level. With {@code read_uncommitted} an
 * alert is seen as soon as the transactional producer has sent it; with {@code read_committed} only
 * once the checkpoint that commits its Kafka transaction has completed.
 *
 * <p>Start with {@link #start}, stop with {@link #close}; {@link #arrivals} is safe to read meanwhile.
 */
public final class AlertArrivals implements AutoCloseable {
    /** alert_id to the nanoTime of its first arrival. */
    public final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    /** alert_id to the {@code decided_at} member of its first record (epoch ms), for alerts that carry one. */
    public final Map<String, Long> decidedAt = new ConcurrentHashMap<>();
    private final String bootstrap;
    private final String topic;
    private final String isolation;
    private volatile boolean stop;
    private volatile Throwable failure;
    private Thread thread;

    public AlertArrivals(String bootstrap, String topic, String isolation) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.isolation = isolation;
    }

    public AlertArrivals start() {
        thread = new Thread(this::run, "alerts-" + isolation);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + isolation + "-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(topic));
            while (!stop) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    JsonNode a = json.readTree(r.value());
                    String id = a.get("alert_id").asText();
                    if (arrivals.putIfAbsent(id, now) == null && a.hasNonNull("decided_at")) {
                        decidedAt.put(id, a.get("decided_at").asLong());
                    }
                }
            }
        } catch (Exception | Error e) {
            failure = e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        if (thread != null) {
            thread.join();
        }
        if (failure != null) {
            throw new IllegalStateException(isolation + " consumer failed: " + failure, failure);
        }
    }
}
