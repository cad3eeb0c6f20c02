package io.zhili.jobs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.jobs.trucks.TruckJobOptions;
import io.zhili.jobs.trucks.TruckRun;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.MapFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The truck job's metrics endpoint ({@code --metrics-port}, {@code --metrics-bind}): scraped while a
 * local run is going, it serves Zhili's counts; by default it listens on loopback only, so the
 * machine's other addresses refuse the connection.
 */
class PrometheusEndpointTest {
    @TempDir
    Path dir;

    static volatile String scraped;
    static volatile Boolean otherAddressRefused;

    /** Scrapes the endpoint once, half-way through the input, and tries it on a non-loopback address. */
    static final class Scrape implements MapFunction<byte[], byte[]> {
        private final int port;
        private int seen;

        Scrape(int port) {
            this.port = port;
        }

        @Override
        public byte[] map(byte[] raw) throws Exception {
            if (++seen == 200) {
                try (InputStream in = URI.create("http://127.0.0.1:" + port + "/metrics").toURL().openStream()) {
                    scraped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                InetAddress other = nonLoopback();
                if (other != null) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(other, port), 2000);
                        otherAddressRefused = false;
                    } catch (IOException refused) {
                        otherAddressRefused = true;
                    }
                }
            }
            return raw;
        }
    }

    @Test
    void aLocalRunServesItsCountsOnLoopbackOnly() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path gps = Files.write(dir.resolve("gps.jsonl"), lines(600));
        Path routes = Files.writeString(dir.resolve("routes.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
        scraped = null;
        otherAddressRefused = null;
        new TruckRun(TruckRun.Input.file(gps), routes, routes, routes, dir.resolve("out"), TruckJobOptions.defaults(), 1)
                .withMetrics(null, Integer.toString(port)).withRawTap(new Scrape(port)).execute();
        assertTrue(scraped != null, "scraped during the run");
        assertTrue(scraped.contains("_zhili_gps_read{"), scraped.length() > 2000 ? scraped.substring(0, 2000) : scraped);
        assertTrue(scraped.contains("# TYPE "));
        if (nonLoopback() != null) {
            assertEquals(Boolean.TRUE, otherAddressRefused, "a non-loopback address must not reach the endpoint");
        }
    }

    @Test
    void badPortsAreOneLineErrors() {
        assertEquals(3, PrometheusEndpoint.ports("9250-9252").length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrometheusEndpoint.ports("92x"));
        assertTrue(e.getMessage().contains("9250-9260"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusEndpoint.ports("9260-9250"));
    }

    private static List<String> lines(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(String.format(Locale.ROOT, "{\"truck_id\":\"鲁B0000%d\",\"ts\":%d,\"lon\":120.3,\"lat\":36.1,"
                    + "\"speed_kmh\":0,\"lid\":\"CLOSED\",\"load_t\":0}", i % 3, 1763949600000L + i * 1000L));
        }
        return lines;
    }

    static InetAddress nonLoopback() throws IOException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return a;
                }
            }
        }
        return null;
    }
}
