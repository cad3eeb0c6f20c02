package io.zhili.jobs.trucks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.jobs.testing.AlertIds;
import io.zhili.jobs.testing.KafkaBroker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The night of {@link ReferenceNight} through a real Kafka broker: GPS on one topic, the reference
 * updates on another ({@code --reference-topic}), alerts to a transactional topic. A task fails
 * after a checkpoint has completed (the job restarts from it, its broadcast state holding the updates
 * applied so far); the alerts in Parquet and on the committed topic are still exactly the
 * hand-worked ones. The same replay on a standalone cluster with a TaskManager killed is the
 * cluster profile's {@code FlinkClusterIT.referenceUpdatesFromKafkaSurviveALostTaskManagerAfterACompletedCheckpoint};
 * this one runs everywhere.
 */
class ReferenceUpdatesKafkaTest {
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

    @BeforeAll
    static void night() throws Exception {
        routes = ReferenceNight.routes(dir);
        sites = ReferenceNight.sites(dir);
        zones = ReferenceNight.zones(dir);
    }

    @Test
    void aFailureAfterACompletedCheckpointGivesTheSameAlerts() throws Exception {
        KAFKA.createTopic("night-gps", 2);
        KAFKA.createTopic("night-updates", 1);
        KAFKA.createTopic("night-alerts", 1);
        List<String> gps = ReferenceNight.gps();
        KAFKA.produceKeyedByTruck("night-gps", gps);
        KAFKA.produceKeyedByTruck("night-updates", ReferenceNight.updates());
        FailAfterCheckpoint.reset();
        Path out = dir.resolve("kafka-night");
        TruckJobOptions options = TruckJobOptions.defaults().withAlertsTopic("night-alerts")
                .withCheckpointInterval(Duration.ofMillis(200));
        Map<String, Object> run = new TruckRun(TruckRun.Input.kafka(KAFKA.bootstrapServers(), "night-gps", true),
                routes, sites, zones, out, options, 2).withReferenceUpdates(null, "night-updates")
                .withRawTap(new FailAfterCheckpoint(gps.size() / 4)).execute();

        assertTrue(FailAfterCheckpoint.FAILED.get(), "the injected failure happened");
        assertTrue(FailAfterCheckpoint.COMPLETED_BEFORE_FAILURE.get() > 0, "a checkpoint had completed before the failure");
        assertEquals(ReferenceNight.expected(), ReferenceUpdatesJobTest.alerts(out));
        List<String> committed = AlertIds.committed(KAFKA.bootstrapServers(), "night-alerts", (key, alert) -> { });
        assertEquals(AlertIds.inParquet(out), committed);
        assertEquals(ReferenceNight.expected().size(), committed.size());
        // Exactly once in the table; run.json's counts cover the final attempt only (README, accumulators).
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT raw) FROM read_parquet('"
                    + out.resolve("dead_letter/*.parquet") + "')");
            rs.next();
            assertEquals(8, rs.getLong(1));
            assertEquals(8, rs.getLong(2));
        }
        assertTrue(((Number) ((Map<?, ?>) run.get("updates")).get("read")).longValue() <= 13);
    }

    /**
     * Paces the input so checkpoints complete mid-stream, and throws once, on the first record after
     * {@code n} records once a checkpoint of this task has completed.
     */
    static final class FailAfterCheckpoint implements MapFunction<byte[], byte[]>, CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicLong COMPLETED_BEFORE_FAILURE = new AtomicLong();
        private final int n;
        private int seen;

        FailAfterCheckpoint(int n) {
            this.n = n;
        }

        static void reset() {
            FAILED.set(false);
            COMPLETED_BEFORE_FAILURE.set(0);
        }

        @Override
        public byte[] map(byte[] raw) throws Exception {
            Thread.sleep(5);
            if (++seen >= n && COMPLETED_BEFORE_FAILURE.get() > 0 && !FAILED.getAndSet(true)) {
                throw new IllegalStateException("injected failure after " + seen + " records");
            }
            return raw;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (!FAILED.get()) {
                COMPLETED_BEFORE_FAILURE.set(checkpointId);
            }
        }
    }
}
