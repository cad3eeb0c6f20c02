package io.zhili.jobs.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds an {@link AlertHub} from the truck job's alerts topic: each record value is one alert as JSON.
 * On start it reads the last {@link #BACKLOG_PER_PARTITION} records of every partition (so the console
 * is not empty), then follows the topic. It commits no offsets and joins no consumer group, so any number
 * of consoles can watch without disturbing each other.
 *
 * <p>{@link #run()} blocks and is meant for its own thread; {@link #close()} may be called from any thread.
 */
public final class AlertKafkaSource implements Runnable, AutoCloseable {
    /** Records re-read from the end of each partition at start. */
    public static final int BACKLOG_PER_PARTITION = 50;

    private static final Logger LOG = LoggerFactory.getLogger(AlertKafkaSource.class);

    private final String bootstrap;
    private final String topic;
    private final AlertHub hub;
    private final Consumer<String, String> consumer;
    private volatile boolean running = true;

    public AlertKafkaSource(String bootstrap, String topic, AlertHub hub) {
        this(newConsumer(bootstrap), bootstrap, topic, hub);
    }

    /** With a given consumer (tests pass Kafka's {@code MockConsumer}). */
    AlertKafkaSource(Consumer<String, String> consumer, String bootstrap, String topic, AlertHub hub) {
        this.consumer = consumer;
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.hub = hub;
    }

    private static KafkaConsumer<String, String> newConsumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "zhili-console");
        return new KafkaConsumer<>(p);
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = waitForPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - BACKLOG_PER_PARTITION));
            }
            LOG.info("alerts: following Kafka topic {} at {} ({} partitions)", topic, bootstrap, partitions.size());
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null) {
                        hub.publish(r.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // close() was called
        } catch (RuntimeException e) {
            LOG.error("alerts: Kafka source stopped: {}", e.toString());
        } finally {
            consumer.close();
        }
    }

    /** The topic's partitions; waits (retrying every 2 s) until the topic exists or the source is closed. */
    private List<TopicPartition> waitForPartitions() {
        boolean warned = false;
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> out = new ArrayList<>();
                infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
                return out;
            }
            if (!warned) {
                LOG.warn("alerts: Kafka topic {} at {} does not exist yet; waiting", topic, bootstrap);
                warned = true;
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
