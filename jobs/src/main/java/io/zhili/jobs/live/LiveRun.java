package io.zhili.jobs.live;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.live.ServiceLevels;
import io.zhili.geo.table.RejectReason;
import io.zhili.jobs.common.InputPaths;
import io.zhili.jobs.common.JobRunner;
import io.zhili.jobs.common.LineBytesFormat;
import io.zhili.jobs.common.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * One run of {@code zhili live}: checks the arguments, loads the registry and the forecast (once; the
 * embedded cluster's tasks share them), wires the file or Kafka source and the sinks into
 * {@link LiveCaseJob} and runs it. A bounded run (a file, or a topic read to its end with
 * {@code --stop-at-end}) publishes {@code alerts/}, {@code dead_letter/}, {@code run.json} and
 * {@code _SUCCESS} when it ends; an unbounded one commits Parquet files under {@code --out} on every
 * checkpoint until it is cancelled.
 */
public final class LiveRun {
    /** Where the events come from: {@code file}, else {@code topic} on the {@code kafka} brokers. */
    public record Input(Path file, String kafka, String topic, boolean stopAtEnd) {
        public static Input file(Path file) {
            return new Input(file, null, null, true);
        }

        public static Input kafka(String bootstrap, String topic, boolean stopAtEnd) {
            return new Input(null, bootstrap, topic == null ? LiveKafka.DEFAULT_TOPIC : topic, stopAtEnd);
        }

        boolean bounded() {
            return file != null || stopAtEnd;
        }
    }

    static final int RESTART_ATTEMPTS = 5;
    static final java.time.Duration RESTART_DELAY = java.time.Duration.ofSeconds(1);
    static final String CHECKPOINTS = ".checkpoints";

    private final Input input;
    private final Path components;
    private final Path baseline;
    private final Path out;
    private final LiveOptions options;
    private final Integer parallelism;
    private Path areas;
    private Path catalogFile;
    private Path slaFile;
    private MapFunction<byte[], byte[]> rawTap;

    public LiveRun(Input input, Path components, Path baseline, Path out, LiveOptions options, Integer parallelism) {
        this.input = input;
        this.components = components;
        this.baseline = baseline;
        this.out = out;
        this.options = options;
        this.parallelism = parallelism;
    }

    /** {@code --areas}, {@code --catalog}, {@code --sla}; null for none / the shipped ones. */
    public LiveRun withReferenceFiles(Path areasFile, Path catalog, Path sla) {
        this.areas = areasFile;
        this.catalogFile = catalog;
        this.slaFile = sla;
        return this;
    }

    /** See {@link LiveCaseJob#withRawTap}. */
    public LiveRun withRawTap(MapFunction<byte[], byte[]> tap) {
        this.rawTap = tap;
        return this;
    }

    /** Runs the job; returns the run summary ({@code run.json}); an unbounded run returns when cancelled. */
    public Map<String, Object> execute() throws Exception {
        long t0 = System.currentTimeMillis();
        validate();
        ClassCatalog catalog = ClassCatalog.fileOrStandard(catalogFile);
        ServiceLevels sla = ServiceLevels.fileOrDefaults(slaFile);
        LiveReference reference = new LiveReference(components, baseline, areas, catalog, sla, options);
        // Loaded here first: a bad file fails the run before the job starts, and the tasks of the embedded
        // cluster find both in this JVM's cache.
        ComponentRegistry registry = reference.registry();
        Baseline forecast = reference.baseline();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (parallelism != null) {
            env.setParallelism(parallelism);
        }
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
            sourceParallelism = 1; // one file, replayed in its order
        } else {
            source = LiveKafka.casesSource(input.kafka(), input.topic(), input.stopAtEnd());
            sourceParallelism = env.getParallelism();
        }
        if (input.bounded() && JobRunner.detached(env)) {
            throw new IllegalArgumentException("a bounded live run (--cases or --stop-at-end) needs a client that waits "
                    + "for it (flink run without --detached, or scripts/zhili); through the REST API run it unbounded");
        }
        RunDirectory run = input.bounded() ? RunDirectory.create(out) : null;
        Path tables = run != null ? run.staging() : out;
        Path checkpoints = null;
        try {
            Files.createDirectories(tables);
            if (env.getConfiguration().getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isEmpty()) {
                checkpoints = run != null ? Files.createTempDirectory("zhili-live-checkpoints-") : out.resolve(CHECKPOINTS);
                Configuration storage = new Configuration();
                storage.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
                storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toAbsolutePath().toUri().toString());
                env.configure(storage);
            }
            String alertsTopic = options.alertsTopic();
            new LiveCaseJob(options, reference, source, sourceParallelism, LiveSinks.parquet(tables),
                    alertsTopic == null ? null : LiveKafka.alertsSink(input.kafka(), alertsTopic,
                            "zhili-live-" + UUID.randomUUID().toString().substring(0, 8)))
                    .withRawTap(rawTap).build(env);
            Map<String, Object> acc = JobRunner.run(env, "zhili live", LiveCounters.READ);
            if (acc.containsKey(JobRunner.DETACHED)) {
                Map<String, Object> submitted = new LinkedHashMap<>();
                submitted.put("job", "live");
                submitted.put("job_id", acc.get(JobRunner.JOB_ID));
                submitted.put("detached", true);
                return submitted;
            }
            long finished = System.currentTimeMillis();
            Map<String, Object> summary = summary(acc, registry, forecast, t0, finished, env.getParallelism());
            if (run != null) {
                run.publish(Arrays.asList(LiveTables.ALL), summary);
            }
            return summary;
        } catch (Exception | Error e) {
            if (run != null) {
                run.abandon();
            }
            throw e;
        } finally {
            if (run != null && checkpoints != null) {
                deleteQuietly(checkpoints);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                RunDirectory.deleteTree(dir);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100L * attempt); // Flink may still be discarding the last checkpoint
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void validate() {
        if (input.file() == null && input.kafka() == null) {
            throw new IllegalArgumentException("one of --cases and --kafka is required");
        }
        if (input.file() != null && !Files.isRegularFile(input.file())) {
            throw new IllegalArgumentException("--cases " + input.file() + " does not exist or is not a file");
        }
        if (input.kafka() != null && !input.kafka().matches("[^:,\\s]+:\\d{1,5}(,[^:,\\s]+:\\d{1,5})*")) {
            throw new IllegalArgumentException("--kafka must be HOST:PORT[,HOST:PORT...], not '" + input.kafka() + "'");
        }
        if (options.alertsTopic() != null && input.kafka() == null) {
            throw new IllegalArgumentException("--alerts-topic " + options.alertsTopic() + " needs --kafka HOST:PORT");
        }
        if (!Files.exists(components)) {
            throw new IllegalArgumentException("--components " + components + " does not exist");
        }
        if (!Files.isDirectory(baseline)) {
            throw new IllegalArgumentException("--baseline " + baseline + " is not a directory");
        }
        if (areas != null && !Files.isRegularFile(areas)) {
            throw new IllegalArgumentException("--areas " + areas + " does not exist or is not a file");
        }
        InputPaths.requireOutputDirectory(out);
    }

    private Map<String, Object> summary(Map<String, Object> acc, ComponentRegistry registry, Baseline forecast,
                                        long t0, long finished, int envParallelism) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("job", "live");
        s.put("started_at", Instant.ofEpochMilli(t0).toString());
        s.put("finished_at", Instant.ofEpochMilli(finished).toString());
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (input.file() != null) {
            inputs.put("cases", input.file().toString());
        } else {
            inputs.put("kafka", input.kafka());
            inputs.put("topic", input.topic());
        }
        inputs.put("components", components.toString());
        inputs.put("baseline", baseline.toString());
        inputs.put("areas", areas == null ? null : areas.toString());
        inputs.put("catalog", catalogFile == null ? null : catalogFile.toString());
        inputs.put("sla", slaFile == null ? null : slaFile.toString());
        s.put("inputs", inputs);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("out_of_order_ms", options.outOfOrder().toMillis());
        opts.put("checkpoint_interval_ms", options.checkpointInterval().toMillis());
        opts.put("alerts_topic", options.alertsTopic());
        opts.put("recurrence_cases", options.recurrenceCases());
        opts.put("recurrence_days", options.recurrenceDays());
        opts.put("parallelism", envParallelism);
        opts.put("surge_series", forecast.series());
        s.put("options", opts);
        s.put("components", registry.counts());

        long read = count(acc, LiveCounters.READ);
        Map<String, Object> rejectedByReason = new LinkedHashMap<>();
        long rejected = 0;
        for (RejectReason r : RejectReason.values()) {
            long n = count(acc, LiveCounters.REJECTED_PREFIX + r.name());
            rejectedByReason.put(r.name(), n);
            rejected += n;
        }
        Map<String, Object> events = new LinkedHashMap<>();
        events.put("read", read);
        events.put("accepted", count(acc, LiveCounters.ACCEPTED));
        events.put("rejected", rejected);
        events.put("rejected_by_reason", rejectedByReason);
        events.put("dead_lettered", count(acc, LiveCounters.DEAD_LETTERED));
        s.put("events", events);

        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("distinct", count(acc, LiveCounters.CASES));
        cases.put("open_at_end", count(acc, LiveCounters.OPEN_AT_END));
        cases.put("pending_deadlines_at_end", count(acc, LiveCounters.PENDING_AT_END));
        s.put("cases", cases);

        Map<String, Object> byKind = new LinkedHashMap<>();
        long total = 0;
        for (String kind : new String[] {"SURGE", "RECURRENCE", "OVERDUE_DISPATCH", "OVERDUE_CLOSE"}) {
            long n = count(acc, LiveCounters.ALERTS_PREFIX + kind);
            byKind.put(kind, n);
            total += n;
        }
        Map<String, Object> alerts = new LinkedHashMap<>();
        alerts.put("open", total);
        alerts.put("by_kind", byKind);
        alerts.put("surge_closed", count(acc, LiveCounters.SURGE_CLOSED));
        s.put("alerts", alerts);

        Map<String, Object> durations = new LinkedHashMap<>();
        Object net = acc.get("job.net_runtime_ms");
        durations.put("job_net_runtime_ms", net);
        durations.put("total_ms", finished - t0);
        s.put("durations_ms", durations);
        if (net instanceof Number n && n.longValue() > 0) {
            s.put("events_per_s", Math.round(read * 1000.0 / n.longValue()));
        }
        return s;
    }

    private static long count(Map<String, Object> acc, String name) {
        Object v = acc.get(name);
        return v instanceof Number n ? n.longValue() : 0L;
    }
}
