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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster jar on a real Flink standalone session cluster — a JobManager and two TaskManagers, each
 * its own JVM, started by {@code scripts/flink-cluster.sh} — submitted through the REST API by
 * {@code scripts/submit.sh}, gives the same tables as the embedded MiniCluster. Runs in the
 * integration-test phase of {@code mvn -Pcluster verify}, after the jar is packaged; stops the cluster
 * it started by process id.
 */
class FlinkClusterIT {
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
