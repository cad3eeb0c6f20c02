package io.zhili.jobs.trucks;

import io.zhili.datasets.trucks.TruckDataGenerator;
import io.zhili.datasets.trucks.TruthScore;
import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.RuleType;
import io.zhili.geo.trucks.Severity;
import io.zhili.jobs.common.RunDirectory;
import io.zhili.jobs.testing.KafkaBroker;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code scripts/bench.sh trucks}: the truck job with all rules on, on a local MiniCluster, over the
 * generator's night of a fleet ({@link TruckDataGenerator}: every rule planted, reports up to 15 s out
 * of order, duplicates, GPS jumps and junk lines), generated once into {@code work/bench-trucks-N}.
 * <ol>
 *   <li><b>file</b>: throughput from {@code gps.jsonl};</li>
 *   <li><b>kafka</b>: throughput through a local broker (produced beforehand, 2 partitions keyed by
 *       truck, read with {@code --stop-at-end}, alerts to a transactional topic);</li>
 *   <li><b>latency</b>: the first {@code RATE × LATENCY_S} lines replayed from a file at {@code RATE}
 *       lines/s, alerts to a transactional topic read by two consumers, {@code read_uncommitted} and
 *       {@code read_committed}.</li>
 *   <li><b>updates</b> (only when named in {@code ZHILI_BENCH_PHASES}): the file phase without and with
 *       1 000 reference updates spread over the night, alternating, and the ratio of their rates.</li>
 * </ol>
 * Throughput is given two ways: over the job's net runtime (deployment and start-up included) and
 * over the time from the first record read to the end of the job. Both throughput phases run with the
 * job's default options (5 s checkpoints); {@code CHECKPOINT_MS} is the latency phase's interval.
 * Each phase also reports the JVM's CPU time (user + system) and checks the alerts: per-rule
 * precision/recall against the generator's truth (throughput phases) or equality with an offline
 * replay of the rule engine (latency phase).
 *
 * <p><b>Latency.</b> An event-time job can emit an alert only when the watermark has passed the report
 * (or engine timer) at which the rule engine emits it, and the watermark trails the newest event time
 * read by the out-of-orderness bound. That wait is configured semantics, and in a replay its wall-clock
 * length depends on how much faster than real time the replay runs, so the benchmark measures from
 * the moment the alert became <em>decidable</em>: the wall time at which the source had read an
 * event time of at least decision time + bound + 1 ms ({@link DecisionTimes}). What remains is the
 * job's own latency: the periodic watermark emission, network buffers, the rules, the sink, and for
 * {@code read_committed} the wait for the checkpoint that commits the Kafka transaction (alerts are
 * visible to {@code read_committed} consumers only when that checkpoint completes). For comparison it
 * also gives the latency from the report that ended the episode, which adds the wait for the report
 * that breaks it and the bound converted to wall time at the replay's speed.
 *
 * <p>Arguments: {@code [trucks 1000] [rate 20000] [checkpoint-ms 500] [out-of-order-ms 120000]
 * [parallelism 2] [latency-s 20]}. Phases: {@code ZHILI_BENCH_PHASES} (default {@code file,kafka,latency});
 * data directory: {@code ZHILI_BENCH_DATA} (default {@code work/bench-trucks-TRUCKS}); the runs' outputs go to
 * a temporary directory, removed at the end unless {@code ZHILI_BENCH_KEEP} is set.
 */
public final class TruckBench {
    private static final long SEED = 20251124L;

