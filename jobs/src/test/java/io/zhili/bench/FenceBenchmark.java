package io.zhili.bench;

import io.zhili.datasets.trucks.TruckDataGenerator;
import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.fence.RouteCorridor;
import io.zhili.geo.trucks.DecodeOutcome;
import io.zhili.geo.trucks.GpsJsonParser;
import io.zhili.geo.trucks.GpsPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The truck job's per-report spatial tests on one core, over the reports of a generated night of 600
 * trucks (the {@code city} fleet; about one million reports, of which 65 536 valid ones spread evenly
 * over the night are replayed): the restricted-zone test with its hours, the site test (both through the
 * fence raster), and the route-corridor test against every permit of the truck valid at that time — as the
 * engine runs it (each truck's segment hints kept, as its state keeps them), without hints, and as the
 * distance to each route, the per-point way. Replayed reports of one truck are about fifteen of its
 * reports apart, so the hints here are staler than in the job, where every report follows the last.
 *
 * <p>Run: {@code scripts/bench.sh jmh Fence}. Results are nanoseconds per report.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FenceBenchmark {
    static final int REPORTS = 1 << 16;
    static final int TRUCKS = 600;

    /** The generated night and its layers, once per fork. */
    @State(Scope.Benchmark)
    public static class Night {
        Path dir;
        ReferenceLayers layers;
        GpsPoint[] points = new GpsPoint[REPORTS];
        /** Per report, its truck's corridor hints (one array per truck, shared by its reports). */
        int[][] hints = new int[REPORTS][];

        @Setup(Level.Trial)
        public void generate() throws IOException {
            dir = Files.createTempDirectory("zhili-bench-fence");
            TruckDataGenerator.generate(dir, TRUCKS, 20251);
            layers = ReferenceLayers.read(dir.resolve("routes.geojson"), dir.resolve("sites.geojson"),
                    dir.resolve("zones.geojson"));
            List<GpsPoint> valid = new ArrayList<>();
            try (var lines = Files.lines(dir.resolve("gps.jsonl"), StandardCharsets.UTF_8)) {
                lines.forEach(line -> {
                    DecodeOutcome o = GpsJsonParser.parse(line);
                    if (o.ok()) {
                        valid.add(o.point());
                    }
                });
            }
            if (valid.size() < REPORTS) {
                throw new IllegalStateException("the generated night has only " + valid.size() + " valid reports");
            }
            // Evenly spread over the night: its first hour is trucks waiting at their sites.
            double stride = valid.size() / (double) REPORTS;
            Map<String, int[]> byTruck = new HashMap<>();
            for (int i = 0; i < REPORTS; i++) {
                points[i] = valid.get((int) (i * stride));
                hints[i] = byTruck.computeIfAbsent(points[i].truckId(), t -> {
                    int[] h = new int[layers.corridorsOf(t).length];
                    java.util.Arrays.fill(h, RouteCorridor.NO_HINT);
                    return h;
                });
            }
            int inZone = 0;
            int atSite = 0;
            int checked = 0;
            int outside = 0;
            for (int i = 0; i < REPORTS; i++) {
                GpsPoint p = points[i];
                inZone += layers.zones().activeZoneAt(p.lon(), p.lat(), p.ts()) >= 0 ? 1 : 0;
                atSite += layers.sites().siteAt(p.lon(), p.lat()) >= 0 ? 1 : 0;
                for (RouteCorridor c : layers.corridorsOf(p.truckId())) {
                    if (c.route().validOn(p.ts())) {
                        checked++;
                        outside += c.within(p.lon(), p.lat()) ? 0 : 1;
                    }
                }
            }
            System.out.printf("%nreports: %d, in an active zone %d, at a site %d, corridor tests %d (outside %d)%n",
                    REPORTS, inZone, atSite, checked, outside);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Per-thread position in the report list. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            int i = next;
            next = (i + 1) & (REPORTS - 1);
            return i;
        }
    }

    @Benchmark
    public int activeZone(Night night, Cursor c) {
        int i = c.advance();
        GpsPoint p = night.points[i];
        return night.layers.zones().activeZoneAt(p.lon(), p.lat(), p.ts());
    }

    @Benchmark
    public int site(Night night, Cursor c) {
        int i = c.advance();
        GpsPoint p = night.points[i];
        return night.layers.sites().siteAt(p.lon(), p.lat());
    }

    /** As the rule engine tests a loaded truck away from sites: every valid permit, stop at the first inside. */
    @Benchmark
    public double corridor(Night night, Cursor c) {
        int i = c.advance();
        return corridors(night, night.points[i], night.hints[i]);
    }

    /** The same without hints: every test scans the route's segments from the first. */
    @Benchmark
    public double corridorNoHints(Night night, Cursor c) {
        GpsPoint p = night.points[c.advance()];
        int[] none = new int[night.layers.corridorsOf(p.truckId()).length];
        java.util.Arrays.fill(none, RouteCorridor.NO_HINT);
        return corridors(night, p, none);
    }

    private static double corridors(Night night, GpsPoint p, int[] hints) {
        RouteCorridor[] all = night.layers.corridorsOf(p.truckId());
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < all.length; k++) {
            if (all[k].route().validOn(p.ts())) {
                double d = all[k].distanceIfOutside(p.lon(), p.lat(), hints, k);
                if (Double.isNaN(d)) {
                    return d;
                }
                best = Math.min(best, d);
            }
        }
        return best;
    }

    /** The distance to each valid route, the per-point way. */
    @Benchmark
    public void corridorDistanceOnly(Night night, Cursor c, Blackhole bh) {
        GpsPoint p = night.points[c.advance()];
        for (RouteCorridor rc : night.layers.corridorsOf(p.truckId())) {
            if (rc.route().validOn(p.ts())) {
                bh.consume(rc.distanceMeters(p.lon(), p.lat()) <= rc.route().corridorM());
            }
        }
    }

    /** Everything the engine asks of the layers per report: zone, site and corridors. */
    @Benchmark
    public void allTests(Night night, Cursor c, Blackhole bh) {
        int i = c.advance();
        GpsPoint p = night.points[i];
        bh.consume(night.layers.zones().activeZoneAt(p.lon(), p.lat(), p.ts()));
        bh.consume(night.layers.sites().siteAt(p.lon(), p.lat()));
        bh.consume(corridors(night, p, night.hints[i]));
    }
}
