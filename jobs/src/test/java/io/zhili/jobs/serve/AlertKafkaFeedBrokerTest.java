package io.zhili.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.jobs.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's Kafka alert feed against a real broker ({@link KafkaBroker}): records of an aborted
 * transaction (the truck job's failed checkpoint) never reach the console, and the feed survives the
 * broker going away, also when it starts while the broker is down.
 */
class AlertKafkaFeedBrokerTest {
    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    private static String alert(String id) {
        return "{\"alert_id\":\"" + id + "\",\"rule\":\"SPEEDING\",\"truck_id\":\"鲁B" + id.hashCode()
                + "\",\"start_ts\":1763998200000,\"lon\":120.4,\"lat\":36.1}";
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer(String id) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
        producer.initTransactions();
        return producer;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, boolean commit, String... ids) {
        producer.beginTransaction();
        for (String id : ids) {
            producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), alert(id).getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }

    private static Set<String> shown(AlertHub hub) {
        Set<String> ids = new TreeSet<>();
        for (AlertHub.Event e : hub.recent()) {
            int at = e.json().indexOf("\"alert_id\":\"") + 12;
            ids.add(e.json().substring(at, e.json().indexOf('"', at)));
        }
        return ids;
    }

    private static void await(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private static Thread start(AlertKafkaSource source) {
        Thread t = new Thread(source, "test-alerts-kafka");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void testAbortedTransactionsAreNeverShown() throws Exception {
        String topic = "alerts-tx";
        kafka.createTopic(topic, 2);
        AlertHub hub = new AlertHub();
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer("zhili-test-tx")) {
            send(producer, topic, true, "c-1", "c-2");
            send(producer, topic, false, "aborted-1", "aborted-2", "aborted-3");
            send(producer, topic, true, "c-3");
            AlertKafkaSource source = new AlertKafkaSource(kafka.bootstrapServers(), topic, hub);
            Thread t = start(source);
            try {
                await(() -> shown(hub).contains("c-3"), 60_000, "the backlog's committed alerts");
                // Live: an aborted transaction while following, then a committed one behind it.
                send(producer, topic, false, "aborted-4");
                send(producer, topic, true, "c-4");
                await(() -> shown(hub).contains("c-4"), 60_000, "a live committed alert");
                Thread.sleep(500);
                assertEquals(Set.of("c-1", "c-2", "c-3", "c-4"), shown(hub));
                assertEquals(4, hub.accepted());
            } finally {
                source.close();
                t.join(15_000);
            }
        }
    }

    @Test
    void testFeedSurvivesTheBrokerGoingAwayAndStartingWhileItIsDown() throws Exception {
        String topic = "alerts-outage";
        kafka.createTopic(topic, 1);
        AlertHub running = new AlertHub();
        AlertHub late = new AlertHub();
        AlertKafkaSource following = new AlertKafkaSource(kafka.bootstrapServers(), topic, running);
        AlertKafkaSource startedDuringOutage = new AlertKafkaSource(kafka.bootstrapServers() + ",127.0.0.1:1", topic, late);
        Thread a = start(following);
        Thread b = null;
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer("zhili-test-outage")) {
            send(producer, topic, true, "before");
            await(() -> shown(running).contains("before"), 60_000, "the first alert");
        }
        try {
            kafka.stopKeepingData();
            b = start(startedDuringOutage);
            // The consumer that starts while no broker answers fails its metadata call and is replaced.
            await(() -> startedDuringOutage.reconnects() >= 1, 60_000, "a failed connection attempt during the outage");
            assertTrue(b.isAlive(), "the feed keeps trying");
            kafka.restart();
            try (KafkaProducer<byte[], byte[]> producer = transactionalProducer("zhili-test-outage-2")) {
                send(producer, topic, true, "after");
            }
            await(() -> shown(running).contains("after"), 90_000, "the running feed after the restart");
            await(() -> shown(late).contains("after"), 90_000, "the feed started during the outage");
            assertEquals(List.of("after", "before"), List.copyOf(shown(running)));
            assertEquals(List.of("after", "before"), List.copyOf(shown(late)), "the late feed read the backlog too");
            assertTrue(a.isAlive() && b.isAlive());
        } finally {
            following.close();
            startedDuringOutage.close();
            a.join(15_000);
            if (b != null) {
                b.join(15_000);
            }
        }
        assertTrue(!a.isAlive(), "close() ends the feed");
    }
}
