package io.zhili.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.datasets.QingdaoGenerator;
import io.zhili.datasets.Scale;
import io.zhili.jobs.hotspots.HotspotOptions;
import io.zhili.jobs.hotspots.HotspotRun;
import io.zhili.jobs.hotspots.HotspotTables;
import io.zhili.datasets.trucks.TruckDataGenerator;
import io.zhili.jobs.testing.AlertIds;
import io.zhili.jobs.testing.KafkaBroker;
import io.zhili.jobs.trucks.ReferenceNightAccess;
import io.zhili.jobs.trucks.TruckJobOptions;
import io.zhili.jobs.trucks.TruckRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The cluster jar on a real Flink standalone session cluster — a JobManager and two TaskManagers, each
 * its own JVM, started by {@code scripts/flink-cluster.sh} — submitted through the REST API by
 * {@code scripts/submit.sh}, gives the same tables as the embedded MiniCluster. Runs in the
 * integration-test phase of {@code mvn -Pcluster verify}, after the jar is packaged; stops the cluster
 * it started by process id.
 *
 * <p>The trucks job runs there against a real Kafka broker ({@code scripts/kafka.sh}); one TaskManager
 * process is killed while it runs, and the alerts it committed (to the transactional topic, read with
 * {@code read_committed}, and to the Parquet table) are exactly those of an undisturbed MiniCluster run
 * over the same reports: no duplicates, nothing missing. The same holds for the night of reference
 * updates (a permit issued and one revoked, a temporary zone, a site closed) with the updates on their
 * own topic: a TaskManager killed after a completed checkpoint, the job restored from it, and the
 * committed alerts are exactly the hand-worked episodes, the invalid updates dead letters once each.
 */
class FlinkClusterIT {
    private static final int TRUCKS = 12;

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @TempDir
    static Path dir;
    static Path cluster;
    static Path data;
    static String rest;
    static int prometheusPort;

