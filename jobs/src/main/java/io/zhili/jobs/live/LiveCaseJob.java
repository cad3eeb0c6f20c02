package io.zhili.jobs.live;

import io.zhili.jobs.trucks.DeadLetter;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * {@code zhili live}: case events to alerts, the same graph for a file replay and a Kafka topic.
 * <ol>
 *   <li><b>read</b> raw events from the injected source;</li>
 *   <li><b>decode, validate, join</b> ({@link CaseEventDecoder}): the batch job's validation, the
 *       registry join, cell and areas; rejected and undecodable events become dead letters;</li>
 *   <li><b>event time</b>: the latest lifecycle timestamp; watermark = max − {@code --out-of-order}
 *       ({@link EventTimeWatermarks});</li>
 *   <li><b>case lifecycle</b> by case id ({@link CaseLifecycleFunction}): OVERDUE alerts; each case once to</li>
 *   <li><b>SURGE</b> by cell × category ({@link SurgeFunction}, the case in its ALL and its major series) and
 *       <b>RECURRENCE</b> by component ({@link RecurrenceFunction});</li>
 *   <li><b>write</b> alerts and dead letters to the injected sinks, the alerts to Kafka when given.</li>
 * </ol>
 * Operator uids are stable so savepoints survive upgrades; checkpoints are exactly once and the sinks commit
 * on them.
 */
public final class LiveCaseJob {
    private static final TypeInformation<byte[]> BYTES = PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;

    private final LiveOptions options;
    private final LiveReference reference;
    private final Source<byte[], ?, ?> source;
    private final int sourceParallelism;
    private final LiveSinks sinks;
    private final Sink<LiveAlert> alertsTopic;
    private MapFunction<byte[], byte[]> rawTap;

    /**
     * @param sourceParallelism parallelism of reading and decoding (1 for a file, kept in its order)
     * @param alertsTopic       the Kafka alerts sink, or null
     */
    public LiveCaseJob(LiveOptions options, LiveReference reference, Source<byte[], ?, ?> source, int sourceParallelism,
                       LiveSinks sinks, Sink<LiveAlert> alertsTopic) {
        this.options = Objects.requireNonNull(options, "options");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.source = Objects.requireNonNull(source, "source");
        this.sourceParallelism = sourceParallelism;
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.alertsTopic = alertsTopic;
    }

    /** A function applied to every raw event after the source (fault injection, pacing); identity when not set. */
    public LiveCaseJob withRawTap(MapFunction<byte[], byte[]> tap) {
        this.rawTap = tap;
        return this;
    }

    /** Adds the job's operators to {@code env} and configures event time and checkpoints. */
    public void build(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.enableCheckpointing(options.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        Configuration pipeline = new Configuration();
        pipeline.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(pipeline);

        DataStream<byte[]> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "case events source")
                .uid("live-source").setParallelism(sourceParallelism);
        if (rawTap != null) {
            raw = raw.map(rawTap).returns(BYTES).uid("live-tap").name("case events tap").setParallelism(sourceParallelism);
        }
        SingleOutputStreamOperator<LiveCase> decoded = raw.process(new CaseEventDecoder(reference))
                .uid("live-decode").name("validate and join cases").setParallelism(sourceParallelism);
        long bound = options.outOfOrder().toMillis();
        DataStream<LiveCase> cases = decoded.assignTimestampsAndWatermarks(WatermarkStrategy
                        .<LiveCase>forGenerator(ctx -> new EventTimeWatermarks(bound))
                        .withTimestampAssigner((c, previous) -> c.eventTime)
                        .withIdleness(Duration.ofSeconds(30)))
                .uid("live-watermarks").name("event time").setParallelism(sourceParallelism);

        SingleOutputStreamOperator<LiveAlert> overdue = cases.keyBy(c -> c.caseId)
                .process(new CaseLifecycleFunction(reference)).uid("live-lifecycle").name("case lifecycle (OVERDUE)");
        DataStream<LiveCase> newCases = overdue.getSideOutput(CaseLifecycleFunction.NEW_CASES);

        DataStream<LiveAlert> surges = newCases.flatMap(new ToSeries()).uid("live-series").name("cases to series")
                .keyBy(s -> s.series).process(new SurgeFunction(reference)).uid("live-surge").name("SURGE");
        DataStream<LiveAlert> recurrences = newCases.filter(c -> c.componentId != null).uid("live-component-cases")
                .name("component cases").keyBy(c -> c.componentId)
                .process(new RecurrenceFunction(options)).uid("live-recurrence").name("RECURRENCE");

        DataStream<LiveAlert> alerts = overdue.union(surges, recurrences);
        DataStream<DeadLetter> deadLetters = decoded.getSideOutput(CaseEventDecoder.DEAD_LETTERS);
        alerts.sinkTo(sinks.alerts()).uid("live-alerts-sink").name("alerts table");
        deadLetters.sinkTo(sinks.deadLetters()).uid("live-dead-letter-sink").name("dead letter table");
        if (alertsTopic != null) {
            alerts.sinkTo(alertsTopic).uid("live-alerts-kafka").name("alerts topic");
        }
    }

    /** A new case in its two SURGE series: ALL, and its kind's major class. */
    static final class ToSeries implements FlatMapFunction<LiveCase, SeriesCase> {
        private static final long serialVersionUID = 1L;
        private transient io.zhili.geo.h3.H3Grid h3;

        @Override
        public void flatMap(LiveCase c, Collector<SeriesCase> out) {
            if (h3 == null) {
                h3 = io.zhili.geo.h3.H3Grid.get();
            }
            String cell = h3.address(c.cell);
            out.collect(new SeriesCase(Baseline.series(cell, "ALL", "ALL"), c.cell, "ALL", "ALL", c.reportedAt, c.districtCode));
            String major = c.major();
            out.collect(new SeriesCase(Baseline.series(cell, c.kind, major), c.cell, major, c.kind, c.reportedAt, c.districtCode));
        }
    }
}
