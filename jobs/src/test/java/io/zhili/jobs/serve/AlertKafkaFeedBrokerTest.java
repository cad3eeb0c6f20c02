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

    /**
     * {@code zhili serve --kafka BROKER} follows both topics into one hub: the truck alerts of {@code --topic} and the
     * live alerts of {@code --live-topic} (default {@code city-alerts}), a SURGE's CLOSED record beside its OPEN one.
     */
    @Test
    void testServeFollowsTruckAndLiveTopics(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path hotspots = dir.resolve("hotspots");
        io.zhili.jobs.tiles.HotspotCellsFixture.write(hotspots, "2025-03", java.time.Instant.parse("2025-02-28T16:00:00Z"),
                io.zhili.jobs.tiles.HotspotCellsFixture.disks(new double[][] {{120.38, 36.07}}, 2, 10), java.util.Map.of("ALL", 1.0));
        java.nio.file.Path tiles = dir.resolve("tiles");
        io.zhili.jobs.tiles.TileRun.write(hotspots, tiles, io.zhili.jobs.tiles.TileOptions.defaults().withZooms(12, 12)
                .withParallelism(1).withProgress(new java.io.PrintStream(new java.io.ByteArrayOutputStream())));
        kafka.createTopic("truck-alerts", 1);
        kafka.createTopic("city-alerts", 1);
        long centre = io.zhili.geo.h3.H3Grid.get().cell(120.38, 36.07, 9);
        List<LiveConsoleFixture.Alert> live = LiveConsoleFixture.alerts(centre);
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer("zhili-test-serve")) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("truck-alerts", "t-1".getBytes(StandardCharsets.UTF_8),
                    alert("t-1").getBytes(StandardCharsets.UTF_8)));
            for (LiveConsoleFixture.Alert a : live) {
                producer.send(new ProducerRecord<>("city-alerts", a.alertId().getBytes(StandardCharsets.UTF_8),
                        a.json().getBytes(StandardCharsets.UTF_8)));
            }
            producer.commitTransaction();
        }
        try (io.zhili.cli.ServeRun serve = io.zhili.cli.ServeRun.start("--tiles", tiles.toString(), "--port", "0",
                "--kafka", kafka.bootstrapServers())) {
            assertTrue(serve.listening(), serve.output());
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + serve.port() + "/api/alerts");
            com.fasterxml.jackson.databind.JsonNode[] got = new com.fasterxml.jackson.databind.JsonNode[1];
            await(() -> {
                try {
                    got[0] = json.readTree(http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body());
                    return got[0].get("accepted").asInt() >= 6;
                } catch (Exception e) {
                    return false;
                }
            }, 60_000, "one truck alert and five live records");
            Set<String> kinds = new TreeSet<>();
            for (com.fasterxml.jackson.databind.JsonNode a : got[0].get("alerts")) {
                kinds.add(a.has("rule") ? "TRUCK" : a.get("kind").asText() + ":" + a.get("status").asText());
            }
            assertEquals(Set.of("TRUCK", "SURGE:OPEN", "SURGE:CLOSED", "RECURRENCE:OPEN", "OVERDUE_DISPATCH:OPEN",
                    "OVERDUE_CLOSE:OPEN"), kinds);
            assertEquals(6, got[0].get("accepted").asInt(), got[0].toString());
        }
    }
}
