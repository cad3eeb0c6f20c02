package io.zhili.jobs.trucks;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.fence.UpdateRejectReason;
import io.zhili.geo.trucks.GpsRejectReason;
import io.zhili.geo.trucks.PointVerdict;
import io.zhili.geo.trucks.RuleType;
import io.zhili.geo.trucks.SpillageCase;
import io.zhili.jobs.common.InputPaths;
import io.zhili.jobs.common.JobRunner;
import io.zhili.jobs.common.LineBytesFormat;
import io.zhili.jobs.common.RunDirectory;
import io.zhili.jobs.metrics.PrometheusEndpointFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One run of {@code zhili trucks}: checks the arguments, reads the reference layers, wires the
 * production sources and sinks into {@link TruckMonitorJob} and runs it with a progress line every
 * two seconds.
 *
 * <p>A bounded run (a file, or a Kafka topic read up to its end with {@code stopAtEnd}) writes its
 * tables into a staging directory and publishes them with {@code run.json} (counts and durations)
 * and {@code _SUCCESS} last. An unbounded Kafka run commits Parquet files straight into the tables
 * under {@code out} on every checkpoint and runs until it is cancelled.
 */
public final class TruckRun {
    /**
     * Where the GPS reports come from: the {@code file} when set, else {@code topic} on the
     * {@code kafka} brokers. The alerts topic, when the options name one, is on the {@code kafka}
     * brokers (a file run may also publish alerts to Kafka).
     */
    public record Input(Path file, String kafka, String topic, boolean stopAtEnd) {
        public static Input file(Path file) {
            return new Input(file, null, null, true);
        }

        public static Input kafka(String bootstrap, String topic, boolean stopAtEnd) {
            return new Input(null, bootstrap, topic == null ? TruckKafka.DEFAULT_GPS_TOPIC : topic, stopAtEnd);
        }

        boolean bounded() {
            return file != null || stopAtEnd;
        }
    }

    /** Restarts from the last checkpoint before the run fails. */
    static final int RESTART_ATTEMPTS = 5;
    static final Duration RESTART_DELAY = Duration.ofSeconds(1);
    /**
     * Checkpoint directory of an unbounded run under {@code out} when the environment names none.
     * Hidden, so table globs never see it. A bounded run checkpoints into a temporary directory that
     * is removed when it ends.
     */
    static final String CHECKPOINTS = ".checkpoints";

    private final Input input;
    private final Path routes;
    private final Path sites;
    private final Path zones;
    private final Path out;
    private final TruckJobOptions options;
    private final Integer parallelism;
    private MapFunction<byte[], byte[]> rawTap;
    private Path catalogFile;
    private Path updatesFile;
    private String updatesTopic;
    private String metricsHost = "127.0.0.1";
    private String metricsPort;

    public TruckRun(Input input, Path routes, Path sites, Path zones, Path out, TruckJobOptions options,
                    Integer parallelism) {
        this.input = input;
        this.routes = routes;
        this.sites = sites;
        this.zones = zones;
        this.out = out;
        this.options = options;
        this.parallelism = parallelism;
    }

    /** See {@link TruckMonitorJob#withRawTap}: for fault injection and pacing in tests and benchmarks. */
    public TruckRun withRawTap(MapFunction<byte[], byte[]> tap) {
        this.rawTap = tap;
        return this;
    }

    /**
     * Checks the class of the SPILLAGE cases against {@code file} ({@code --catalog}) instead of the
     * shipped catalog; null for the shipped one.
     */
    public TruckRun withCatalog(Path file) {
        this.catalogFile = file;
        return this;
    }

    /**
     * Reference updates applied while the job runs: a file of JSON lines ({@code --reference-updates})
     * or a topic on the {@code kafka} brokers ({@code --reference-topic}); at most one, both null for none.
     */
    public TruckRun withReferenceUpdates(Path file, String topic) {
        this.updatesFile = file;
        this.updatesTopic = topic;
        return this;
    }