    @BeforeAll
    static void startClusterAndGenerate() throws Exception {
        assertTrue(Files.isRegularFile(ClusterScripts.CLUSTER_JAR),
                ClusterScripts.CLUSTER_JAR + " is missing: run this test with `mvn -Pcluster verify`");
        cluster = dir.resolve("flink");
        int port = ClusterScripts.freePort();
        prometheusPort = ClusterScripts.freePorts(3);
        rest = "http://127.0.0.1:" + port;
        ClusterScripts.run(dir.resolve("logs/cluster-start.log"), Duration.ofMinutes(5), "flink-cluster.sh", "start",
                "--dir", cluster.toString(), "--port", Integer.toString(port),
                "--rpc-port", Integer.toString(ClusterScripts.freePort()),
                "--prometheus", prometheusPort + "-" + (prometheusPort + 2),
                "--jm-memory", "1024m", "--tm-memory", "1536m");
        data = dir.resolve("data");
        QingdaoGenerator.generate(data, Scale.SMALL, 20251L, 2, new PrintStream(new ByteArrayOutputStream()));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            ClusterScripts.run(dir.resolve("logs/cluster-stop.log"), Duration.ofMinutes(2), "flink-cluster.sh", "stop",
                    "--dir", cluster.toString());
        }
    }

    @Test
    void hotspotsThroughTheRestApiEqualTheMiniCluster() throws Exception {
        Path onCluster = dir.resolve("out-cluster");
        String submitted = ClusterScripts.run(dir.resolve("logs/submit-hotspots.log"), Duration.ofMinutes(10),
                "submit.sh", "--rest", rest, "--jar", ClusterScripts.CLUSTER_JAR.toString(), "hotspots",
                "--components", data.resolve("components.csv").toString(), "--cases", data.resolve("cases.csv").toString(),
                "--areas", data.resolve("areas.geojson").toString(), "--out", onCluster.toString(), "--parallelism", "2");
        Matcher job = Pattern.compile("(?m)^job ([0-9a-f]{32})$").matcher(submitted);
        assertTrue(job.find(), submitted);
        JsonNode status = new ObjectMapper().readTree(ClusterScripts.get(rest + "/jobs/" + job.group(1)));
        assertEquals("FINISHED", status.get("state").asText());
        assertTrue(status.get("vertices").size() > 1, "a real job graph ran on the cluster");

        Path onMiniCluster = dir.resolve("out-minicluster");
        new HotspotRun(data.resolve("components.csv"), data.resolve("cases.csv"), data.resolve("areas.geojson"),
                onMiniCluster, new HotspotOptions(), 2).execute();

        assertTrue(Files.exists(onCluster.resolve("_SUCCESS")), "the JobManager published the run");
        ObjectMapper json = new ObjectMapper();
        JsonNode clusterRun = json.readTree(onCluster.resolve("run.json").toFile());
        JsonNode miniRun = json.readTree(onMiniCluster.resolve("run.json").toFile());
        assertEquals(miniRun.get("components"), clusterRun.get("components"));
        assertEquals(miniRun.get("cases"), clusterRun.get("cases"));
        assertEquals(40_000, clusterRun.get("cases").get("read").asLong());
        for (String table : HotspotTables.ALL) {
            List<String> expected = rows(onMiniCluster, table);
            List<String> actual = rows(onCluster, table);
            assertEquals(expected.size(), actual.size(), table + ": rows");
            assertEquals(expected, actual, table);
        }
        assertFalse(rows(onCluster, HotspotTables.CELLS).isEmpty());
    }

    @Test
    void prometheusScrapesTheJobManagerAndBothTaskManagers() throws Exception {
        String jobManager = ClusterScripts.get("http://127.0.0.1:" + prometheusPort + "/metrics");
        assertTrue(jobManager.contains("flink_jobmanager_numRegisteredTaskManagers"), jobManager.lines().findFirst().orElse(""));
        int taskManagers = 0;
        for (int p = prometheusPort; p < prometheusPort + 3; p++) {
            if (ClusterScripts.get("http://127.0.0.1:" + p + "/metrics").contains("flink_taskmanager_Status_JVM_CPU_Load")) {
                taskManagers++;
            }
        }
        assertEquals(2, taskManagers);
    }

    @Test
    void trucksSurviveALostTaskManagerWithExactlyTheSameAlerts() throws Exception {
        Path world = dir.resolve("trucks");
        TruckDataGenerator.generate(world, TRUCKS, 20251L);
        List<String> reports = Files.readAllLines(world.resolve("gps.jsonl"));
        int half = reports.size() / 2;
        KAFKA.createTopic("gps-reference", 2);
        KAFKA.createTopic("gps-cluster", 2);
        KAFKA.createTopic("alerts-cluster", 1);
        KAFKA.produceKeyedByTruck("gps-reference", reports);
        KAFKA.produceKeyedByTruck("gps-cluster", reports.subList(0, half));

        // Undisturbed: the MiniCluster reads the whole topic to its end; idleness off in both runs, so
        // event time depends only on the reports, not on when they arrive.
        Path reference = dir.resolve("trucks-minicluster");
        new TruckRun(TruckRun.Input.kafka(KAFKA.bootstrapServers(), "gps-reference", true), world.resolve("routes.geojson"),
                world.resolve("sites.geojson"), world.resolve("zones.geojson"), reference,
                TruckJobOptions.defaults().withIdleness(Duration.ZERO), 2).execute();
        List<String> expected = AlertIds.inParquet(reference);
        assertTrue(expected.size() > TRUCKS, "the generated night plants alerts: " + expected.size());

        Path onCluster = dir.resolve("trucks-cluster");
        String[] trucks = {"--rest", rest, "--jar", ClusterScripts.CLUSTER_JAR.toString(), "trucks",
            "--kafka", KAFKA.bootstrapServers(), "--topic", "gps-cluster", "--alerts-topic", "alerts-cluster",
            "--routes", world.resolve("routes.geojson").toString(), "--sites", world.resolve("sites.geojson").toString(),
            "--zones", world.resolve("zones.geojson").toString(), "--out", onCluster.toString(),
            "--idleness", "0", "--checkpoint-interval", "1s", "--parallelism", "2"};
        String first = jobId(ClusterScripts.run(dir.resolve("logs/submit-trucks.log"), Duration.ofMinutes(5),
                "submit.sh", trucks));
        waitForCommittedOffsets("gps-cluster", Duration.ofMinutes(3));

        // The job's own counts reach the metric reporter live, not only run.json.
        StringBuilder scraped = new StringBuilder();
        for (int p = prometheusPort; p < prometheusPort + 3; p++) {
            scraped.append(ClusterScripts.get("http://127.0.0.1:" + p + "/metrics"));
        }
        for (String metric : new String[] {"zhili_gps_read", "zhili_points_accepted", "zhili_alerts_SPEEDING",
            "zhili_gps_dead_letter_MALFORMED_JSON", "zhili_points_late", "zhili_event_time_lag_ms"}) {
            assertTrue(scraped.indexOf(metric) >= 0, metric + " exported to Prometheus");
        }

        // An upgrade halfway: a savepoint while running, the latest checkpoint, then stop with a savepoint
        // and resume a new job from it (same jar here; the operator uids are what carry the state over).
        assertTrue(exists(lastLine(ClusterScripts.run(dir.resolve("logs/savepoint-trigger.log"), Duration.ofMinutes(5),
                "savepoint.sh", "trigger", first, "--rest", rest))));
        assertTrue(exists(lastLine(ClusterScripts.run(dir.resolve("logs/savepoint-latest.log"), Duration.ofMinutes(1),
                "savepoint.sh", "latest", first, "--rest", rest))));
        String upgrade = lastLine(ClusterScripts.run(dir.resolve("logs/savepoint-stop.log"), Duration.ofMinutes(5),
                "savepoint.sh", "stop", first, "--rest", rest));
        assertTrue(exists(upgrade), upgrade);
        String[] resume = new String[trucks.length + 2];
        resume[0] = "resume";
        resume[1] = upgrade;
        System.arraycopy(trucks, 0, resume, 2, trucks.length);
        String job = jobId(ClusterScripts.run(dir.resolve("logs/savepoint-resume.log"), Duration.ofMinutes(5),
                "savepoint.sh", resume));

        // The rest of the night arrives and a TaskManager dies mid-stream.
        KAFKA.produceKeyedByTruck("gps-cluster", reports.subList(half, reports.size()));
        Thread.sleep(300);
        long killed = killTaskManagerRunning(job);
        ClusterScripts.run(dir.resolve("logs/cluster-restart.log"), Duration.ofMinutes(3), "flink-cluster.sh", "start",
                "--dir", cluster.toString());
        waitForCommittedOffsets("gps-cluster", Duration.ofMinutes(5));

        // Stop with a savepoint, draining event time: the open episodes close as at the end of a bounded run.
        assertTrue(exists(lastLine(ClusterScripts.run(dir.resolve("logs/savepoint-drain.log"), Duration.ofMinutes(5),
                "savepoint.sh", "stop", job, "--drain", "--rest", rest))));

        List<String> topic = AlertIds.committed(KAFKA.bootstrapServers(), "alerts-cluster",
                (key, alert) -> { });
        List<String> table = AlertIds.inParquet(onCluster);
        System.out.printf("trucks: %d reports, TaskManager pid %d killed; %d alerts expected, %d on the topic, %d in the table%n",
                reports.size(), killed, expected.size(), topic.size(), table.size());
        JsonNode exceptions = new ObjectMapper().readTree(ClusterScripts.get(rest + "/jobs/" + job + "/exceptions"));
        assertFalse(exceptions.get("exceptionHistory").get("entries").isEmpty(),
                "the job saw the loss of TaskManager pid " + killed);
        assertEquals(expected, topic, "alerts topic, read_committed");
        assertEquals(expected, table, "alerts table");
    }

    @Test
    void referenceUpdatesFromKafkaSurviveALostTaskManagerAfterACompletedCheckpoint() throws Exception {
        Path night = Files.createDirectories(dir.resolve("night"));
        List<String> gps = ReferenceNightAccess.gps();
        List<String> updates = ReferenceNightAccess.updates();
        int half = gps.size() / 2;
        KAFKA.createTopic("night-gps", 2);
        KAFKA.createTopic("night-updates", 1);
        KAFKA.createTopic("night-alerts", 1);
        KAFKA.produceKeyedByTruck("night-updates", updates);
        KAFKA.produceKeyedByTruck("night-gps", gps.subList(0, half));

        Path out = dir.resolve("night-cluster");
        String job = jobId(ClusterScripts.run(dir.resolve("logs/submit-night.log"), Duration.ofMinutes(5),
                "submit.sh", "--rest", rest, "--jar", ClusterScripts.CLUSTER_JAR.toString(), "trucks",
                "--kafka", KAFKA.bootstrapServers(), "--topic", "night-gps", "--reference-topic", "night-updates",
                "--alerts-topic", "night-alerts", "--routes", ReferenceNightAccess.routes(night).toString(),
                "--sites", ReferenceNightAccess.sites(night).toString(), "--zones", ReferenceNightAccess.zones(night).toString(),
                "--out", out.toString(), "--idleness", "0", "--checkpoint-interval", "1s", "--parallelism", "2"));
        // The first half of the night is read and a checkpoint holding it (and the updates) completed.
        waitForCommittedOffsets("night-gps", Duration.ofMinutes(3));
        long completed = awaitCheckpoint(job, "completed", Duration.ofMinutes(1)).get("id").asLong();

        KAFKA.produceKeyedByTruck("night-gps", gps.subList(half, gps.size()));
        Thread.sleep(300);
        long killed = killTaskManagerRunning(job);
        ClusterScripts.run(dir.resolve("logs/night-cluster-restart.log"), Duration.ofMinutes(3), "flink-cluster.sh", "start",
                "--dir", cluster.toString());
        JsonNode restored = awaitCheckpoint(job, "restored", Duration.ofMinutes(3));
        assertFalse(restored.get("is_savepoint").asBoolean(), restored.toString());
        assertTrue(restored.get("id").asLong() >= completed,
                "restored checkpoint " + restored.get("id") + ", completed before the kill " + completed);
        waitForCommittedOffsets("night-gps", Duration.ofMinutes(5));
        // Draining closes the episodes still open, as at the end of a bounded replay.
        assertTrue(exists(lastLine(ClusterScripts.run(dir.resolve("logs/night-drain.log"), Duration.ofMinutes(5),
                "savepoint.sh", "stop", job, "--drain", "--rest", rest))));

        List<String> topic = AlertIds.committed(KAFKA.bootstrapServers(), "night-alerts", (key, alert) -> { });
        System.out.printf("night: %d reports, %d updates, TaskManager pid %d killed after checkpoint %d, restored %s; "
                + "%d alerts on the topic%n", gps.size(), updates.size(), killed, completed, restored.get("id"), topic.size());
        assertEquals(ReferenceNightAccess.expectedAlerts(), ReferenceNightAccess.alertsIn(out), "alerts table");
        assertEquals(AlertIds.inParquet(out), topic, "alerts topic, read_committed");

        // Each invalid update is one dead letter with its reason, not one per attempt.
        List<String> invalid = updates.subList(updates.size() - ReferenceNightAccess.expectedUpdateReasons().size(),
                updates.size());
        Map<String, String> expectedDead = new HashMap<>();
        for (int i = 0; i < invalid.size(); i++) {
            expectedDead.put(invalid.get(i), ReferenceNightAccess.expectedUpdateReasons().get(i));
        }
        Map<String, String> dead = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT raw, split_part(reason, ':', 1) FROM read_parquet('"
                     + out.resolve("dead_letter") + "/*.parquet')")) {
            while (r.next()) {
                assertEquals(null, dead.put(r.getString(1), r.getString(2)), "dead letter twice: " + r.getString(1));
            }
        }
        assertEquals(expectedDead, dead, "dead letters of the updates");
    }

    /** The REST API's latest {@code kind} (completed, restored) checkpoint of {@code job}, once there is one. */
    private static JsonNode awaitCheckpoint(String job, String kind, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = ClusterScripts.get(rest + "/jobs/" + job + "/checkpoints");
            JsonNode latest = new ObjectMapper().readTree(last).path("latest").path(kind);
            if (latest.isObject()) {
                return latest;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + job + " has no " + kind + " checkpoint after " + timeout + ": " + last);
    }

    private static String jobId(String submitOutput) {
        Matcher id = Pattern.compile("(?m)^job ([0-9a-f]{32})$").matcher(submitOutput);
        assertTrue(id.find(), submitOutput);
        return id.group(1);
    }

    private static String lastLine(String output) {
        return output.strip().lines().reduce((a, b) -> b).orElse("");
    }

    /** Whether a savepoint or checkpoint path ({@code file:/…}) is a directory here. */
    private static boolean exists(String location) {
        return Files.isDirectory(Path.of(location.replaceFirst("^file:(//)?", "")));
    }

    /** Kills (SIGKILL) a TaskManager that runs a task of {@code job}; returns its pid. */
    private static long killTaskManagerRunning(String job) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode vertices = json.readTree(ClusterScripts.get(rest + "/jobs/" + job)).get("vertices");
        for (JsonNode v : vertices) {
            JsonNode tms = json.readTree(ClusterScripts.get(rest + "/jobs/" + job + "/vertices/" + v.get("id").asText()
                    + "/taskmanagers")).get("taskmanagers");
            for (JsonNode tm : tms) {
                Matcher m = Pattern.compile("zhili-tm-(\\d+)").matcher(tm.get("taskmanager-id").asText());
                if (m.find()) {
                    long pid = Long.parseLong(Files.readString(cluster.resolve("taskmanager-" + m.group(1) + ".pid")).strip());
                    ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
                    assertTrue(Files.readString(Path.of("/proc/" + pid + "/cmdline")).contains("TaskManagerRunner"),
                            "pid " + pid + " is this cluster's TaskManager");
                    process.destroyForcibly();
                    process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                    return pid;
                }
            }
        }
        throw new AssertionError("no TaskManager of this cluster runs job " + job);
    }

    /**
     * Waits until the job's consumer group has committed (on a checkpoint) every record of {@code topic}
     * (its two partitions).
     */
    private static void waitForCommittedOffsets(String topic, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < 2; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("zhili-trucks")
                        .partitionsToOffsetAndMetadata().get();
                // A partition with no records yet has nothing to commit.
                if (end.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the job did not commit " + end + " of " + topic + " within " + timeout);
        }
    }

    /**
     * Every row of a table (all its partitions) as text, sorted: doubles to 9 significant digits (sums
     * may add up in another order on another cluster), geometries as hex WKB.
     */
    static List<String> rows(Path out, String table) throws Exception {
        Path tableDir = out.resolve(table);
        try (Stream<Path> files = Files.walk(tableDir)) {
            if (files.noneMatch(p -> p.toString().endsWith(".parquet"))) {
                return List.of();
            }
        }
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + tableDir + "/**/*.parquet', hive_partitioning=true)")) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = r.getObject(i);
                    String text;
                    if (v instanceof Double d) {
                        text = String.format("%.9g", d);
                    } else if (v instanceof byte[] b) {
                        text = HexFormat.of().formatHex(b);
                    } else if (v instanceof java.sql.Blob b) {
                        text = HexFormat.of().formatHex(b.getBytes(1, (int) b.length()));
                    } else {
                        text = String.valueOf(v);
                    }
                    row.append(meta.getColumnName(i)).append('=').append(text).append(' ');
                }
                rows.add(row.toString());
            }
        }
        Collections.sort(rows);
        return rows;
    }
}
