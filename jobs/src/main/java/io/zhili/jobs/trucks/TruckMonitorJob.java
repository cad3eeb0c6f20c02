package io.zhili.jobs.trucks;

import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.GpsJsonWriter;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.RuleType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
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

/**
 * {@code zhili trucks}: muck-truck rule detection in event time, exactly once (contract: docs/CONTRACTS.md, "zhili trucks").
 *
 * <p>The graph reads top to bottom like the data flow:
 * <ol>
 *   <li><b>read</b> raw GPS payloads from the injected source (a file replayed as a stream, a Kafka
 *       topic, anything on a cluster);</li>
 *   <li><b>decode</b> JSON or JT/T 808 ({@link GpsDecodeFunction}); undecodable payloads become dead
 *       letters with their reason;</li>
 *   <li><b>event time</b>: watermarks with bounded out-of-orderness and idleness;</li>
 *   <li><b>rules</b>: keyed by truck, one {@link TruckMonitorFunction} sorts each truck's reports and
 *       runs the geo-lib rule engine with keyed state and event-time timers; the reference layers
 *       and their updates (event-time data, validated first; invalid ones are dead letters) come
 *       in as broadcast state; late reports leave through a side output;</li>
 *   <li><b>write</b> alerts, dead letters (late reports among them, reason {@code LATE}) and SPILLAGE
 *       cases to the injected sinks, and the alerts to a Kafka topic when the options name one.</li>
 * </ol>
 * Operator uids are stable so savepoints survive upgrades. Checkpointing is exactly-once at
 * {@link TruckJobOptions#checkpointInterval()}; the sinks commit on checkpoints.
 *
 * <p>Build once per environment; not thread-safe.
 */
public final class TruckMonitorJob {
    private static final TypeInformation<byte[]> BYTES = PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    /** Idleness of the reference updates stream when the options disable idleness for GPS. */
    static final Duration UPDATES_IDLENESS = Duration.ofSeconds(30);

    private final TruckJobOptions options;
    private final Source<byte[], ?, ?> gps;
    private final int sourceParallelism;
    private final ReferenceSnapshot reference;
    private final TruckSinks sinks;
    private final Sink<Alert> alertsTopic;
    private MapFunction<byte[], byte[]> rawTap;
    private Source<byte[], ?, ?> updates;
    private int updatesParallelism = 1;
    private boolean updatesBounded;

    /**
     * @param gps               raw GPS payloads (JSON objects or JT/T 808 frames)
     * @param sourceParallelism parallelism of reading and decoding (1 for a single file)
     * @param reference         the routes, sites and zones, broadcast to every rules subtask
     * @param sinks             the table outputs
     * @param alertsTopic       the Kafka alerts sink, or null
     */
    public TruckMonitorJob(TruckJobOptions options, Source<byte[], ?, ?> gps, int sourceParallelism,
                           ReferenceSnapshot reference, TruckSinks sinks, Sink<Alert> alertsTopic) {
        this.options = Objects.requireNonNull(options, "options");
        this.gps = Objects.requireNonNull(gps, "gps");
        this.sourceParallelism = sourceParallelism;
        this.reference = Objects.requireNonNull(reference, "reference");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.alertsTopic = alertsTopic;
    }

    /**
     * A function applied to every raw payload right after the source, e.g. to inject a failure or to
     * pace the input in tests and benchmarks. Identity when not set.
     */
    public TruckMonitorJob withRawTap(MapFunction<byte[], byte[]> tap) {
        this.rawTap = tap;
        return this;
    }

    /**
     * Reference update records (JSON lines, {@link io.zhili.geo.fence.ReferenceUpdateParser}) applied
     * while the job runs, each from its effective time. None when not set.
     *
     * @param parallelism parallelism of reading and validating them (1 for a file)
     * @param bounded     the source ends (a file, a topic read to its end): all its updates are then
     *                    read before any report is judged, so their order in the input never matters;
     *                    an unbounded source's updates are event-time data with the GPS bound
     */
    public TruckMonitorJob withReferenceUpdates(Source<byte[], ?, ?> source, int parallelism, boolean bounded) {
        this.updates = source;
        this.updatesParallelism = parallelism;
        this.updatesBounded = bounded;
        return this;
    }

