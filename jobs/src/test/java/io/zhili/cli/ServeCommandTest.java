package io.zhili.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.jobs.tiles.HotspotCellsFixture;
import io.zhili.jobs.tiles.TileOptions;
import io.zhili.jobs.tiles.TileRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zhili serve}'s options: loopback by default, Kafka broker lists, CORS origins and base URL checked at start. */
class ServeCommandTest {
    @TempDir
    static Path dir;
    static Path tiles;

    @BeforeAll
    static void writeTiles() throws IOException {
        Path hotspots = dir.resolve("hotspots");
        HotspotCellsFixture.write(hotspots, "2025-03", Instant.parse("2025-02-28T16:00:00Z"),
                HotspotCellsFixture.disks(new double[][] {{120.38, 36.07}}, 2, 10), Map.of("ALL", 1.0));
        tiles = dir.resolve("tiles");
        TileRun.write(hotspots, tiles, TileOptions.defaults().withZooms(12, 12).withParallelism(1)
                .withProgress(new PrintStream(new ByteArrayOutputStream())));
    }

    /** Runs serve until it listens, hands its port to {@code whileUp}, then stops it; returns the exit code. */
    private static int serve(ServeCommand command, StringWriter out, IOConsumer whileUp, String... args) throws Exception {
        try (ServeRun run = ServeRun.start(command, out, args)) {
            if (run.listening()) {
                whileUp.accept(run.port());
            }
            return run.stop();
        }
    }

    private interface IOConsumer {
        void accept(int port) throws IOException;
    }

    @Test
    void testListensOnLoopbackOnlyByDefault() throws Exception {
        StringWriter out = new StringWriter();
        InetAddress external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst().orElse(null);
        int exit = serve(new ServeCommand(), out, port -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                assertTrue(s.isConnected());
            }
            if (external != null) {
                assertThrows(IOException.class, () -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(external, port), 2000);
                    }
                }, "not reachable on " + external.getHostAddress());
            }
        }, "--tiles", tiles.toString(), "--port", "0");
        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().contains("serve: console at http://127.0.0.1:"), out.toString());
        assertEquals("127.0.0.1", new CommandLine(new ServeCommand()).getCommandSpec().findOption("--bind").defaultValue());
    }

    @Test
    void testAcceptsABrokerListAndRefusesMalformedOptionsInOneLine() throws Exception {
        StringWriter out = new StringWriter();
        int[] seen = new int[1];
        int exit = serve(new ServeCommand(), out, port -> seen[0] = port, "--tiles", tiles.toString(), "--port", "0",
                "--kafka", "127.0.0.1:1,127.0.0.1:2", "--cors-origin", "https://gis.example.org", "--cors-origin", "http://127.0.0.1:5173",
                "--base-url", "https://maps.example.org/zhili");
        assertEquals(0, exit, out.toString());
        assertTrue(seen[0] > 0, "the server started with a broker list");
        assertTrue(out.toString().contains("truck alerts from Kafka 127.0.0.1:1,127.0.0.1:2 topic truck-alerts, "
                + "live alerts from topic city-alerts"), out.toString());
        for (String[] bad : new String[][] {{"--kafka", "127.0.0.1:1,"}, {"--kafka", "host"}, {"--cors-origin", "https://x.example/path"},
                {"--cors-origin", "x.example"}, {"--base-url", "ftp://x"}}) {
            StringWriter err = new StringWriter();
            int code = ZhiliCommand.execute(new PrintWriter(err, true), "serve", "--tiles", tiles.toString(), "--port", "0", bad[0], bad[1]);
            assertEquals(2, code, String.join(" ", bad) + ": " + err);
            assertTrue(err.toString().startsWith("zhili serve: " + bad[0] + " must be"), err.toString());
            assertEquals(1, err.toString().trim().lines().count(), err.toString());
        }
    }

    @Test
    void testHotspotsAndLiveAlertsFlags() throws Exception {
        StringWriter out = new StringWriter();
        int exit = serve(new ServeCommand(), out, port -> { }, "--tiles", tiles.toString(), "--port", "0",
                "--hotspots", dir.resolve("hotspots").toString(), "--live-alerts", dir.resolve("live/alerts").toString());
        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().contains("no truck alerts, live alerts from " + dir.resolve("live/alerts")), out.toString());
        assertTrue(out.toString().contains("cell details of " + dir.resolve("hotspots").toAbsolutePath() + ": 19 cells at H3 res 9, "
                + "1 periods (2025-03 … 2025-03), forecast none (no forecast/cells)"), out.toString());

        StringWriter err = new StringWriter();
        assertEquals(2, ZhiliCommand.execute(new PrintWriter(err, true), "serve", "--tiles", tiles.toString(), "--port", "0",
                "--hotspots", dir.resolve("absent").toString()));
        assertEquals("zhili serve: --hotspots " + dir.resolve("absent") + " is not a directory (try --help)", err.toString().trim());
        err = new StringWriter();
        assertEquals(1, ZhiliCommand.execute(new PrintWriter(err, true), "serve", "--tiles", tiles.toString(), "--port", "0",
                "--hotspots", tiles.toString()));
        assertEquals(1, err.toString().trim().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("zhili serve: " + tiles + " has no hotspot_cells/ folder"), err.toString());
        err = new StringWriter();
        assertEquals(1, ZhiliCommand.execute(new PrintWriter(err, true), "serve", "--tiles", tiles.toString(), "--port", "0",
                "--hotspots", dir.resolve("hotspots").toString(), "--catalog", dir.resolve("absent.csv").toString()));
        assertEquals("zhili serve: catalog " + dir.resolve("absent.csv") + ": does not exist", err.toString().trim());
    }
}