    /**
     * Serves the job's metrics for Prometheus ({@code GET /metrics}) on {@code host} (loopback by
     * default) at {@code port} (a port or a range such as {@code 9250-9260}) while it runs, through
     * {@link io.zhili.jobs.metrics.PrometheusEndpoint}; no endpoint when {@code port} is null. Applies
     * to the embedded MiniCluster; a cluster's reporters are the cluster's configuration.
     */
    public TruckRun withMetrics(String host, String port) {
        if (port != null) {
            io.zhili.jobs.metrics.PrometheusEndpoint.ports(port);
        }
        this.metricsHost = host == null ? "127.0.0.1" : host;
        this.metricsPort = port;
        return this;
    }

    /** Runs the job; returns the run summary ({@code run.json}); an unbounded run returns when cancelled. */
    public Map<String, Object> execute() throws Exception {
        validate();
        long t0 = System.currentTimeMillis();
        ReferenceSnapshot reference = ReferenceSnapshot.read(routes, sites, zones);
        Configuration start = new Configuration();
        if (metricsPort != null) {
            start.setString("metrics.reporter.zhili.factory.class", PrometheusEndpointFactory.class.getName());
            start.setString("metrics.reporter.zhili.host", metricsHost);
            start.setString("metrics.reporter.zhili.port", metricsPort);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(start);
        if (parallelism != null) {
            env.setParallelism(parallelism);
        }
        // A failed task restarts from the last checkpoint; sinks commit exactly once across restarts.
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, RESTART_ATTEMPTS);
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, RESTART_DELAY);
        env.configure(restart);
        Source<byte[], ?, ?> source;
        int sourceParallelism;
        if (input.file() != null) {
            source = FileSource.forRecordStreamFormat(new LineBytesFormat(),
                    new org.apache.flink.core.fs.Path(input.file().toAbsolutePath().toUri())).build();
            // A file is one split and must be replayed in its own order: one reader.
            sourceParallelism = Files.isDirectory(input.file()) ? env.getParallelism() : 1;
        } else {
            source = TruckKafka.gpsSource(input.kafka(), input.topic(), input.stopAtEnd());
            sourceParallelism = env.getParallelism();
        }
        if (input.bounded() && JobRunner.detached(env)) {
            // A bounded run publishes its tables and run.json from the client after the job ends.
            throw new IllegalArgumentException("a bounded trucks run (--gps or --stop-at-end) needs a client that waits "
                    + "for it (flink run without --detached, or scripts/zhili); through the REST API run it unbounded");
        }
        RunDirectory run = input.bounded() ? RunDirectory.create(out) : null;
        Path tables = run != null ? run.staging() : out;
        Path checkpoints = null;
        try {
            Files.createDirectories(tables);
            if (useCheckpointDirectory(env)) {
                checkpoints = run != null ? Files.createTempDirectory("zhili-trucks-checkpoints-") : out.resolve(CHECKPOINTS);
                env.configure(checkpointStorage(checkpoints));
            }
            String alertsTopic = options.alertsTopic();
            TruckMonitorJob job = new TruckMonitorJob(options, source, sourceParallelism, reference,
                    TruckSinks.parquet(tables),
                    alertsTopic == null ? null : TruckKafka.alertsSink(kafkaFor(alertsTopic), alertsTopic,
                            "zhili-trucks-" + UUID.randomUUID().toString().substring(0, 8)));
            if (updatesFile != null) {
                job.withReferenceUpdates(FileSource.forRecordStreamFormat(new LineBytesFormat(),
                        new org.apache.flink.core.fs.Path(updatesFile.toAbsolutePath().toUri())).build(), 1, true);
            } else if (updatesTopic != null) {
                // Updates are few: one reader keeps them in one ordered stream.
                job.withReferenceUpdates(TruckKafka.referenceSource(input.kafka(), updatesTopic, input.stopAtEnd()), 1,
                        input.stopAtEnd());
            }
            job.withRawTap(rawTap).build(env);
            Map<String, Object> accumulators = JobRunner.run(env, "zhili trucks", TruckCounters.GPS_READ);
            if (accumulators.containsKey(JobRunner.DETACHED)) {
                // Submitted through the REST API: the job commits its tables on checkpoints until it is stopped.
                Map<String, Object> submitted = new LinkedHashMap<>();
                submitted.put("job", "trucks");
                submitted.put("job_id", accumulators.get(JobRunner.JOB_ID));
                submitted.put("detached", true);
                return submitted;
            }
            long finished = System.currentTimeMillis();
            Map<String, Object> summary = summary(accumulators, t0, finished, env.getParallelism());
            if (run != null) {
                run.publish(Arrays.asList(TruckTables.ALL), summary);
            }
            return summary;
        } catch (Exception | Error e) {
            if (run != null) {
                run.abandon();
            }
            throw e;
        } finally {
            if (run != null && checkpoints != null) {
                deleteCheckpoints(checkpoints);
            }
        }
    }

    /**
     * True when checkpoints must go to a directory of the run's own: the environment (a cluster's
     * configuration) names none. Flink would otherwise keep them in the JobManager's memory, which
     * refuses any subtask state over 5 MB, and a fleet of a thousand trucks has more than that.
     */
    private static boolean useCheckpointDirectory(StreamExecutionEnvironment env) {
        return env.getConfiguration().getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isEmpty();
    }

    private static Configuration checkpointStorage(Path dir) {
        Configuration storage = new Configuration();
        storage.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toAbsolutePath().toUri().toString());
        return storage;
    }

    /**
     * Removes a bounded run's checkpoints. Flink discards the last checkpoint itself, asynchronously,
     * and may still be at it when the job's result is in, so a failed attempt is tried again.
     */
    private static void deleteCheckpoints(Path dir) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                RunDirectory.deleteTree(dir);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        // Left behind: a temporary directory, harmless.
    }

    private String kafkaFor(String alertsTopic) {
        if (input.kafka() == null) {
            throw new IllegalArgumentException("--alerts-topic " + alertsTopic + " needs --kafka HOST:PORT");
        }
        return input.kafka();
    }

    private void validate() {
        if (input.file() == null && input.kafka() == null) {
            throw new IllegalArgumentException("one of --gps and --kafka is required");
        }
        if (input.file() != null && !Files.isReadable(input.file())) {
            throw new IllegalArgumentException("--gps " + input.file() + " does not exist or is not readable");
        }
        if (input.kafka() != null && !input.kafka().matches("[^:,\\s]+:\\d{1,5}(,[^:,\\s]+:\\d{1,5})*")) {
            throw new IllegalArgumentException("--kafka must be HOST:PORT[,HOST:PORT...], not '" + input.kafka() + "'");
        }
        if (updatesFile != null && updatesTopic != null) {
            throw new IllegalArgumentException("give one of --reference-updates and --reference-topic, not both");
        }
        if (updatesFile != null && !Files.isRegularFile(updatesFile)) {
            throw new IllegalArgumentException("--reference-updates " + updatesFile + " does not exist or is not a file");
        }
        if (updatesTopic != null && input.kafka() == null) {
            throw new IllegalArgumentException("--reference-topic " + updatesTopic + " needs --kafka HOST:PORT");
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        InputPaths.requireOutputDirectory(out);
        // The cases/ output uses EVENT 0190: the catalog the city's hotspot runs use must know it.
        SpillageCase.requireClass(ClassCatalog.fileOrStandard(catalogFile),
                catalogFile == null ? ClassCatalog.RESOURCE : catalogFile.toString());
    }

    private Map<String, Object> summary(Map<String, Object> acc, long t0, long finished, int parallelism) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("job", "trucks");
        s.put("started_at", Instant.ofEpochMilli(t0).toString());
        s.put("finished_at", Instant.ofEpochMilli(finished).toString());
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (input.file() != null) {
            inputs.put("gps", input.file().toString());
        } else {
            inputs.put("kafka", input.kafka());
            inputs.put("topic", input.topic());
        }
        inputs.put("format", options.format().name().toLowerCase(Locale.ROOT));
        inputs.put("routes", routes.toString());
        inputs.put("sites", sites.toString());
        inputs.put("zones", zones.toString());
        inputs.put("catalog", catalogFile == null ? null : catalogFile.toString());
        if (updatesFile != null) {
            inputs.put("reference_updates", updatesFile.toString());
        } else if (updatesTopic != null) {
            inputs.put("reference_topic", updatesTopic);
        }
        s.put("inputs", inputs);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("out_of_orderness_ms", options.outOfOrderness().toMillis());
        opts.put("idleness_ms", options.idleness().toMillis());
        opts.put("checkpoint_interval_ms", options.checkpointInterval().toMillis());
        opts.put("alerts_topic", options.alertsTopic());
        opts.put("parallelism", parallelism);
        opts.put("rules", options.rules().toString());
        s.put("options", opts);

        long read = count(acc, TruckCounters.GPS_READ);
        Map<String, Object> deadByReason = byReason(acc, TruckCounters.DEAD_LETTER_PREFIX, GpsRejectReason.values());
        long dead = total(deadByReason);
        Map<String, Object> gps = new LinkedHashMap<>();
        gps.put("read", read);
        gps.put("decoded", read - dead);
        gps.put("dead_letters", dead);
        gps.put("dead_letters_by_reason", deadByReason);
        s.put("gps", gps);

        s.put("updates", updates(acc));

        Map<String, Object> points = new LinkedHashMap<>();
        for (PointVerdict v : PointVerdict.values()) {
            String name = v.name().toLowerCase(Locale.ROOT);
            points.put(name, count(acc, TruckCounters.POINTS_PREFIX + name));
        }
        points.put("late", count(acc, TruckCounters.LATE));
        s.put("points", points);

        Map<String, Object> byRule = new LinkedHashMap<>();
        long alerts = 0;
        for (RuleType r : RuleType.values()) {
            long n = count(acc, TruckCounters.ALERTS_PREFIX + r.name());
            byRule.put(r.name(), n);
            alerts += n;
        }
        Map<String, Object> alertSection = new LinkedHashMap<>();
        alertSection.put("total", alerts);
        alertSection.put("by_rule", byRule);
        s.put("alerts", alertSection);

        Map<String, Object> durations = new LinkedHashMap<>();
        Object net = acc.get("job.net_runtime_ms");
        durations.put("job_net_runtime_ms", net);
        durations.put("total_ms", finished - t0);
        s.put("durations_ms", durations);
        if (net instanceof Number n && n.longValue() > 0) {
            s.put("points_per_s", Math.round(read * 1000.0 / n.longValue()));
        }
        return s;
    }

    /** The reference updates section: read, applied, dead letters by reason, late (all 0 without updates). */
    private static Map<String, Object> updates(Map<String, Object> acc) {
        long read = count(acc, TruckCounters.UPDATES_READ);
        Map<String, Object> byReason = byReason(acc, TruckCounters.UPDATES_DEAD_LETTER_PREFIX, UpdateRejectReason.values());
        long dead = total(byReason);
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("read", read);
        u.put("applied", read - dead);
        u.put("dead_letters", dead);
        u.put("dead_letters_by_reason", byReason);
        u.put("late", count(acc, TruckCounters.UPDATES_LATE));
        return u;
    }

    /** The counts named {@code prefix + reason} for every reason, in declaration order. */
    private static Map<String, Object> byReason(Map<String, Object> acc, String prefix, Enum<?>[] reasons) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Enum<?> r : reasons) {
            counts.put(r.name(), count(acc, prefix + r.name()));
        }
        return counts;
    }

    private static long total(Map<String, Object> counts) {
        long sum = 0;
        for (Object n : counts.values()) {
            sum += (Long) n;
        }
        return sum;
    }

    private static long count(Map<String, Object> acc, String name) {
        Object v = acc.get(name);
        return v instanceof Number n ? n.longValue() : 0L;
    }
}
