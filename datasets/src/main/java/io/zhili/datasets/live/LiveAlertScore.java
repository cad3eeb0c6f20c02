package io.zhili.datasets.live;

import io.zhili.geo.table.TableFiles;
import io.zhili.geo.table.TableReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores the OPEN alerts of a live run against {@code truth/live_alerts.csv}, per alert kind, by the kind's
 * key ({@link LiveAlert#key()}: {@code h3|category} for SURGE, the component for RECURRENCE, the case for
 * OVERDUE_*). Keys are compared as sets: an alert raised twice for one key (a surge that closes and opens
 * again) is one detection. Precision is the share of the run's keys that are in the truth, recall the share
 * of the truth's keys the run raised.
 *
 * <p>Stateless and thread-safe.
 */
public final class LiveAlertScore {
    private LiveAlertScore() {
    }

    /** One kind's score over distinct keys. */
    public record Score(String kind, int truth, int alerts, int matched) {
        /** Matched keys / the run's keys; 1 when the run raised none and none were due, else 0 for none. */
        public double precision() {
            return alerts == 0 ? (truth == 0 ? 1 : 0) : (double) matched / alerts;
        }

        /** Matched keys / the truth's keys; 1 when none were due. */
        public double recall() {
            return truth == 0 ? 1 : (double) matched / truth;
        }

        /** One line: kind, counts, precision and recall. */
        @Override
        public String toString() {
            return String.format("%-16s truth %5d  alerts %5d  matched %5d  precision %.3f  recall %.3f", kind, truth,
                    alerts, matched, precision(), recall());
        }
    }

    /**
     * The score of every kind of {@link LiveAlert#KINDS}, in that order.
     *
     * @param open the run's OPEN alerts (CLOSED records must be left out by the caller)
     * @throws IllegalArgumentException when an alert has an unknown kind
     */
    public static Map<String, Score> score(Collection<LiveAlert> truth, Collection<LiveAlert> open) {
        Map<String, Score> out = new LinkedHashMap<>();
        for (String kind : LiveAlert.KINDS) {
            Set<String> expected = keys(truth, kind);
            Set<String> raised = keys(open, kind);
            int matched = 0;
            for (String k : raised) {
                if (expected.contains(k)) {
                    matched++;
                }
            }
            out.put(kind, new Score(kind, expected.size(), raised.size(), matched));
        }
        for (LiveAlert a : open) {
            a.key(); // an unknown kind fails here rather than being ignored
        }
        return out;
    }

    private static Set<String> keys(Collection<LiveAlert> alerts, String kind) {
        Set<String> keys = new HashSet<>();
        for (LiveAlert a : alerts) {
            if (a.kind().equals(kind)) {
                keys.add(a.key());
            }
        }
        return keys;
    }

    /**
     * Reads {@code truth/live_alerts.csv}.
     *
     * @throws IllegalArgumentException one line naming the file when its header is not {@link LiveAlert#HEADER}
     *                                  or a row is malformed or of an unknown kind
     */
    public static List<LiveAlert> readTruth(Path csv) {
        List<LiveAlert> out = new ArrayList<>();
        try (TableReader r = TableReader.open(csv)) {
            if (!r.columns().equals(LiveAlert.HEADER)) {
                throw new IllegalArgumentException(csv + ": expected the header " + String.join(",", LiveAlert.HEADER)
                        + ", got " + String.join(",", r.columns()));
            }
            while (r.next()) {
                if (!r.wellFormed()) {
                    throw new IllegalArgumentException(csv + ":" + r.rowNumber() + ": " + r.malformedReason());
                }
                LiveAlert a = new LiveAlert(r.get(0), empty(r.get(1)), empty(r.get(2)), empty(r.get(3)), empty(r.get(4)),
                        empty(r.get(5)), empty(r.get(6)));
                if (!LiveAlert.KINDS.contains(a.kind())) {
                    throw new IllegalArgumentException(csv + ":" + r.rowNumber() + ": unknown alert kind '" + a.kind() + "'");
                }
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Reads the OPEN alerts of a live run's {@code alerts/} table (Parquet or CSV files under {@code dir}, columns
     * of the alerts contract; rows whose {@code status} is not {@code OPEN} are skipped).
     *
     * @throws IllegalArgumentException one line when a file lacks a needed column
     */
    public static List<LiveAlert> readOpen(Path dir) {
        List<LiveAlert> out = new ArrayList<>();
        for (Path file : TableFiles.list(dir)) {
            try (TableReader r = TableReader.open(file)) {
                int[] col = new int[6];
                String[] names = {"kind", "status", "h3", "category", "component_id", "case_id"};
                for (int i = 0; i < names.length; i++) {
                    col[i] = r.columnIndex(names[i]);
                    if (col[i] < 0) {
                        throw new IllegalArgumentException(file + ": no column '" + names[i] + "' (columns " + r.columns() + ")");
                    }
                }
                while (r.next()) {
                    if ("OPEN".equals(r.get(col[1]))) {
                        out.add(new LiveAlert(r.get(col[0]), empty(r.get(col[2])), empty(r.get(col[3])),
                                empty(r.get(col[4])), empty(r.get(col[5])), null, null));
                    }
                }
            }
        }
        return out;
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
