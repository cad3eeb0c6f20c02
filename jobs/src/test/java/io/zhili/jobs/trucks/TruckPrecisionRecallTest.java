package io.zhili.jobs.trucks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.datasets.trucks.TruckDataGenerator;
import io.zhili.geo.trucks.RuleType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The truck job end to end on the generator's traces with planted violations: per-rule precision
 * and recall by episode overlap against {@code truth/violations.csv}, printed, at least 0.95 each.
 * An alert and a true episode match when they are of the same truck and rule and their event-time
 * intervals overlap (closed intervals: a one-report episode matches a report inside the other).
 */
class TruckPrecisionRecallTest {
    private static final int TRUCKS = 150;
    private static final long SEED = 20251124L;
    private static final double REQUIRED = 0.95;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;

    record Episode(String truck, RuleType rule, long start, long end) {
        boolean overlaps(Episode o) {
            return truck.equals(o.truck) && rule == o.rule && start <= o.end && o.start <= end;
        }
    }

    @Test
    void everyRuleHasPrecisionAndRecallOfAtLeast95Percent() throws Exception {
        Path data = dir.resolve("data");
        TruckDataGenerator.generate(data, TRUCKS, SEED);
        Path out = dir.resolve("out");
        new TruckRun(TruckRun.Input.file(data.resolve("gps.jsonl")), data.resolve("routes.geojson"),
                data.resolve("sites.geojson"), data.resolve("zones.geojson"), out, TruckJobOptions.defaults(), 2)
                .execute();

        List<Episode> truth = new ArrayList<>();
        List<Episode> alerts = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT truck_id, rule, start_ms, end_ms FROM read_csv('"
                    + data.resolve("truth/violations.csv") + "', header=true, all_varchar=true)");
            while (rs.next()) {
                truth.add(new Episode(rs.getString(1), RuleType.valueOf(rs.getString(2)), Long.parseLong(rs.getString(3)),
                        Long.parseLong(rs.getString(4))));
            }
            rs = st.executeQuery("SELECT truck_id, rule, epoch_ms(start_ts), epoch_ms(end_ts) FROM read_parquet('"
                    + out.resolve("alerts/*.parquet") + "')");
            while (rs.next()) {
                alerts.add(new Episode(rs.getString(1), RuleType.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4)));
            }
        }
        assertTrue(Files.exists(out.resolve("_SUCCESS")));

        Map<RuleType, double[]> scores = new EnumMap<>(RuleType.class);
        StringBuilder table = new StringBuilder(String.format("%-16s %6s %6s %9s %9s%n", "rule", "truth", "alerts",
                "precision", "recall"));
        for (RuleType rule : RuleType.values()) {
            List<Episode> t = truth.stream().filter(e -> e.rule() == rule).toList();
            List<Episode> a = alerts.stream().filter(e -> e.rule() == rule).toList();
            long truePositives = a.stream().filter(x -> t.stream().anyMatch(x::overlaps)).count();
            long found = t.stream().filter(x -> a.stream().anyMatch(x::overlaps)).count();
            double precision = a.isEmpty() ? (t.isEmpty() ? 1 : 0) : (double) truePositives / a.size();
            double recall = t.isEmpty() ? (a.isEmpty() ? 1 : 0) : (double) found / t.size();
            scores.put(rule, new double[] {precision, recall});
            table.append(String.format("%-16s %6d %6d %9.3f %9.3f%n", rule, t.size(), a.size(), precision, recall));
        }
        System.out.print(table);
        for (Map.Entry<RuleType, double[]> e : scores.entrySet()) {
            assertTrue(truth.stream().anyMatch(x -> x.rule() == e.getKey()), "no planted " + e.getKey() + "\n" + table);
            assertTrue(e.getValue()[0] >= REQUIRED, e.getKey() + " precision\n" + table);
            assertTrue(e.getValue()[1] >= REQUIRED, e.getKey() + " recall\n" + table);
        }
    }
}
