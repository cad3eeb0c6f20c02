package io.zhili.jobs.trucks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.jobs.testing.AlertIds;
import io.zhili.jobs.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The truck job against a real Kafka broker (scripts/kafka.sh): the same fleet stream read from a
 * topic gives the same alerts as read from a file, and a run with a failure injected mid-stream
 * (restart from the last checkpoint) publishes exactly the same alerts to the transactional topic
 * (read with {@code read_committed}) and to the Parquet table: no duplicates, nothing missing.
 */
class TruckKafkaExactlyOnceTest {
    private static final int TRUCKS = 10;

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;
    static Path routes;
    static Path sites;
    static Path zones;
    static List<String> fleet;
    static List<String> fileAlerts;

    @BeforeAll
    static void fileModeBaseline() throws Exception {
        routes = HandMadeWorld.routes(dir);
        sites = HandMadeWorld.sites(dir);
        zones = HandMadeWorld.zones(dir);
        fleet = HandMadeWorld.fleet(TRUCKS);
        Path gps = Files.write(dir.resolve("fleet.jsonl"), fleet);
        Path out = dir.resolve("file-run");
        new TruckRun(TruckRun.Input.file(gps), routes, sites, zones, out, TruckJobOptions.defaults(), 2).execute();
        fileAlerts = AlertIds.inParquet(out);
        assertEquals(3 * TRUCKS, fileAlerts.size(), "the fleet has three speeding episodes per truck");
    }

    @Test
    void kafkaTopicGivesTheSameAlertsAsTheFile() throws Exception {
        KAFKA.createTopic("gps-a", 2);
        KAFKA.createTopic("alerts-a", 1);
        KAFKA.produceKeyedByTruck("gps-a", fleet);
        Path out = dir.resolve("kafka-run");
        TruckJobOptions options = TruckJobOptions.defaults().withAlertsTopic("alerts-a")
                .withCheckpointInterval(Duration.ofMillis(500));
        Map<String, Object> summary = new TruckRun(TruckRun.Input.kafka(KAFKA.bootstrapServers(), "gps-a", true),
                routes, sites, zones, out, options, 2).execute();

        assertEquals((long) fleet.size(), ((Map<?, ?>) summary.get("gps")).get("read"));
        List<String> topic = AlertIds.committed(KAFKA.bootstrapServers(), "alerts-a",
                (key, alert) -> assertEquals(alert.get("truck_id").asText(), new String(key, StandardCharsets.UTF_8)));
        System.out.printf("kafka mode: %d alerts on the topic, %d in Parquet, %d from the file%n",
                topic.size(), AlertIds.inParquet(out).size(), fileAlerts.size());
        assertEquals(fileAlerts, topic);
        assertEquals(fileAlerts, AlertIds.inParquet(out));
    }

    @Test
    void failureMidStreamYieldsExactlyTheSameAlerts() throws Exception {
        KAFKA.createTopic("alerts-b", 1);
        Path gps = Files.write(dir.resolve("fleet-b.jsonl"), fleet);
        Path out = dir.resolve("failed-run");
        FailOnce.reset();
        TruckJobOptions options = TruckJobOptions.defaults().withAlertsTopic("alerts-b")
                .withCheckpointInterval(Duration.ofMillis(200));
        // The alerts topic needs a broker: read the file, write alerts to Kafka through TruckRun's Kafka wiring.
        new TruckRun(new TruckRun.Input(gps, KAFKA.bootstrapServers(), null, true), routes, sites, zones, out,
                options, 2).withRawTap(new FailOnce(fleet.size() * 2 / 3)).execute();

        assertTrue(FailOnce.FAILED.get(), "the injected failure happened");
        // A restore, not a restart from scratch: a checkpoint had completed before the failure, and the
        // restarted tasks were initialised from it.
        long completedBeforeFailure = FailOnce.COMPLETED_AT_FAILURE.get();
        assertTrue(completedBeforeFailure > 0, "no checkpoint completed before the injected failure");
        assertTrue(FailOnce.RESTORED_FROM.get() > 0, "the job restarted from scratch, not from a checkpoint");
        assertTrue(FailOnce.RESTORED_FROM.get() >= completedBeforeFailure,
                "restored from checkpoint " + FailOnce.RESTORED_FROM.get() + ", but " + completedBeforeFailure
                        + " had completed before the failure");
        List<String> topic = AlertIds.committed(KAFKA.bootstrapServers(), "alerts-b",
                (key, alert) -> assertEquals(alert.get("truck_id").asText(), new String(key, StandardCharsets.UTF_8)));
        List<String> parquet = AlertIds.inParquet(out);
        System.out.printf("failure run: %d alerts on the topic, %d in Parquet, %d expected%n",
                topic.size(), parquet.size(), fileAlerts.size());
        assertEquals(fileAlerts, topic);
        assertEquals(fileAlerts, parquet);
    }

    /**
     * Paces the input (so checkpoints complete mid-stream) and throws once after {@code n} records, at the
     * first record after a checkpoint completed; records
     * the last checkpoint completed before the failure and the checkpoint the restarted tasks were
     * initialised from (none when a job restarts from scratch).
     */
    static final class FailOnce implements MapFunction<byte[], byte[]>, CheckpointedFunction, CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicLong LAST_COMPLETED = new AtomicLong();
        static final AtomicLong COMPLETED_AT_FAILURE = new AtomicLong(-1);
        static final AtomicLong RESTORED_FROM = new AtomicLong(-1);
        private final int n;
        private int seen;

        FailOnce(int n) {
            this.n = n;
        }

        static void reset() {
            FAILED.set(false);
            LAST_COMPLETED.set(0);
            COMPLETED_AT_FAILURE.set(-1);
            RESTORED_FROM.set(-1);
        }

        @Override
        public byte[] map(byte[] raw) throws Exception {
            // Slower once due and waiting for a checkpoint: barriers still pass between records.
            Thread.sleep(seen >= n && LAST_COMPLETED.get() == 0 ? 20 : 2);
            // Not before a checkpoint has completed: the point is a restore, which a restart before the first
            // checkpoint (from scratch) would not show.
            if (++seen >= n && LAST_COMPLETED.get() > 0 && !FAILED.getAndSet(true)) {
                COMPLETED_AT_FAILURE.set(LAST_COMPLETED.get());
                throw new IllegalStateException("injected failure after " + seen + " records");
            }
            return raw;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (!FAILED.get()) {
                LAST_COMPLETED.accumulateAndGet(checkpointId, Math::max);
            }
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {
            if (context.isRestored()) {
                RESTORED_FROM.accumulateAndGet(context.getRestoredCheckpointId().orElse(0), Math::max);
            }
        }
    }

}