    /** Adds the job's operators to {@code env} and configures event time and checkpoints. */
    public void build(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.enableCheckpointing(options.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        Configuration pipeline = new Configuration();
        // Every record type has a Flink serializer of its own: a type that fell back to Kryo would be a
        // silent slowdown, so it fails the job at build time instead.
        pipeline.set(PipelineOptions.GENERIC_TYPES, false);
        // No function keeps or changes a record after passing it on (GpsPoint and Alert are immutable,
        // payloads and dead letters are fresh per record), so chained operators may share instances
        // instead of copying each record between them.
        pipeline.set(PipelineOptions.OBJECT_REUSE, true);
        env.configure(pipeline);

        DataStream<byte[]> raw = env.fromSource(gps, WatermarkStrategy.noWatermarks(), "gps source")
                .uid("gps-source").setParallelism(sourceParallelism);
        if (rawTap != null) {
            raw = raw.map(rawTap).returns(BYTES).uid("gps-tap").name("gps tap").setParallelism(sourceParallelism);
        }

        SingleOutputStreamOperator<GpsPoint> decoded = raw
                .process(new GpsDecodeFunction(options.format(), reference))
                .uid("gps-decode").name("decode " + options.format().name().toLowerCase())
                .setParallelism(sourceParallelism);

        WatermarkStrategy<GpsPoint> eventTime = WatermarkStrategy
                .<GpsPoint>forBoundedOutOfOrderness(options.outOfOrderness())
                .withTimestampAssigner((p, previous) -> p.ts());
        if (!options.idleness().isZero()) {
            eventTime = eventTime.withIdleness(options.idleness());
        }
        DataStream<GpsPoint> points = decoded.assignTimestampsAndWatermarks(eventTime)
                .uid("gps-watermarks").name("event time").setParallelism(sourceParallelism);

        // Reference data: broadcast once at start; its input carries no event time of its own.
        DataStream<ReferenceChange> layers = env
                .fromData(TypeInformation.of(ReferenceChange.class), ReferenceChange.of(reference))
                .uid("reference-source").name("reference layers");
        DataStream<DeadLetter> updateDeadLetters = null;
        if (updates != null) {
            Duration idle = options.idleness().isZero() ? UPDATES_IDLENESS : options.idleness();
            SingleOutputStreamOperator<ReferenceChange> validated = env
                    .fromSource(updates, WatermarkStrategy.noWatermarks(), "reference updates source")
                    .uid("reference-updates-source").setParallelism(updatesParallelism)
                    .process(new ReferenceUpdateDecodeFunction())
                    .uid("reference-updates-decode").name("validate reference updates").setParallelism(updatesParallelism);
            updateDeadLetters = validated.getSideOutput(ReferenceUpdateDecodeFunction.DEAD_LETTERS);
            if (updatesBounded) {
                // A bounded input emits no watermark before its end (then the final one), so the rules
                // wait for all of it: a few thousand updates are read in a moment, in any order.
                layers = layers.union(validated);
            } else {
                // Updates are event-time data: their watermark (effective_at less the GPS bound) holds
                // the rules back, so an update within the bound is seen before the reports it governs.
                // A quiet updates topic must not stall the job: idleness always applies to it.
                layers = layers.union(validated.assignTimestampsAndWatermarks(WatermarkStrategy
                                .<ReferenceChange>forBoundedOutOfOrderness(options.outOfOrderness())
                                .withTimestampAssigner((c, previous) -> c.effectiveAt)
                                .withIdleness(idle))
                        .uid("reference-updates-watermarks").name("reference updates event time")
                        .setParallelism(updatesParallelism));
            }
        }

        // The keyed-broadcast operator of KeyedBroadcastProcessFunction, fed in batches per truck
        // (TruckBatchingOperator says why); same state, same uid, same results.
        SingleOutputStreamOperator<Alert> alerts = points
                .keyBy(GpsPoint::truckId)
                .connect(layers.broadcast())
                .transform("truck rules", TypeInformation.of(Alert.class), new TruckBatchingOperator(
                        new TruckMonitorFunction(options.rules()),
                        List.of(TruckMonitorFunction.REFERENCE, TruckMonitorFunction.UPDATES)))
                .uid("truck-rules");

        DataStream<DeadLetter> late = alerts.getSideOutput(TruckMonitorFunction.LATE)
                .map(new LateToDeadLetter(options.outOfOrderness()))
                .uid("late-dead-letters").name("late reports");
        DataStream<DeadLetter> deadLetters = decoded.getSideOutput(GpsDecodeFunction.DEAD_LETTERS).union(late);
        if (updateDeadLetters != null) {
            deadLetters = deadLetters.union(updateDeadLetters);
        }

        alerts.sinkTo(sinks.alerts()).uid("alerts-sink").name("alerts table");
        deadLetters.sinkTo(sinks.deadLetters()).uid("dead-letter-sink").name("dead letter table");
        alerts.filter(a -> a.rule() == RuleType.SPILLAGE).uid("spillage-cases").name("spillage as cases")
                .sinkTo(sinks.cases()).uid("cases-sink").name("cases table");
        if (alertsTopic != null) {
            alerts.sinkTo(alertsTopic).uid("alerts-kafka").name("alerts topic");
        }
    }

    /** A late report as a dead letter: its JSON and how far behind it was allowed to be. */
    static final class LateToDeadLetter implements MapFunction<GpsPoint, DeadLetter> {
        private static final long serialVersionUID = 1L;
        private final long boundMs;

        LateToDeadLetter(Duration bound) {
            this.boundMs = bound.toMillis();
        }

        @Override
        public DeadLetter map(GpsPoint p) {
            return new DeadLetter(System.currentTimeMillis(), "LATE: report at " + Instant.ofEpochMilli(p.ts())
                    + " arrived after the watermark (more than " + boundMs / 1000 + " s out of order)",
                    GpsJsonWriter.toJson(p));
        }
    }
}
