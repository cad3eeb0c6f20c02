package io.zhili.jobs.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhili.cli.ZhiliCommand;
import io.zhili.datasets.QingdaoGenerator;
import io.zhili.datasets.Scale;
import io.zhili.datasets.live.LiveDayGenerator;
import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.live.ServiceLevels;
import io.zhili.jobs.common.RunDirectory;
import io.zhili.jobs.testing.KafkaBroker;
import io.zhili.jobs.trucks.AlertArrivals;
import io.zhili.jobs.trucks.TruckBench;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code scripts/bench.sh live}: {@code zhili live} ({@link LiveRun}, MiniCluster) measured three ways.
 * <ol>
 *   <li><b>registry</b>: heap used after full GCs without and with the component registry of
 *       {@code ZHILI_BENCH_REGISTRY} (default {@code work/bench-full/parquet/components}, 1.9 M components)
 *       loaded the way the job loads it ({@link LiveReference#registry()});</li>
 *   <li><b>kafka</b>: events/s through a local broker: the generated live day of a data set of SCALE
 *       (generated once into {@code work/bench-live-SCALE}, with {@code zhili hotspots} over its year as
 *       the baseline) replayed day after day, shifted by whole days and with fresh case_ids, until at least
 *       EVENTS events, produced beforehand to a 2-partition topic keyed by case_id and read with
 *       {@code --stop-at-end}, alerts to a transactional topic;</li>
 *   <li><b>latency</b>: the first {@code RATE × LATENCY_S} events of that stream replayed from a file at RATE
 *       events/s, alerts to a transactional topic read by a {@code read_uncommitted} and a {@code read_committed}
 *       consumer. Every rule of the job is decided on the watermark, so an alert becomes <em>decidable</em> when
 *       the source has read an event time of at least its {@code decided_at} + the out-of-order bound + 1 ms;
 *       latency runs from that wall-clock moment to the alert's arrival (the trucks bench's definition).</li>
 * </ol>
 * Arguments: {@code [scale small] [events 1000000] [rate 1000] [latency-s 60] [parallelism 2] [checkpoint-ms 500]};
 * phases: {@code ZHILI_BENCH_PHASES} (default {@code registry,kafka,latency}). Each phase also reports the
 * load average of the machine at its start and end.
 */
public final class LiveBench {
    private static final long SEED = 20251;
    private static final long DAY_MS = 86_400_000L;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String[] TIMES = {"reported_at", "verified_at", "dispatched_at", "disposed_at", "closed_at"};

    public static void main(String[] args) throws Exception {
        Scale scale = Scale.valueOf((args.length > 0 ? args[0] : "small").toUpperCase(Locale.ROOT));
        long target = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int latencySeconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        int parallelism = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        long checkpointMs = args.length > 5 ? Long.parseLong(args[5]) : 500;
        Set<String> phases = Set.of(env("ZHILI_BENCH_PHASES", "registry,kafka,latency").split(","));
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "live bench: scale %s, %d cores, parallelism %d, max heap %d MiB",
                scale, Runtime.getRuntime().availableProcessors(), parallelism, Runtime.getRuntime().maxMemory() >> 20));

        if (phases.contains("registry")) {
            report.add(registry(Path.of(env("ZHILI_BENCH_REGISTRY", "work/bench-full/parquet/components"))));
        }
        if (!phases.contains("kafka") && !phases.contains("latency")) {
            print(report);
            return;
        }
        Path data = Path.of(env("ZHILI_BENCH_DATA", "work/bench-live-" + scale.name().toLowerCase(Locale.ROOT)))
                .toAbsolutePath();
        Path baseline = data.resolve("baseline");
        if (!Files.exists(data.resolve("bench-ready"))) {
            RunDirectory.deleteTree(data);
            QingdaoGenerator.generate(data, scale, SEED, 2, new PrintStream(System.out, true, StandardCharsets.UTF_8));
            int exit = ZhiliCommand.execute("hotspots", "--components", data.resolve("components.csv").toString(),
                    "--cases", data.resolve("cases.csv").toString(), "--out", baseline.toString(),
                    "--parallelism", String.valueOf(parallelism));
            if (exit != 0) {
                throw new IllegalStateException("zhili hotspots failed (exit " + exit + ")");
            }
            Files.writeString(data.resolve("bench-ready"), "generated with seed " + SEED + "\n");
        }
        Path events = data.resolve("bench-events-" + target + ".jsonl");
        if (!Files.exists(events)) {
            Path tmp = data.resolve("bench-events.tmp");
            Files.writeString(data.resolve("bench-events-days.txt"),
                    "days " + synthesise(data.resolve(LiveDayGenerator.EVENTS), tmp, target) + "\n");
            Files.move(tmp, events);
        }
        long lines;
        try (var s = Files.lines(events, StandardCharsets.UTF_8)) {
            lines = s.count();
        }
        report.add(String.format(Locale.ROOT, "events: %,d lines (%s, the live day replayed %s), %s", lines, events,
                Files.readString(data.resolve("bench-events-days.txt")).trim(), data.resolve("components.csv")));
        Path work = Files.createTempDirectory("zhili-live-bench-");
        LiveOptions defaults = LiveOptions.defaults();
        try (KafkaBroker broker = new KafkaBroker()) {
            broker.start();
            if (phases.contains("kafka")) {
                broker.createTopic("city-cases", parallelism);
                broker.createTopic("city-alerts", 1);
                long t0 = System.nanoTime();
                long n = produce(broker.bootstrapServers(), "city-cases", events);
                report.add(String.format(Locale.ROOT, "kafka produce: %,d records in %.1f s", n, (System.nanoTime() - t0) / 1e9));
                String load0 = loadAverage();
                TruckBench.Ingest.reset(lines);
                long start = System.nanoTime();
                long cpu0 = cpuNanos();
                Map<String, Object> run = new LiveRun(LiveRun.Input.kafka(broker.bootstrapServers(), "city-cases", true),
                        data.resolve("components.csv"), baseline, work.resolve("kafka"),
                        defaults.withAlertsTopic("city-alerts"), parallelism).withRawTap(new TruckBench.Ingest()).execute();
                long end = System.nanoTime();
                long read = ((Number) ((Map<?, ?>) run.get("events")).get("read")).longValue();
                double streaming = (end - TruckBench.Ingest.FIRST[0]) / 1e9;
                double secondHalf = (end - TruckBench.Ingest.HALF[0]) / 1e9;
                report.add(String.format(Locale.ROOT, "kafka: %,d events read (accepted %s), alerts %s; job net runtime %s ms"
                                + " -> %s events/s; first record to end %.1f s -> %,.0f events/s; second half %.1f s -> %,.0f"
                                + " events/s; JVM CPU %.1f s over the phase's %.1f s; events/s by tenth: %s; load average"
                                + " (1/5/15 min) at start %s, at end %s",
                        read, ((Map<?, ?>) run.get("events")).get("accepted"), ((Map<?, ?>) run.get("alerts")).get("by_kind"),
                        ((Map<?, ?>) run.get("durations_ms")).get("job_net_runtime_ms"), run.get("events_per_s"), streaming,
                        read / streaming, secondHalf, (read - read / 2) / secondHalf, (cpuNanos() - cpu0) / 1e9,
                        (end - start) / 1e9, TruckBench.Ingest.tenths(end), load0, loadAverage()));
            }
            if (phases.contains("latency")) {
                report.addAll(latency(broker, events, data, baseline, work,
                        defaults.withCheckpointInterval(Duration.ofMillis(checkpointMs)), rate, latencySeconds, parallelism));
            }
        } finally {
            if (System.getenv("ZHILI_BENCH_KEEP") == null) {
                RunDirectory.deleteTree(work);
            } else {
                report.add("outputs kept in " + work);
            }
        }
        print(report);
    }

    /** Heap used after full GCs before and after loading the registry, and the load's wall time. */
    private static String registry(Path components) {
        String load0 = loadAverage();
        long before = heapAfterGc();
        long t0 = System.nanoTime();
        LiveReference reference = new LiveReference(components, components, null, ClassCatalog.standard(),
                ServiceLevels.defaults(), LiveOptions.defaults());
        ComponentRegistry registry = reference.registry();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        long after = heapAfterGc();
        String line = String.format(Locale.ROOT, "registry: %s, %,d components in the index, counts %s; load %.1f s;"
                        + " heap after GC %,d MiB without, %,d MiB with -> the registry takes %,d MiB (%.0f bytes per"
                        + " component); load average at start %s, at end %s",
                components, registry.size(), registry.counts(), loadSeconds, before >> 20, after >> 20,
                (after - before) >> 20, (double) (after - before) / registry.size(), load0, loadAverage());
        LiveReference.clearCaches();
        return line;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Writes the live day again and again, day d shifted by d days with case_ids suffixed {@code -dN}, until at
     * least {@code target} lines; lines that are not JSON objects (the generator's junk) are copied as they are.
     * Returns the number of days written.
     */
    static int synthesise(Path liveDay, Path out, long target) throws Exception {
        List<String> day = Files.readAllLines(liveDay, StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        long written = 0;
        int d = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (; written < target; d++) {
                for (String line : day) {
                    w.write(d == 0 ? line : shifted(json, line, d));
                    w.newLine();
                    written++;
                }
            }
        }
        return d;
    }

    private static String shifted(ObjectMapper json, String line, int days) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (Exception e) {
            return line;
        }
        if (!(node instanceof ObjectNode o)) {
            return line;
        }
        if (o.hasNonNull("case_id")) {
            o.put("case_id", o.get("case_id").asText() + "-d" + days);
        }
        for (String field : TIMES) {
            long t = epochMs(o.get(field));
            if (t != Long.MIN_VALUE) {
                o.put(field, t + days * DAY_MS);
            }
        }
        return o.toString();
    }

    /** A lifecycle timestamp as the generator writes it (epoch ms or an ISO-8601 string); MIN_VALUE if none. */
    static long epochMs(JsonNode v) {
        if (v == null || v.isNull()) {
            return Long.MIN_VALUE;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            return Long.MIN_VALUE;
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (Exception e) {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (Exception e2) {
                try {
                    return LocalDateTime.parse(s.replace(' ', 'T')).atZone(ZONE).toInstant().toEpochMilli();
                } catch (Exception e3) {
                    return Long.MIN_VALUE; // a bad value the job rejects
                }
            }
        }
    }

    /** Event time of a line (its latest lifecycle timestamp), MIN_VALUE for lines without one. */
    private static long eventTime(ObjectMapper json, String line) {
        try {
            JsonNode n = json.readTree(line);
            long t = Long.MIN_VALUE;
            for (String f : TIMES) {
                t = Math.max(t, epochMs(n.get(f)));
            }
            return t;
        } catch (Exception e) {
            return Long.MIN_VALUE;
        }
    }

    private static List<String> latency(KafkaBroker broker, Path events, Path data, Path baseline, Path work,
                                        LiveOptions options, int rate, int seconds, int parallelism) throws Exception {
        List<String> lines = new ArrayList<>(rate * seconds);
        try (BufferedReader r = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            String line;
            while (lines.size() < rate * seconds && (line = r.readLine()) != null) {
                lines.add(line);
            }
        }
        Path input = Files.write(work.resolve("latency.jsonl"), lines);
        ObjectMapper json = new ObjectMapper();
        long[] maxSoFar = new long[lines.size()];
        long max = Long.MIN_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            max = Math.max(max, eventTime(json, lines.get(i)));
            maxSoFar[i] = max;
        }
        long bound = options.outOfOrder().toMillis();
        String topic = "alerts-latency";
        broker.createTopic(topic, 1);
        TruckBench.Paced.WALL = new long[lines.size()];
        TruckBench.Paced.COUNT.set(0);
        TruckBench.Ingest.reset(lines.size());
        String load0 = loadAverage();
        Map<String, Object> run;
        List<String> out = new ArrayList<>();
        try (AlertArrivals uncommitted = new AlertArrivals(broker.bootstrapServers(), topic, "read_uncommitted").start();
             AlertArrivals committed = new AlertArrivals(broker.bootstrapServers(), topic, "read_committed").start()) {
            run = new LiveRun(new LiveRun.Input(input, broker.bootstrapServers(), null, true), data.resolve("components.csv"),
                    baseline, work.resolve("latency"), options.withAlertsTopic(topic), parallelism)
                    .withRawTap(new TruckBench.Paced(rate)).execute();
            Thread.sleep(2000);
            long[] wall = TruckBench.Paced.WALL;
            int n = (int) Math.min(TruckBench.Paced.COUNT.get(), wall.length);
            List<Long> fromDecidableU = new ArrayList<>();
            List<Long> fromDecidableC = new ArrayList<>();
            int atEnd = 0;
            for (Map.Entry<String, Long> e : uncommitted.decidedAt.entrySet()) {
                int line = firstReaching(maxSoFar, e.getValue() + bound + 1);
                if (line < 0 || line >= n) {
                    atEnd++; // decided by the end of input's watermark: not timed
                    continue;
                }
                fromDecidableU.add(uncommitted.arrivals.get(e.getKey()) - wall[line]);
                Long c = committed.arrivals.get(e.getKey());
                if (c != null) {
                    fromDecidableC.add(c - wall[line]);
                }
            }
            double replaySeconds = (wall[n - 1] - wall[0]) / 1e9;
            out.add(String.format(Locale.ROOT, "latency replay: %,d events at %,d/s asked, %,.0f/s achieved, checkpoints every"
                            + " %d ms, out-of-order bound %d ms; alerts %s; %d alerts on the topic, %d decided only at end of"
                            + " input (not timed); load average at start %s, at end %s", n, rate, n / replaySeconds,
                    options.checkpointInterval().toMillis(), bound, ((Map<?, ?>) run.get("alerts")).get("by_kind"),
                    uncommitted.arrivals.size(), atEnd, load0, loadAverage()));
            out.add(TruckBench.percentiles("latency decidable -> read_uncommitted", fromDecidableU));
            out.add(TruckBench.percentiles("latency decidable -> read_committed  ", fromDecidableC));
        }
        return out;
    }

    private static int firstReaching(long[] maxSoFar, long t) {
        int i = Arrays.binarySearch(maxSoFar, t);
        if (i < 0) {
            i = -i - 1;
        } else {
            while (i > 0 && maxSoFar[i - 1] == t) {
                i--;
            }
        }
        return i >= maxSoFar.length ? -1 : i;
    }

    private static long produce(String bootstrap, String topic, Path events) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        ObjectMapper json = new ObjectMapper();
        long n = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
             BufferedReader r = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                byte[] key = null;
                try {
                    JsonNode id = json.readTree(line).get("case_id");
                    key = id == null ? null : id.asText().getBytes(StandardCharsets.UTF_8);
                } catch (Exception e) {
                    // junk line: no key, the job dead-letters it
                }
                producer.send(new ProducerRecord<>(topic, key, line.getBytes(StandardCharsets.UTF_8)));
                n++;
            }
        }
        return n;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void print(List<String> report) {
        System.out.println();
        report.forEach(System.out::println);
    }

    private LiveBench() {
    }
}
