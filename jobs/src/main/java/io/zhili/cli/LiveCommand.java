package io.zhili.cli;

import io.zhili.geo.live.RecurrenceCounter;
import io.zhili.jobs.live.LiveKafka;
import io.zhili.jobs.live.LiveOptions;
import io.zhili.jobs.live.LiveRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zhili live}: the case events streaming job (contract: docs/CONTRACTS.md, "zhili live"). */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = "Early warning over case events in event time, exactly once: SURGE against the forecast, "
                + "RECURRENCE of a component, OVERDUE_DISPATCH / OVERDUE_CLOSE against the service levels. From a file "
                + "(replayed as a stream) or a Kafka topic; writes alerts/ (GeoParquet) and dead_letter/ under --out.")
public final class LiveCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--cases", required = true, paramLabel = "PATH",
                description = "Case events: one JSON object per line (the cases contract's columns, the case's state so far).")
        Path cases;

        @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
        String kafka;
    }

    @Option(names = "--topic", paramLabel = "T", description = "Case events topic (default: " + LiveKafka.DEFAULT_TOPIC + ").")
    String topic;

    @Option(names = "--components", required = true, paramLabel = "PATH", description = "Component registry (CSV or Parquet, file or directory).")
    Path components;

    @Option(names = "--baseline", required = true, paramLabel = "DIR",
            description = "Output of zhili hotspots holding forecast/cells and forecast/hour_of_week.")
    Path baseline;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--areas", paramLabel = "GEOJSON", description = "District/street/grid areas of the alerts.")
    Path areas;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Class catalog CSV (default: the shipped catalog).")
    Path catalog;

    @Option(names = "--sla", paramLabel = "FILE",
            description = "Service levels CSV kind,category,dispatch_minutes,close_minutes (default: the shipped zhili/sla.csv).")
    Path sla;

    @Option(names = "--alerts-topic", paramLabel = "T",
            description = "Kafka topic of alerts, exactly once (default with --kafka: " + LiveKafka.DEFAULT_ALERTS_TOPIC + ").")
    String alertsTopic;

    @Option(names = "--stop-at-end", description = "With --kafka: read the topic up to its end at start, then finish and write run.json.")
    boolean stopAtEnd;

    @Option(names = "--checkpoint-interval", defaultValue = "5s", paramLabel = "DURATION",
            description = "Checkpoints commit the alerts topic and the Parquet files (default: ${DEFAULT-VALUE}).")
    String checkpointInterval;

    @Option(names = "--out-of-order", defaultValue = "2m", paramLabel = "DURATION",
            description = "Watermark = latest event time less this (default: ${DEFAULT-VALUE}).")
    String outOfOrder;

    @Option(names = "--recurrence-cases", defaultValue = "" + RecurrenceCounter.DEFAULT_CASES, paramLabel = "N",
            description = "RECURRENCE: cases of one component ... (default: ${DEFAULT-VALUE}).")
    int recurrenceCases;

    @Option(names = "--recurrence-days", defaultValue = "" + RecurrenceCounter.DEFAULT_DAYS, paramLabel = "D",
            description = "... within this many days (default: ${DEFAULT-VALUE}).")
    int recurrenceDays;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism (default: the number of cores).")
    Integer parallelism;

    @Override
    public Integer call() throws Exception {
        if (parallelism != null && parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1");
        }
        if (source.cases != null && (topic != null || alertsTopic != null || stopAtEnd)) {
            throw new IllegalArgumentException("--topic, --alerts-topic and --stop-at-end need --kafka");
        }
        String alerts = source.kafka == null ? null : alertsTopic == null ? LiveKafka.DEFAULT_ALERTS_TOPIC : alertsTopic;
        LiveOptions options = LiveOptions.defaults()
                .withOutOfOrder(TrucksCommand.duration("--out-of-order", outOfOrder))
                .withCheckpointInterval(TrucksCommand.duration("--checkpoint-interval", checkpointInterval))
                .withAlertsTopic(alerts)
                .withRecurrence(recurrenceCases, recurrenceDays);
        LiveRun.Input input = source.cases != null ? LiveRun.Input.file(source.cases)
                : LiveRun.Input.kafka(source.kafka, topic, stopAtEnd);
        Map<String, Object> summary = new LiveRun(input, components, baseline, out, options, parallelism)
                .withReferenceFiles(areas, catalog, sla).execute();
        if (summary.containsKey("detached")) {
            System.out.printf("live: job %s submitted detached; it commits its tables into %s on every checkpoint%n",
                    summary.get("job_id"), out);
            return 0;
        }
        Map<?, ?> events = (Map<?, ?>) summary.get("events");
        Map<?, ?> alertCounts = (Map<?, ?>) summary.get("alerts");
        System.out.printf("live: done: %s events read (%s accepted, %s rejected, %s dead-lettered), %s alerts %s, "
                        + "%s cases open at the end; tables in %s (%s ms)%n",
                events.get("read"), events.get("accepted"), events.get("rejected"), events.get("dead_lettered"),
                alertCounts.get("open"), alertCounts.get("by_kind"), ((Map<?, ?>) summary.get("cases")).get("open_at_end"),
                out, ((Map<?, ?>) summary.get("durations_ms")).get("total_ms"));
        return 0;
    }
}