    public static void main(String[] args) throws Exception {
        int trucks = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        long checkpointMs = args.length > 2 ? Long.parseLong(args[2]) : 500;
        long outOfOrderMs = args.length > 3 ? Long.parseLong(args[3]) : 120_000;
        int parallelism = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int latencySeconds = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        Set<String> phases = Set.of(env("ZHILI_BENCH_PHASES", "file,kafka,latency").split(","));
        Path data = Path.of(env("ZHILI_BENCH_DATA", "work/bench-trucks-" + trucks)).toAbsolutePath();
        if (!Files.exists(data.resolve("bench-ready"))) {
            System.out.println(TruckDataGenerator.generate(data, trucks, SEED));
            Files.writeString(data.resolve("bench-ready"), "generated with seed " + SEED + "\n");
        }
        Path gps = data.resolve("gps.jsonl");
        Path routes = data.resolve("routes.geojson");
        Path sites = data.resolve("sites.geojson");
        Path zones = data.resolve("zones.geojson");
        Path work = Files.createTempDirectory("zhili-truck-bench-");
        long records;
        try (java.util.stream.Stream<String> lines = Files.lines(gps, StandardCharsets.UTF_8)) {
            records = lines.count();
        }
        TruckJobOptions defaults = TruckJobOptions.defaults().withOutOfOrderness(Duration.ofMillis(outOfOrderMs));

        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "fleet: %d trucks, %s, parallelism %d, out-of-order %d ms, %d cores",
                trucks, gps, parallelism, outOfOrderMs, Runtime.getRuntime().availableProcessors()));

        if (phases.contains("file")) {
            Phase phase = Phase.begin(records);
            Map<String, Object> run = new TruckRun(TruckRun.Input.file(gps), routes, sites, zones, work.resolve("file"),
                    defaults, parallelism).withRawTap(new Ingest()).execute();
            report.add(phase.end("file", run) + "; " + scores(data, work.resolve("file")));
        }

        if (phases.contains("updates")) {
            report.addAll(updates(data, work, defaults, parallelism, records));
        }

        boolean kafka = phases.contains("kafka") || phases.contains("latency");
        try (KafkaBroker broker = kafka ? new KafkaBroker() : null) {
            if (phases.contains("kafka")) {
                broker.start();
                broker.createTopic("gps", parallelism);
                broker.createTopic("alerts", 1);
                long t0 = System.nanoTime();
                long n = produce(broker.bootstrapServers(), "gps", gps);
                report.add(String.format(Locale.ROOT, "kafka produce: %,d records in %.1f s", n, (System.nanoTime() - t0) / 1e9));
                Phase phase = Phase.begin(records);
                Map<String, Object> run = new TruckRun(TruckRun.Input.kafka(broker.bootstrapServers(), "gps", true),
                        routes, sites, zones, work.resolve("kafka"), defaults.withAlertsTopic("alerts"), parallelism)
                        .withRawTap(new Ingest()).execute();
                report.add(phase.end("kafka", run) + "; " + scores(data, work.resolve("kafka")));
            }
            if (phases.contains("latency")) {
                broker.start();
                report.addAll(latency(broker, data, work, defaults.withCheckpointInterval(Duration.ofMillis(checkpointMs)),
                        rate, latencySeconds, parallelism));
            }
        }
        if (System.getenv("ZHILI_BENCH_KEEP") == null) {
            RunDirectory.deleteTree(work);
        } else {
            report.add("outputs kept in " + work);
        }
        System.out.println();
        report.forEach(System.out::println);
    }

    /**
     * The file phase without and with {@value #UPDATE_COUNT} reference updates spread evenly over the
     * night ({@link UpdateMix}), alternating, a warm-up round and {@value #UPDATE_ROUNDS} rounds each; reports the median
     * rates (first record to end, and CPU per record) and their ratio.
     */
    private static List<String> updates(Path data, Path work, TruckJobOptions options, int parallelism, long records)
            throws Exception {
        Path routes = data.resolve("routes.geojson");
        Path sites = data.resolve("sites.geojson");
        Path zones = data.resolve("zones.geojson");
        Path updates = Files.write(work.resolve("updates.jsonl"), UpdateMix.generate(routes, sites, zones,
                TruckDataGenerator.NIGHT_START.toInstant().toEpochMilli(),
                TruckDataGenerator.NIGHT_END.toInstant().toEpochMilli(), UPDATE_COUNT, SEED));
        List<String> out = new ArrayList<>();
        List<double[]> plain = new ArrayList<>();
        List<double[]> updated = new ArrayList<>();
        // Round 0 warms the JVM up (JIT, class loading) and is not counted: the first run of a JVM is
        // several times slower than the next ones.
        for (int round = 0; round <= UPDATE_ROUNDS; round++) {
            for (boolean withUpdates : new boolean[] {false, true}) {
                Path dir = work.resolve((withUpdates ? "updates-" : "plain-") + round);
                Phase phase = Phase.begin(records);
                Map<String, Object> run = new TruckRun(TruckRun.Input.file(data.resolve("gps.jsonl")), routes, sites, zones,
                        dir, options, parallelism).withReferenceUpdates(withUpdates ? updates : null, null)
                        .withRawTap(new Ingest()).execute();
                double[] rate = phase.rates(run);
                if (round > 0) {
                    (withUpdates ? updated : plain).add(rate);
                }
                out.add((round == 0 ? "warm-up " : "") + phase.end(withUpdates ? "file+updates" : "file", run)
                        + (withUpdates ? "; updates " + run.get("updates") : ""));
                RunDirectory.deleteTree(dir);
            }
        }
        double[] p = median(plain);
        double[] u = median(updated);
        // Each round's two runs follow each other, so their ratio is steadier than the ratio of medians
        // on a machine whose load changes from one minute to the next.
        List<double[]> ratios = new ArrayList<>();
        for (int i = 0; i < plain.size(); i++) {
            ratios.add(new double[] {updated.get(i)[0] / plain.get(i)[0], updated.get(i)[1] / plain.get(i)[1]});
        }
        double[] r = median(ratios);
        out.add(String.format(Locale.ROOT, "updates: %d reference updates over the night; median first record to end %,.0f"
                        + " records/s without, %,.0f with (ratio %.3f); CPU per record %.2f µs without, %.2f with (ratio %.3f);"
                        + " median of the rounds' ratios: rate %.3f, CPU per record %.3f",
                UPDATE_COUNT, p[0], u[0], u[0] / p[0], p[1], u[1], u[1] / p[1], r[0], r[1]));
        return out;
    }

    private static final int UPDATE_COUNT = 1000;
    private static final int UPDATE_ROUNDS = 3;

    private static double[] median(List<double[]> runs) {
        double[] m = new double[2];
        for (int k = 0; k < 2; k++) {
            final int col = k;
            double[] v = runs.stream().mapToDouble(r -> r[col]).sorted().toArray();
            m[k] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return m;
    }

    private static List<String> latency(KafkaBroker broker, Path data, Path work, TruckJobOptions options, int rate,
                                        int seconds, int parallelism) throws Exception {
        List<String> lines = new ArrayList<>(rate * seconds);
        try (BufferedReader r = Files.newBufferedReader(data.resolve("gps.jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while (lines.size() < rate * seconds && (line = r.readLine()) != null) {
                lines.add(line);
            }
        }
        Path input = Files.write(work.resolve("latency.jsonl"), lines);
        Path routes = data.resolve("routes.geojson");
        Path sites = data.resolve("sites.geojson");
        Path zones = data.resolve("zones.geojson");
        long bound = options.outOfOrderness().toMillis();
        DecisionTimes decisions = DecisionTimes.of(lines, ReferenceLayers.read(routes, sites, zones), options.rules(), bound);
        lines = null;

        String topic = "alerts-latency";
        broker.createTopic(topic, 1);
        Paced.WALL = new long[decisions.lineTs.length];
        Paced.COUNT.set(0);
        Phase phase = Phase.begin(decisions.lineTs.length);
        Map<String, Object> run;
        try (AlertArrivals uncommitted = new AlertArrivals(broker.bootstrapServers(), topic, "read_uncommitted").start();
             AlertArrivals committed = new AlertArrivals(broker.bootstrapServers(), topic, "read_committed").start()) {
            run = new TruckRun(new TruckRun.Input(input, broker.bootstrapServers(), null, true), routes, sites, zones,
                    work.resolve("latency"), options.withAlertsTopic(topic), parallelism).withRawTap(new Paced(rate))
                    .execute();
            Thread.sleep(2000);
            return latencyReport(phase.end("paced", run), decisions, uncommitted.arrivals, committed.arrivals, rate,
                    bound, options.checkpointInterval().toMillis());
        }
    }

    private static List<String> latencyReport(String runLine, DecisionTimes d, Map<String, Long> uncommitted,
                                              Map<String, Long> committed, int rate, long bound, long checkpointMs) {
        long[] wall = Paced.WALL;
        int n = (int) Math.min(Paced.COUNT.get(), wall.length);
        List<Long> fromDecidable = new ArrayList<>();
        List<Long> committedFromDecidable = new ArrayList<>();
        List<Long> committedFromLastReport = new ArrayList<>();
        int atEnd = 0;
        int missing = 0;
        for (Map.Entry<String, Long> e : d.decidedAt.entrySet()) {
            String id = e.getKey();
            Long seenUncommitted = uncommitted.get(id);
            Long seenCommitted = committed.get(id);
            if (seenUncommitted == null || seenCommitted == null) {
                missing++;
                continue;
            }
            if (e.getValue() == DecisionTimes.END_OF_INPUT) {
                atEnd++;
                continue;
            }
            int line = d.firstLineReaching(e.getValue() + bound + 1);
            if (line < 0 || line >= n) {
                atEnd++;
                continue;
            }
            fromDecidable.add(seenUncommitted - wall[line]);
            committedFromDecidable.add(seenCommitted - wall[line]);
            Alert a = d.alerts.get(id);
            Integer last = d.firstLine.get(a.truckId() + '|' + a.endTs());
            if (last != null && last < n) {
                committedFromLastReport.add(seenCommitted - wall[last]);
            }
        }
        long extra = committed.keySet().stream().filter(id -> !d.decidedAt.containsKey(id)).count();
        double replaySeconds = (wall[n - 1] - wall[0]) / 1e9;
        long eventSpan = d.maxTsSoFar[n - 1] - Arrays.stream(d.lineTs).filter(t -> t != Long.MIN_VALUE).min().orElse(0);
        double speedup = eventSpan / 1000.0 / replaySeconds;
        List<String> out = new ArrayList<>();
        out.add(runLine);
        out.add(String.format(Locale.ROOT, "latency replay: %,d lines at %,d lines/s asked, %,.0f/s achieved; event time ran"
                        + " %.0fx faster than wall time, so the %d ms out-of-orderness bound was %.0f ms of wall time;"
                        + " checkpoints every %d ms", n, rate, n / replaySeconds, speedup, bound, bound / speedup,
                checkpointMs));
        out.add(String.format(Locale.ROOT, "latency alerts: %d expected by the offline engine replay, %d decided only at end"
                + " of input (not timed), %d missing from the topic, %d on the topic but not expected", d.decidedAt.size(),
                atEnd, missing, extra));
        out.add(percentiles("latency decidable -> read_uncommitted", fromDecidable));
        out.add(percentiles("latency decidable -> read_committed  ", committedFromDecidable));
        out.add(percentiles("latency last report of the episode -> read_committed", committedFromLastReport));
        return out;
    }

    /** "NAME: N alerts, p50 … ms, p95, p99, max" of latencies in nanoseconds (shared with the live bench). */
    public static String percentiles(String name, List<Long> nanos) {
        long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "%s: %d alerts, p50 %d ms, p95 %d ms, p99 %d ms, max %d ms", name, s.length,
                pct(s, 50), pct(s, 95), pct(s, 99), s.length == 0 ? -1 : s[s.length - 1] / 1_000_000);
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? -1
                : sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))] / 1_000_000;
    }

    /** The lowest per-rule precision and recall of a run's alerts against the generator's truth. */
    private static String scores(Path data, Path out) throws Exception {
        List<Alert> alerts = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT alert_id, rule, truck_id, epoch_ms(start_ts), epoch_ms(end_ts) FROM"
                     + " read_parquet('" + out.resolve("alerts/*.parquet") + "')")) {
            while (rs.next()) {
                alerts.add(new Alert(rs.getString(1), RuleType.valueOf(rs.getString(2)), rs.getString(3), null,
                        rs.getLong(4), rs.getLong(5), 0, 0, Double.NaN, 0, Severity.LOW, ""));
            }
        }
        double precision = 1;
        double recall = 1;
        for (TruthScore.Score s : TruthScore.score(TruthScore.read(data.resolve("truth/violations.csv")), alerts).values()) {
            precision = Math.min(precision, s.precision());
            recall = Math.min(recall, s.recall());
        }
        return String.format(Locale.ROOT, "lowest per-rule precision %.3f, recall %.3f", precision, recall);
    }

    private static long produce(String bootstrap, String topic, Path gps) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long n = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
             BufferedReader r = Files.newBufferedReader(gps, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                producer.send(new ProducerRecord<>(topic, KafkaBroker.truckKey(line), line.getBytes(StandardCharsets.UTF_8)));
                n++;
            }
        }
        return n;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Wall and CPU time of one phase, with the ingest marks of {@link Ingest}. */
    private record Phase(long startNanos, long startCpuNanos) {
        /** Starts a phase whose input has {@code records} records. */
        static Phase begin(long records) {
            Ingest.reset(records);
            return new Phase(System.nanoTime(), cpuNanos());
        }

        String end(String name, Map<String, Object> run) {
            long now = System.nanoTime();
            long cpuNow = cpuNanos();
            Map<?, ?> gps = (Map<?, ?>) run.get("gps");
            Map<?, ?> d = (Map<?, ?>) run.get("durations_ms");
            long read = ((Number) gps.get("read")).longValue();
            double streaming = (now - Ingest.FIRST[0]) / 1e9;
            double secondHalf = (now - Ingest.HALF[0]) / 1e9;
            return String.format(Locale.ROOT, "%s: %,d records, %s alerts; job %s ms → %,d records/s; first record to end"
                            + " %.1f s → %,.0f records/s, CPU %.1f s; second half %.1f s → %,.0f records/s, CPU %.1f s;"
                            + " JVM CPU %.1f s over the phase's %.1f s; records/s by tenth of the input: %s", name, read,
                    ((Map<?, ?>) run.get("alerts")).get("total"), d.get("job_net_runtime_ms"), run.get("points_per_s"),
                    streaming, read / streaming, (cpuNow - Ingest.FIRST[1]) / 1e9, secondHalf,
                    (read - read / 2) / secondHalf, (cpuNow - Ingest.HALF[1]) / 1e9, (cpuNow - startCpuNanos) / 1e9,
                    (now - startNanos) / 1e9, Ingest.tenths(now));
        }

        /** {records/s from the first record to now, JVM CPU µs per record over the same span}. */
        double[] rates(Map<String, Object> run) {
            long now = System.nanoTime();
            long cpuNow = cpuNanos();
            long read = ((Number) ((Map<?, ?>) run.get("gps")).get("read")).longValue();
            return new double[] {read / ((now - Ingest.FIRST[0]) / 1e9), (cpuNow - Ingest.FIRST[1]) / 1e3 / read};
        }

        static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }
    }

    /**
     * Notes when the first record and the record half-way through the input entered the job (wall and
     * JVM CPU time; same JVM: a MiniCluster). The job's buffers between source and rules are small, so
     * the time from the half-way record to the end is the second half's processing time: a steady-state
     * rate, with start-up and most of the JIT compiler's work behind it.
     */
    public static final class Ingest implements MapFunction<byte[], byte[]> {
        /** {nanoTime, JVM CPU nanos} of the first record. */
        public static final long[] FIRST = new long[2];
        /** {nanoTime, JVM CPU nanos} of the record half-way through. */
        public static final long[] HALF = new long[2];
        /** nanoTime at which each tenth of the input had entered. */
        static final long[] TENTHS = new long[10];
        private static final AtomicLong SEEN = new AtomicLong();
        private static volatile long half;
        private static volatile long tenth;

        public static void reset(long records) {
            SEEN.set(0);
            half = Math.max(1, records / 2);
            tenth = Math.max(1, records / 10);
            Arrays.fill(TENTHS, 0);
        }

        /** Records per second in each tenth of the input, the last one up to {@code end}. */
        public static String tenths(long end) {
            StringBuilder b = new StringBuilder();
            long previous = FIRST[0];
            for (int i = 1; i <= 10; i++) {
                long at = i < 10 ? TENTHS[i] : end;
                if (at == 0) {
                    break;
                }
                b.append(i == 1 ? "" : " ").append(String.format(Locale.ROOT, "%,.0f", tenth / ((at - previous) / 1e9)));
                previous = at;
            }
            return b.toString();
        }

        @Override
        public byte[] map(byte[] raw) {
            count();
            return raw;
        }

        static void count() {
            long n = SEEN.incrementAndGet();
            if (n == 1) {
                mark(FIRST);
            } else if (n == half) {
                mark(HALF);
            }
            if (n % tenth == 0 && n / tenth < 10) {
                TENTHS[(int) (n / tenth)] = System.nanoTime();
            }
        }

        private static void mark(long[] at) {
            at[0] = System.nanoTime();
            at[1] = Phase.cpuNanos();
        }
    }

    /** Paces the input to a fixed rate and notes when each line entered the job (one reader subtask). */
    public static final class Paced implements MapFunction<byte[], byte[]> {
        public static long[] WALL = new long[0];
        public static final AtomicLong COUNT = new AtomicLong();
        private final int rate;
        private transient long start;
        private transient long n;

        public Paced(int rate) {
            this.rate = rate;
        }

        @Override
        public byte[] map(byte[] raw) throws Exception {
            if (start == 0) {
                start = System.nanoTime();
            }
            Ingest.count();
            long due = start + n * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (n < WALL.length) {
                WALL[(int) n] = System.nanoTime();
            }
            n++;
            COUNT.set(n);
            return raw;
        }
    }

    private TruckBench() {
    }
}
