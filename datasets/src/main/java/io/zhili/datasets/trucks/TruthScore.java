package io.zhili.datasets.trucks;

import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.RuleType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores detected alerts against {@code truth/violations.csv} by episode overlap: an alert matches a
 * planted violation of the same truck and rule when their [start, end] event-time intervals
 * intersect. Precision is the share of alerts that match some violation, recall the share of
 * violations matched by some alert.
 *
 * <p>Stateless and thread-safe.
 */
public final class TruthScore {
    private TruthScore() {
    }

    /** One rule's score. */
    public record Score(RuleType rule, int violations, int alerts, int matchedViolations, int matchedAlerts) {
        /** Matched alerts / alerts; 1 when there are no alerts and no violations, else 0 for no alerts. */
        public double precision() {
            return alerts == 0 ? (violations == 0 ? 1 : 0) : (double) matchedAlerts / alerts;
        }

        /** Matched violations / violations; 1 when nothing was planted. */
        public double recall() {
            return violations == 0 ? 1 : (double) matchedViolations / violations;
        }

        /** One line: rule, counts, precision and recall. */
        @Override
        public String toString() {
            return String.format("%-16s violations %5d  alerts %5d  precision %.3f  recall %.3f", rule, violations, alerts,
                    precision(), recall());
        }
    }

    /**
     * Reads {@code truth/violations.csv} ({@code truck_id,rule,start_ms,end_ms}).
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the line when a row is malformed
     */
    public static List<TruthEpisode> read(Path violationsCsv) throws IOException {
        List<String> lines = Files.readAllLines(violationsCsv, StandardCharsets.UTF_8);
        List<TruthEpisode> out = new ArrayList<>(Math.max(0, lines.size() - 1));
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                out.add(new TruthEpisode(f[0], RuleType.valueOf(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(violationsCsv + " line " + (i + 1) + ": not truck_id,rule,start_ms,end_ms: " + line);
            }
        }
        return out;
    }

    /** The score of every rule, in {@link RuleType} order. */
    public static Map<RuleType, Score> score(List<TruthEpisode> truth, List<Alert> alerts) {
        Map<String, List<TruthEpisode>> truthByKey = new HashMap<>();
        for (TruthEpisode t : truth) {
            truthByKey.computeIfAbsent(t.truckId() + '|' + t.rule(), k -> new ArrayList<>()).add(t);
        }
        Map<String, List<Alert>> alertsByKey = new HashMap<>();
        for (Alert a : alerts) {
            alertsByKey.computeIfAbsent(a.truckId() + '|' + a.rule(), k -> new ArrayList<>()).add(a);
        }
        int[] violations = new int[RuleType.values().length];
        int[] matchedViolations = new int[violations.length];
        int[] alertCount = new int[violations.length];
        int[] matchedAlerts = new int[violations.length];
        for (TruthEpisode t : truth) {
            violations[t.rule().ordinal()]++;
            for (Alert a : alertsByKey.getOrDefault(t.truckId() + '|' + t.rule(), List.of())) {
                if (overlaps(t, a)) {
                    matchedViolations[t.rule().ordinal()]++;
                    break;
                }
            }
        }
        for (Alert a : alerts) {
            alertCount[a.rule().ordinal()]++;
            for (TruthEpisode t : truthByKey.getOrDefault(a.truckId() + '|' + a.rule(), List.of())) {
                if (overlaps(t, a)) {
                    matchedAlerts[a.rule().ordinal()]++;
                    break;
                }
            }
        }
        Map<RuleType, Score> out = new EnumMap<>(RuleType.class);
        for (RuleType r : RuleType.values()) {
            int i = r.ordinal();
            out.put(r, new Score(r, violations[i], alertCount[i], matchedViolations[i], matchedAlerts[i]));
        }
        return out;
    }

    /** True when the alert is of the violation's truck and rule and their intervals intersect. */
    public static boolean overlaps(TruthEpisode t, Alert a) {
        return t.truckId().equals(a.truckId()) && t.rule() == a.rule() && a.startTs() <= t.endMs() && t.startMs() <= a.endTs();
    }
}
