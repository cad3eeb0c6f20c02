package io.zhili.datasets.trucks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.fence.FenceLayers;
import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.fence.Route;
import io.zhili.geo.jt808.Jt808Decoder;
import io.zhili.geo.jt808.TerminalRegistry;
import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.DecodeOutcome;
import io.zhili.geo.trucks.GpsJsonParser;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.PointVerdict;
import io.zhili.geo.trucks.RuleConfig;
import io.zhili.geo.trucks.RuleType;
import io.zhili.geo.trucks.TruckRuleEngine;
import io.zhili.geo.trucks.TruckState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruckDataGeneratorTest {
    private static final long SEED = 20251;
    @TempDir
    static Path dir;
    private static TruckDataSummary summary;
    private static List<String[]> truth;
    private static List<String[]> noise;

    @BeforeAll
    static void generateSmall() throws IOException {
        summary = TruckDataGenerator.generate(dir.resolve("a"), 60, SEED);
        truth = csv(dir.resolve("a/truth/violations.csv"));
        noise = csv(dir.resolve("a/truth/noise.csv"));
        System.out.println(summary);
    }

    private static List<String[]> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            rows.add(l.split(",", -1));
        }
        return rows;
    }

    /** Runs the engine over a file's points as the job does: per truck, in event order. */
    private static List<Alert> runEngine(Map<String, List<GpsPoint>> byTruck, Map<PointVerdict, Integer> verdicts)
            throws IOException {
        long l0 = System.nanoTime();
        ReferenceLayers layers = ReferenceLayers.read(dir.resolve("a/routes.geojson"), dir.resolve("a/sites.geojson"),
                dir.resolve("a/zones.geojson"));
        TruckRuleEngine engine = new TruckRuleEngine(layers, RuleConfig.defaults());
        System.out.printf("layers built %.1f s%n", (System.nanoTime() - l0) / 1e9);
        List<Alert> alerts = new ArrayList<>();
        for (List<GpsPoint> points : byTruck.values()) {
            List<GpsPoint> sorted = new ArrayList<>(points);
            sorted.sort(Comparator.comparingLong(GpsPoint::ts)); // stable: duplicates stay adjacent
            engine.runTrace(new TruckState(), sorted, alerts::add, v -> verdicts.merge(v, 1, Integer::sum));
        }
        return alerts;
    }

    private static Map<String, List<GpsPoint>> read(Path file, Function<String, DecodeOutcome> decoder,
                                                    Map<String, Integer> rejects) throws IOException {
        Map<String, List<GpsPoint>> byTruck = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            DecodeOutcome o = decoder.apply(line);
            if (o.ok()) {
                byTruck.computeIfAbsent(o.point().truckId(), k -> new ArrayList<>()).add(o.point());
            } else {
                rejects.merge(o.reason().name(), 1, Integer::sum);
            }
        }
        return byTruck;
    }

    @Test
    void engineFindsThePlantedViolationsWithPrecisionAndRecallOfAtLeastNinetyFivePercent() throws IOException {
        Map<String, Integer> rejects = new TreeMap<>();
        Map<PointVerdict, Integer> verdicts = new EnumMap<>(PointVerdict.class);
        long t0 = System.nanoTime();
        Map<String, List<GpsPoint>> points = read(dir.resolve("a/gps.jsonl"), GpsJsonParser::parse, rejects);
        long t1 = System.nanoTime();
        List<Alert> alerts = runEngine(points, verdicts);
        long t2 = System.nanoTime();
        System.out.printf("read %.1f s, engine %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);

        System.out.printf("%-16s %6s %6s %9s %7s%n", "rule", "truth", "alerts", "precision", "recall");
        for (RuleType rule : RuleType.values()) {
            List<String[]> expected = truth.stream().filter(t -> t[1].equals(rule.name())).toList();
            List<Alert> found = alerts.stream().filter(a -> a.rule() == rule).toList();
            long matchedAlerts = found.stream().filter(a -> expected.stream().anyMatch(t -> overlaps(t, a))).count();
            long matchedTruth = expected.stream().filter(t -> found.stream().anyMatch(a -> overlaps(t, a))).count();
            double precision = found.isEmpty() ? 0 : (double) matchedAlerts / found.size();
            double recall = expected.isEmpty() ? 0 : (double) matchedTruth / expected.size();
            System.out.printf("%-16s %6d %6d %9.3f %7.3f%n", rule, expected.size(), found.size(), precision, recall);
            for (Alert a : found) {
                if (expected.stream().noneMatch(t -> overlaps(t, a))) {
                    System.out.println("  unexpected: " + a);
                }
            }
            for (String[] t : expected) {
                if (found.stream().noneMatch(a -> overlaps(t, a))) {
                    System.out.println("  missed: " + String.join(",", t));
                }
            }
        }
        System.out.println("verdicts " + verdicts + ", rejects " + rejects);
        for (RuleType rule : RuleType.values()) {
            List<String[]> expected = truth.stream().filter(t -> t[1].equals(rule.name())).toList();
            List<Alert> found = alerts.stream().filter(a -> a.rule() == rule).toList();
            assertTrue(expected.size() >= 5, rule + " has only " + expected.size() + " planted episodes");
            long matchedAlerts = found.stream().filter(a -> expected.stream().anyMatch(t -> overlaps(t, a))).count();
            long matchedTruth = expected.stream().filter(t -> found.stream().anyMatch(a -> overlaps(t, a))).count();
            assertTrue(matchedAlerts >= 0.95 * found.size(), rule + " precision");
            assertTrue(matchedTruth >= 0.95 * expected.size(), rule + " recall");
        }
    }

    private static boolean overlaps(String[] truthRow, Alert a) {
        return truthRow[0].equals(a.truckId()) && a.startTs() <= Long.parseLong(truthRow[3])
                && Long.parseLong(truthRow[2]) <= a.endTs();
    }
}
