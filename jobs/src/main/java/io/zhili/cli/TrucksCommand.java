package io.zhili.cli;

import io.zhili.geo.trucks.RuleConfig;
import io.zhili.jobs.trucks.GpsFormat;
import io.zhili.jobs.trucks.TruckJobOptions;
import io.zhili.jobs.trucks.TruckKafka;
import io.zhili.jobs.trucks.TruckRun;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zhili trucks}: the muck-truck streaming job (contract: docs/CONTRACTS.md, "zhili trucks"). */
@Command(name = "trucks", mixinStandardHelpOptions = true,
        description = "Muck-truck rule detection from GPS in event time, exactly once: from a file (replayed as a "
                + "stream) or a Kafka topic. Writes alerts/, dead_letter/ and cases/ (GeoParquet) under --out.")
public final class TrucksCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--gps", required = true, paramLabel = "PATH",
                description = "GPS file: one JSON object (or one hex JT/T 808 frame) per line, or a directory of such files.")
        Path gps;

        @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
        String kafka;
    }

    @Option(names = "--topic", paramLabel = "T", description = "GPS topic (default: " + TruckKafka.DEFAULT_GPS_TOPIC + ").")
    String topic;

    @Option(names = "--routes", required = true, paramLabel = "GEOJSON", description = "Permits with their routes.")
    Path routes;

    @Option(names = "--sites", required = true, paramLabel = "GEOJSON", description = "Construction and disposal sites.")
    Path sites;

    @Option(names = "--zones", required = true, paramLabel = "GEOJSON", description = "Restricted zones.")
    Path zones;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Class catalog CSV of the city; it must have "
            + "EVENT 0190 (道路遗撒), the class of the SPILLAGE cases (default: the shipped catalog).")
    Path catalog;
    @Option(names = "--reference-updates", paramLabel = "PATH",
            description = "Reference updates as JSON lines (layer, op, id, effective_at, feature), applied in event time "
                    + "from their effective_at; for replays and tests.")
    Path referenceUpdates;

    @Option(names = "--reference-topic", paramLabel = "T",
            description = "Kafka topic of reference updates (same records) on the --kafka brokers, read from its beginning.")
    String referenceTopic;

    @Option(names = "--metrics-port", paramLabel = "PORT|RANGE",
            description = "Serve the job's metrics for Prometheus at http://BIND:PORT/metrics while it runs (embedded "
                    + "MiniCluster; a range such as 9250-9260 takes the first free port). Default: no endpoint.")
    String metricsPort;

    @Option(names = "--metrics-bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address the metrics endpoint listens on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    String metricsBind;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--alerts-topic", paramLabel = "T",
            description = "Kafka topic of alerts, exactly once (default with --kafka: " + TruckKafka.DEFAULT_ALERTS_TOPIC + ").")
    String alertsTopic;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|jt808",
            description = "Encoding of the GPS records (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out-of-order", defaultValue = "2m", paramLabel = "DURATION",
            description = "Bounded out-of-orderness; later reports go to the late output (default: ${DEFAULT-VALUE}).")
    String outOfOrder;

    @Option(names = "--idleness", defaultValue = "30s", paramLabel = "DURATION",
            description = "A silent input stops holding back event time after this long; 0 disables (default: ${DEFAULT-VALUE}).")
    String idleness;

    @Option(names = "--checkpoint-interval", defaultValue = "5s", paramLabel = "DURATION",
            description = "Checkpoints commit the alerts topic and the Parquet files (default: ${DEFAULT-VALUE}).")
    String checkpointInterval;

    @Option(names = "--stop-at-end",
            description = "With --kafka: read the topic up to its end at start, then finish and write run.json.")
    boolean stopAtEnd;

    @Option(names = "--rule", paramLabel = "NAME=VALUE",
            description = "Override a rule threshold, e.g. speedLimitKmh=70 or signalLossGapMs=900000 (repeatable; "
                    + "names as in RuleConfig).")
    Map<String, String> ruleOverrides;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism (default: the number of cores).")
    Integer parallelism;

    @Override
    public Integer call() throws Exception {
        if (parallelism != null && parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1");
        }
        if (source.gps != null && (topic != null || alertsTopic != null || stopAtEnd || referenceTopic != null)) {
            throw new IllegalArgumentException("--topic, --alerts-topic, --reference-topic and --stop-at-end need --kafka");
        }
        String alerts = source.kafka == null ? null : alertsTopic == null ? TruckKafka.DEFAULT_ALERTS_TOPIC : alertsTopic;
        TruckJobOptions options = TruckJobOptions.defaults()
                .withFormat(GpsFormat.parse(format))
                .withOutOfOrderness(duration("--out-of-order", outOfOrder))
                .withIdleness(duration("--idleness", idleness))
                .withCheckpointInterval(duration("--checkpoint-interval", checkpointInterval))
                .withAlertsTopic(alerts)
                .withRules(rules(ruleOverrides));
        TruckRun.Input input = source.gps != null ? TruckRun.Input.file(source.gps)
                : TruckRun.Input.kafka(source.kafka, topic, stopAtEnd);
        Map<String, Object> summary = new TruckRun(input, routes, sites, zones, out, options, parallelism)
                .withCatalog(catalog).withReferenceUpdates(referenceUpdates, referenceTopic)
                .withMetrics(metricsBind, metricsPort).execute();
        if (summary.containsKey("detached")) {
            System.out.printf("trucks: job %s submitted detached; it commits its tables into %s on every checkpoint%n",
                    summary.get("job_id"), out);
            return 0;
        }
        Map<?, ?> gps = (Map<?, ?>) summary.get("gps");
        Map<?, ?> alertCounts = (Map<?, ?>) summary.get("alerts");
        System.out.printf("trucks: done: %s records read, %s dead letters, %s late, %s alerts %s; tables in %s (%s ms)%n",
                gps.get("read"), gps.get("dead_letters"), ((Map<?, ?>) summary.get("points")).get("late"),
                alertCounts.get("total"), alertCounts.get("by_rule"), out,
                ((Map<?, ?>) summary.get("durations_ms")).get("total_ms"));
        return 0;
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 0} or ISO-8601 ({@code PT2M}). */
    static Duration duration(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be a duration such as 30s, 2m or 500ms, not '" + text + "'");
        }
    }

    /** The default rules with {@code NAME=VALUE} overrides applied through {@link RuleConfig.Builder}'s setters. */
    static RuleConfig rules(Map<String, String> overrides) {
        RuleConfig.Builder b = RuleConfig.builder();
        if (overrides != null) {
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                Method setter = setter(e.getKey());
                try {
                    Class<?> type = setter.getParameterTypes()[0];
                    Object value = type == double.class ? Double.parseDouble(e.getValue())
                            : type == long.class ? Long.parseLong(e.getValue()) : Integer.parseInt(e.getValue());
                    setter.invoke(b, value);
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("--rule " + e.getKey() + " needs a number, not '" + e.getValue() + "'");
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException("cannot set rule " + e.getKey(), ex);
                }
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--rule: " + e.getMessage());
        }
    }

    private static Method setter(String name) {
        for (Method m : RuleConfig.Builder.class.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1 && m.getReturnType() == RuleConfig.Builder.class) {
                return m;
            }
        }
        List<String> names = java.util.Arrays.stream(RuleConfig.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).toList();
        throw new IllegalArgumentException("--rule: unknown threshold '" + name + "' (one of " + names + ")");
    }
}
