package io.zhili.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded load test of the tile server on loopback: {@value #CLIENTS} concurrent clients fetch random
 * existing tiles (PNG and MVT) and TileJSON for a fixed time, {@code -Dzhili.serve.load.seconds} (5 in CI;
 * {@code scripts/bench.sh serve} runs 20). Every response must be a 200 with a body, the request threads
 * stay within the pool's bound, and the latency percentiles are printed for docs/BENCHMARKS.md.
 */
class TileServerLoadTest {
    static final int CLIENTS = 200;

    @Test
    void testTwoHundredClientsGetTilesWithoutErrors(@TempDir Path dir) throws Exception {
        int seconds = Integer.getInteger("zhili.serve.load.seconds", 5);
        Path tiles = TileServerTest.writeTiles(dir);
        List<String> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(tiles)) {
            walk.filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".mvt") || p.endsWith("tilejson.json"))
                    .forEach(p -> paths.add("/tiles/" + tiles.relativize(p).toString().replace('\\', '/')));
        }
        assertTrue(paths.size() > 20, "tiles to fetch: " + paths.size());
        TileServer.Options options = TileServer.Options.loopback(0);
        try (TileServer server = new TileServer(tiles, null, new AlertHub(), options)) {
            server.start();
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            long[][] latencies = new long[CLIENTS][];
            AtomicLong errors = new AtomicLong();
            Map<String, Long> errorKinds = new ConcurrentHashMap<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> clients = new ArrayList<>();
            long[] end = new long[1];
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    long[] mine = new long[1 << 12];
                    int n = 0;
                    java.util.SplittableRandom random = new java.util.SplittableRandom(client);
                    try {
                        go.await();
                        while (System.nanoTime() < end[0]) {
                            HttpRequest request = HttpRequest.newBuilder(URI.create(base + paths.get(random.nextInt(paths.size()))))
                                    .timeout(Duration.ofSeconds(30)).build();
                            long t0 = System.nanoTime();
                            try {
                                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                                if (r.statusCode() != 200 || r.body().length == 0) {
                                    errors.incrementAndGet();
                                    errorKinds.merge("status " + r.statusCode(), 1L, Long::sum);
                                }
                            } catch (java.io.IOException e) {
                                errors.incrementAndGet();
                                errorKinds.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                            }
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = System.nanoTime() - t0;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    latencies[client] = Arrays.copyOf(mine, n);
                }, "load-client-" + c);
                t.start();
                clients.add(t);
            }
            long start = System.nanoTime();
            end[0] = start + seconds * 1_000_000_000L;
            go.countDown();
            for (Thread t : clients) {
                t.join(seconds * 1000L + 60_000);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            assertEquals(0, errors.get(), "errors: " + errorKinds);
            assertTrue(all.length >= CLIENTS, "every client completed requests: " + all.length);
            assertTrue(server.largestThreadCount() <= options.threads(), "request threads " + server.largestThreadCount());
            System.out.printf("serve load: %d clients, %d s: %d requests (%.0f/s), latency p50 %.1f ms, p99 %.1f ms, max %.1f ms, "
                    + "errors 0, request threads at most %d of %d%n", CLIENTS, seconds, all.length, all.length / elapsed,
                    percentile(all, 0.50), percentile(all, 0.99), all[all.length - 1] / 1e6, server.largestThreadCount(),
                    options.threads());
        }
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
