package io.zhili.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The Kafka alert source against Kafka's own MockConsumer (a broker test belongs with the trucks job's broker helper). */
class AlertKafkaSourceTest {

    private static String alert(long offset) {
        return "{\"alert_id\":\"k-" + offset + "\",\"rule\":\"SPEEDING\",\"truck_id\":\"鲁B" + offset
                + "\",\"start_ts\":1763998200000,\"lon\":120.4,\"lat\":36.1}";
    }

    @Test
    void testStartsFiftyRecordsBeforeTheEndAndFollows() throws Exception {
        MockConsumer<String, String> consumer = new MockConsumer<>(AutoOffsetResetStrategy.LATEST.name());
        TopicPartition tp = new TopicPartition("truck-alerts", 0);
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions("truck-alerts", List.of(new PartitionInfo("truck-alerts", 0, node, new Node[] {node}, new Node[] {node})));
        consumer.updateBeginningOffsets(Map.of(tp, 0L));
        consumer.updateEndOffsets(Map.of(tp, 120L));
        consumer.schedulePollTask(() -> {
            for (long offset = 60; offset < 120; offset++) {
                consumer.addRecord(new ConsumerRecord<>("truck-alerts", 0, offset, "k", alert(offset)));
            }
            consumer.addRecord(new ConsumerRecord<>("truck-alerts", 0, 120, "k", "not json"));
        });
        AlertHub hub = new AlertHub();
        AlertKafkaSource source = new AlertKafkaSource(() -> consumer, "localhost:9092", "truck-alerts", hub);
        Thread t = new Thread(source);
        t.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (hub.accepted() < 50 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        source.close();
        t.join(10_000);
        assertEquals(50, hub.accepted(), "offsets 70 … 119: the last " + AlertKafkaSource.BACKLOG_PER_PARTITION);
        assertTrue(hub.recent().get(0).json().contains("\"k-70\""), hub.recent().get(0).json());
        assertEquals(Map.of("not JSON", 1L), hub.rejected());
        assertTrue(consumer.closed(), "the consumer is closed when the source stops");
    }

    @Test
    void testTransientErrorsReplaceTheConsumerAndResumeAfterTheLastRecord() throws Exception {
        TopicPartition tp = new TopicPartition("truck-alerts", 0);
        Node node = new Node(0, "localhost", 9092);
        List<MockConsumer<String, String>> made = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Long> startedAt = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<org.apache.kafka.clients.consumer.Consumer<String, String>> factory = () -> {
            if (calls.incrementAndGet() == 1) {
                // As KafkaConsumer's constructor does while no bootstrap host resolves.
                throw new org.apache.kafka.common.config.ConfigException("No resolvable bootstrap urls given in bootstrap.servers");
            }
            MockConsumer<String, String> c = new MockConsumer<>(AutoOffsetResetStrategy.LATEST.name());
            c.updatePartitions("truck-alerts", List.of(new PartitionInfo("truck-alerts", 0, node, new Node[] {node}, new Node[] {node})));
            c.updateBeginningOffsets(Map.of(tp, 0L));
            c.updateEndOffsets(Map.of(tp, 10L));
            boolean first = made.isEmpty();
            c.schedulePollTask(() -> {
                // Each consumer is handed the records from where it was positioned.
                long from = c.position(tp);
                startedAt.add(from);
                for (long offset = from; offset < 10; offset++) {
                    c.addRecord(new ConsumerRecord<>("truck-alerts", 0, offset, "k", alert(offset)));
                }
            });
            if (first) {
                c.schedulePollTask(() -> c.setPollException(new org.apache.kafka.common.KafkaException("broker went away")));
            }
            made.add(c);
            return c;
        };
        AlertHub hub = new AlertHub();
        AlertKafkaSource source = new AlertKafkaSource(factory, "localhost:9092", "truck-alerts", hub);
        Thread t = new Thread(source);
        t.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (made.size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        source.close();
        t.join(10_000);
        assertEquals(2, made.size(), "a second consumer after the failure");
        assertEquals(2, source.reconnects(), "one failed creation, one failed poll");
        assertEquals(List.of(0L, 10L), startedAt, "backlog from 0 (10 records), then resumed at 10, after what was shown");
        assertEquals(10, hub.accepted());
        assertTrue(made.get(0).closed() && made.get(1).closed());
    }
}
