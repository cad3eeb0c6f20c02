package io.zhili.jobs.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
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
 * <p>It reads with {@code isolation.level=read_committed}: the truck job writes the topic in Kafka
 * transactions, and records of an aborted transaction (a failed checkpoint) must never reach a
 * dispatcher. A failure of the consumer (broker unreachable, topic metadata timing out, any client
 * error) does not end the feed: the consumer is closed and a new one created after a back-off that
 * doubles from {@link #MIN_BACKOFF} up to {@link #MAX_BACKOFF}, resuming each partition after the last
 * record handed to the hub, so nothing is shown twice.
 *
 * <p>{@link #run()} blocks and is meant for its own thread; {@link #close()} may be called from any thread.
 */
public final class AlertKafkaSource implements Runnable, AutoCloseable {
    /** Records re-read from the end of each partition at start. */
    public static final int BACKLOG_PER_PARTITION = 50;
    /** First wait before reconnecting after a failure. */
    public static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    /** Longest wait between reconnection attempts. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(AlertKafkaSource.class);

    private final String bootstrap;
    private final String topic;
    private final AlertHub hub;
    private final Supplier<Consumer<String, String>> consumers;
    /** Next offset to read per partition, once a record has been handed on (survives reconnections). */
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Object lock = new Object();
    private volatile boolean running = true;
    private volatile Consumer<String, String> current;
    private volatile long reconnects;
    /** Whether the current consumer got as far as following its partitions (then a failure starts the back-off anew). */
    private boolean following;

    /** @param bootstrap Kafka bootstrap servers, {@code host:port[,host:port…]} */
    public AlertKafkaSource(String bootstrap, String topic, AlertHub hub) {
        this(() -> newConsumer(bootstrap), bootstrap, topic, hub);
    }

    /** With a factory of consumers, one per (re)connection (tests pass Kafka's {@code MockConsumer}). */
    AlertKafkaSource(Supplier<Consumer<String, String>> consumers, String bootstrap, String topic, AlertHub hub) {
        this.consumers = consumers;
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.hub = hub;
    }

    /** The consumer settings: no group, no commits, committed records only. */
    static Properties consumerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "zhili-console");
        // Fail a metadata or offsets call within seconds so that an outage is noticed and retried with back-off.
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return p;
    }

    private static KafkaConsumer<String, String> newConsumer(String bootstrap) {
        return new KafkaConsumer<>(consumerProperties(bootstrap));
    }

    /** Times the consumer failed and was replaced. */
    public long reconnects() {
        return reconnects;
    }

    @Override
    public void run() {
        long backoff = MIN_BACKOFF.toMillis();
        while (running) {
            Consumer<String, String> consumer = null;
            try {
                synchronized (lock) {
                    if (!running) {
                        return;
                    }
                    // Inside the try: creating a consumer fails too, e.g. while no bootstrap host resolves.
                    consumer = consumers.get();
                    current = consumer;
                }
                follow(consumer);
                return;
            } catch (WakeupException e) {
                return; // close() was called
            } catch (RuntimeException e) {
                reconnects++;
                if (following) {
                    backoff = MIN_BACKOFF.toMillis();
                    following = false;
                }
                LOG.warn("alerts: Kafka consumer of {} at {} failed ({}); reconnecting in {} ms", topic, bootstrap,
                        e.toString(), backoff);
            } finally {
                if (consumer != null) {
                    closeQuietly(consumer);
                }
            }
            if (!sleep(backoff)) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF.toMillis(), backoff * 2);
        }
    }

    /** Follows the topic with one consumer until closed; throws on any client failure. */
    private void follow(Consumer<String, String> consumer) {
        List<TopicPartition> partitions = waitForPartitions(consumer);
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
            Long resume = next.get(tp);
            long start = resume != null ? resume : end.get(tp) - BACKLOG_PER_PARTITION;
            consumer.seek(tp, Math.max(begin.get(tp), Math.min(start, end.get(tp))));
        }
        following = true;
        LOG.info("alerts: following Kafka topic {} at {} ({} partitions)", topic, bootstrap, partitions.size());
        while (running) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.value() != null) {
                    hub.publish(r.value());
                }
                next.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
            }
        }
    }

    /** The topic's partitions; waits (retrying every 2 s) until the topic exists or the source is closed. */
    private List<TopicPartition> waitForPartitions(Consumer<String, String> consumer) {
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
            if (!sleep(2000)) {
                return List.of();
            }
        }
        return List.of();
    }

    /** Waits {@code ms} or until {@link #close()}; false when the source is closing. */
    private boolean sleep(long ms) {
        long until = System.nanoTime() + ms * 1_000_000L;
        synchronized (lock) {
            try {
                for (long left = ms; running && left > 0; left = (until - System.nanoTime()) / 1_000_000L) {
                    lock.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return running;
        }
    }

    private static void closeQuietly(Consumer<String, String> consumer) {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.debug("alerts: closing a failed consumer: {}", e.toString());
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
            Consumer<String, String> c = current;
            if (c != null) {
                c.wakeup();
            }
        }
    }
}
