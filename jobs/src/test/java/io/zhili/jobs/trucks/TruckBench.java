package io.zhili.jobs.trucks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.jobs.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code scripts/bench.sh trucks}: the truck job with all rules on, on a local MiniCluster.
 * <ol>
 *   <li>throughput from a file (the fleet stream of {@link HandMadeWorld#fleet}, {@code TRUCKS} trucks);</li>
 *   <li>throughput through a local Kafka broker (produced beforehand, read with {@code --stop-at-end});</li>
 *   <li>event-to-alert latency at a fixed input rate: the file paced to {@code RATE} reports/s, alerts
 *       to a transactional topic read with {@code read_committed}; latency is the wall time from the
 *       moment the report that ends an episode entered the job to the moment a consumer received the
 *       committed alert (so it includes the wait for the next report, the watermark bound in event
 *       time and the checkpoint that commits the transaction).</li>
 * </ol>
 * Arguments: {@code [trucks] [rate] [checkpoint-ms] [out-of-order-ms] [parallelism]}.
 */
public final class TruckBench {
    private static final Map<String, Long> INGESTED = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int trucks = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        long checkpointMs = args.length > 2 ? Long.parseLong(args[2]) : 500;
        long outOfOrderMs = args.length > 3 ? Long.parseLong(args[3]) : 120_000;
        int parallelism = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        Path dir = Files.createTempDirectory("zhili-truck-bench-");
        Path routes = HandMadeWorld.routes(dir);
        Path sites = HandMadeWorld.sites(dir);
        Path zones = HandMadeWorld.zones(dir);
        List<String> fleet = HandMadeWorld.fleet(trucks);
        Path gps = Files.write(dir.resolve("fleet.jsonl"), fleet);
        TruckJobOptions base = TruckJobOptions.defaults().withCheckpointInterval(Duration.ofMillis(checkpointMs))
                .withOutOfOrderness(Duration.ofMillis(outOfOrderMs));
        List<String> report = new ArrayList<>();
        report.add(String.format("fleet: %d trucks, %d reports, parallelism %d, checkpoints %d ms, out-of-order %d ms",
                trucks, fleet.size(), parallelism, checkpointMs, outOfOrderMs));

        Map<String, Object> file = new TruckRun(TruckRun.Input.file(gps), routes, sites, zones, dir.resolve("file"),
                base, parallelism).execute();
        report.add(line("file", file));

        try (KafkaBroker kafka = new KafkaBroker()) {
            kafka.start();
            kafka.createTopic("gps", parallelism);
            kafka.createTopic("alerts", 1);
            long t0 = System.nanoTime();
            produce(kafka.bootstrapServers(), "gps", fleet);
            report.add(String.format("kafka produce: %d reports in %.1f s", fleet.size(), (System.nanoTime() - t0) / 1e9));
            Map<String, Object> viaKafka = new TruckRun(TruckRun.Input.kafka(kafka.bootstrapServers(), "gps", true),
                    routes, sites, zones, dir.resolve("kafka"), base.withAlertsTopic("alerts"), parallelism).execute();
            report.add(line("kafka", viaKafka));

            kafka.createTopic("alerts-latency", 1);
            List<Long> latencies = new ArrayList<>();
            AtomicBoolean done = new AtomicBoolean();
            Thread consumer = new Thread(() -> consume(kafka.bootstrapServers(), "alerts-latency", latencies, done));
            consumer.start();
            Map<String, Object> paced = new TruckRun(new TruckRun.Input(gps, kafka.bootstrapServers(), null, true),
                    routes, sites, zones, dir.resolve("latency"), base.withAlertsTopic("alerts-latency"), parallelism)
                    .withRawTap(new Paced(rate)).execute();
            Thread.sleep(2000);
            done.set(true);
            consumer.join();
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            report.add(line("paced", paced));
            report.add(String.format("latency at %,d reports/s: %d alerts, p50 %d ms, p95 %d ms, p99 %d ms, max %d ms",
                    rate, sorted.length, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                    sorted.length == 0 ? -1 : sorted[sorted.length - 1]));
        }
        System.out.println();
        report.forEach(System.out::println);
    }

    private static String line(String name, Map<String, Object> s) {
        Map<?, ?> gps = (Map<?, ?>) s.get("gps");
        Map<?, ?> d = (Map<?, ?>) s.get("durations_ms");
        return String.format("%s: %s reports, %s alerts, job %s ms, total %s ms, %s reports/s (job time)", name,
                gps.get("read"), ((Map<?, ?>) s.get("alerts")).get("total"), d.get("job_net_runtime_ms"),
                d.get("total_ms"), s.get("points_per_s"));
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void produce(String bootstrap, String topic, List<String> lines) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (String line : lines) {
                producer.send(new ProducerRecord<>(topic, truck(line).getBytes(StandardCharsets.UTF_8),
                        line.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private static String truck(String line) {
        return line.substring(line.indexOf("\"truck_id\":\"") + 12, line.indexOf("\",\"ts\""));
    }

    private static String key(String truck, long ts) {
        return truck + '|' + ts;
    }

    private static void consume(String bootstrap, String topic, List<Long> latencies, AtomicBoolean done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(topic));
            while (!done.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    JsonNode a = json.readTree(r.value());
                    Long in = INGESTED.get(key(a.get("truck_id").asText(), a.get("end_ts").asLong()));
                    if (in != null) {
                        latencies.add(now - in);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Paces the input to a fixed rate and notes when each report entered the job. */
    static final class Paced implements MapFunction<byte[], byte[]> {
        private final int rate;
        private long start;
        private long n;

        Paced(int rate) {
            this.rate = rate;
        }

        @Override
        public byte[] map(byte[] raw) throws Exception {
            if (start == 0) {
                start = System.nanoTime();
            }
            long due = start + n++ * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String line = new String(raw, StandardCharsets.UTF_8);
            int ts = line.indexOf("\"ts\":");
            if (ts > 0) {
                INGESTED.put(key(truck(line), Long.parseLong(line.substring(ts + 5, line.indexOf(",\"lon\"")))),
                        System.currentTimeMillis());
            }
            return raw;
        }
    }

    private TruckBench() {
    }
}
