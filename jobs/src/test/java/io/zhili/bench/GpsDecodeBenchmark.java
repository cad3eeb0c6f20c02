package io.zhili.bench;

import io.zhili.datasets.trucks.TruckDataGenerator;
import io.zhili.geo.fence.FenceLayers;
import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.jt808.Jt808Decoder;
import io.zhili.geo.jt808.TerminalRegistry;
import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.DecodeOutcome;
import io.zhili.geo.trucks.GpsJsonParser;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.RuleConfig;
import io.zhili.geo.trucks.TruckRuleEngine;
import io.zhili.geo.trucks.TruckState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The truck job's per-record costs on one core, over the small generated night (60 trucks, about
 * 100 000 reports): decoding a JT/T 808 frame from bytes (a Kafka value) and from a hex line (the
 * {@code gps.jt808} file), parsing a JSON line from a String and from its UTF-8 bytes (a Kafka value or a
 * file line, as the job decodes it), and the rule engine per accepted report (trace by
 * trace, with its timers, as the keyed function runs it).
 *
 * <p>Run: {@code scripts/bench.sh jmh GpsDecode}. Results are records per second.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GpsDecodeBenchmark {
    static final int RECORDS = 1 << 16;
    static final int ENGINE_REPORTS = 100_000;

    /** The generated night, read once per fork. */
    @State(Scope.Benchmark)
    public static class Night {
        Path dir;
        byte[][] frames = new byte[RECORDS][];
        String[] hexLines = new String[RECORDS];
        String[] jsonLines = new String[RECORDS];
        byte[][] jsonBytes = new byte[RECORDS][];
        TerminalRegistry registry;
        ReferenceLayers layers;
        List<List<GpsPoint>> traces = new ArrayList<>();
        int reports;

        @Setup(Level.Trial)
        public void generate() throws IOException {
            dir = Files.createTempDirectory("zhili-bench-gps");
            TruckDataGenerator.generate(dir, 60, 20251);
            List<String> hex = Files.readAllLines(dir.resolve("gps.jt808"), StandardCharsets.UTF_8);
            List<String> json = Files.readAllLines(dir.resolve("gps.jsonl"), StandardCharsets.UTF_8);
            for (int i = 0; i < RECORDS; i++) {
                hexLines[i] = hex.get(i);
                jsonLines[i] = json.get(i);
                jsonBytes[i] = jsonLines[i].getBytes(StandardCharsets.UTF_8);
                try {
                    frames[i] = HexFormat.of().parseHex(hexLines[i]);
                } catch (IllegalArgumentException junkLine) {
                    frames[i] = hexLines[i].getBytes(StandardCharsets.US_ASCII);
                }
            }
            registry = TerminalRegistry.fromRoutes(FenceLayers.readRoutes(dir.resolve("routes.geojson")));
            layers = ReferenceLayers.read(dir.resolve("routes.geojson"), dir.resolve("sites.geojson"),
                    dir.resolve("zones.geojson"));
            Map<String, List<GpsPoint>> byTruck = new TreeMap<>();
            for (String line : json) {
                DecodeOutcome o = GpsJsonParser.parse(line);
                if (o.ok()) {
                    byTruck.computeIfAbsent(o.point().truckId(), k -> new ArrayList<>()).add(o.point());
                }
            }
            for (List<GpsPoint> t : byTruck.values()) {
                t.sort(Comparator.comparingLong(GpsPoint::ts));
                int take = Math.min(t.size(), ENGINE_REPORTS - reports);
                if (take > 0) {
                    traces.add(t.subList(0, take));
                    reports += take;
                }
            }
            if (reports != ENGINE_REPORTS) {
                throw new IllegalStateException("the small night has only " + reports + " reports");
            }
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One decoder per benchmark thread, as one per Flink subtask. */
    @State(Scope.Thread)
    public static class Decoder {
        Jt808Decoder decoder;
        int next;

        @Setup(Level.Trial)
        public void create(Night night) {
            decoder = new Jt808Decoder(night.registry);
        }
    }

    @Benchmark
    public DecodeOutcome jt808FromBytes(Night night, Decoder d) {
        byte[] f = night.frames[d.next++ & (RECORDS - 1)];
        return d.decoder.decode(f, 0, f.length);
    }

    @Benchmark
    public DecodeOutcome jt808FromHexLine(Night night, Decoder d) {
        return d.decoder.decodeHex(night.hexLines[d.next++ & (RECORDS - 1)]);
    }

    @Benchmark
    public DecodeOutcome jsonLine(Night night, Decoder d) {
        return GpsJsonParser.parse(night.jsonLines[d.next++ & (RECORDS - 1)]);
    }

    @Benchmark
    public DecodeOutcome jsonBytes(Night night, Decoder d) {
        byte[] b = night.jsonBytes[d.next++ & (RECORDS - 1)];
        return GpsJsonParser.parse(b, 0, b.length);
    }

    /** The first 100 000 reports, truck by truck, through a fresh engine; the score is reports per second. */
    @Benchmark
    @OperationsPerInvocation(ENGINE_REPORTS)
    @Measurement(iterations = 5, time = 4)
    public void ruleEnginePerReport(Night night, Blackhole bh) {
        TruckRuleEngine engine = new TruckRuleEngine(night.layers, RuleConfig.defaults());
        List<Alert> alerts = new ArrayList<>();
        for (List<GpsPoint> t : night.traces) {
            engine.runTrace(new TruckState(), t, alerts::add, null);
        }
        bh.consume(alerts);
    }
}
