package io.zhili.datasets.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.table.CsvWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveAlertScoreTest {
    @TempDir
    Path tmp;

    private static LiveAlert alert(String kind, String h3, String category, String component, String caseId) {
        return new LiveAlert(kind, h3, category, component, caseId, null, null);
    }

    private static final List<LiveAlert> TRUTH = List.of(
            alert("SURGE", "8930ac52213ffff", "05", null, null),
            alert("SURGE", "8930ac52213ffff", "ALL", null, null),
            alert("RECURRENCE", "8930acd587bffff", "0402", "3702140402000269", "QD1"),
            alert("RECURRENCE", "8930acd587bffff", "0118", "3702140118000001", "QD2"),
            alert("OVERDUE_DISPATCH", "8930acc222fffff", "0120", null, "QD3"),
            alert("OVERDUE_CLOSE", "8930acc222fffff", "0120", null, "QD3"));

    @Test
    void matchesByTheKeyOfEachKindOverDistinctKeys() {
        List<LiveAlert> open = List.of(
                alert("SURGE", "8930ac52213ffff", "05", null, null),
                alert("SURGE", "8930ac52213ffff", "05", null, null), // re-opened: one key
                alert("SURGE", "8930ac52213ffff", "04", null, null), // wrong category
                // same component, other case and cell: RECURRENCE matches on the component alone
                alert("RECURRENCE", "x", "0402", "3702140402000269", "QD9"),
                alert("OVERDUE_DISPATCH", "other", "0101", null, "QD3"),
                alert("OVERDUE_CLOSE", "8930acc222fffff", "0120", null, "QD4"));
        Map<String, LiveAlertScore.Score> s = LiveAlertScore.score(TRUTH, open);
        assertEquals(List.of("SURGE", "RECURRENCE", "OVERDUE_DISPATCH", "OVERDUE_CLOSE"), List.copyOf(s.keySet()));
        assertEquals(new LiveAlertScore.Score("SURGE", 2, 2, 1), s.get("SURGE"));
        assertEquals(0.5, s.get("SURGE").precision());
        assertEquals(0.5, s.get("SURGE").recall());
        assertEquals(1.0, s.get("RECURRENCE").precision());
        assertEquals(0.5, s.get("RECURRENCE").recall());
        assertEquals(1.0, s.get("OVERDUE_DISPATCH").precision());
        assertEquals(1.0, s.get("OVERDUE_DISPATCH").recall());
        assertEquals(0.0, s.get("OVERDUE_CLOSE").precision());
        assertEquals(0.0, s.get("OVERDUE_CLOSE").recall());
    }

    @Test
    void noAlertsScoreZeroPrecisionOnlyWhenSomethingWasDue() {
        Map<String, LiveAlertScore.Score> s = LiveAlertScore.score(List.of(TRUTH.get(0)), List.of());
        assertEquals(0.0, s.get("SURGE").precision());
        assertEquals(0.0, s.get("SURGE").recall());
        assertEquals(1.0, s.get("RECURRENCE").precision());
        assertEquals(1.0, s.get("RECURRENCE").recall());
        assertThrows(IllegalArgumentException.class,
                () -> LiveAlertScore.score(TRUTH, List.of(alert("SURGES", "c", "ALL", null, null))));
    }

    @Test
    void readsTheTruthFileAndOnlyOpenAlertsOfARun() throws Exception {
        Path truth = tmp.resolve("live_alerts.csv");
        try (CsvWriter w = CsvWriter.open(truth, LiveAlert.HEADER)) {
            for (LiveAlert a : TRUTH) {
                w.write(a.kind(), a.h3(), a.category(), a.componentId(), a.caseId(), "2026-01-01T10:00:00+08:00",
                        "a note, with a comma and \"quotes\"");
            }
        }
        List<LiveAlert> read = LiveAlertScore.readTruth(truth);
        assertEquals(TRUTH.size(), read.size());
        assertEquals("a note, with a comma and \"quotes\"", read.get(0).note());
        assertEquals(TRUTH.get(2).key(), read.get(2).key());

        Path alerts = tmp.resolve("alerts");
        Files.createDirectories(alerts);
        try (CsvWriter w = CsvWriter.open(alerts.resolve("part-0.csv"),
                List.of("alert_id", "kind", "status", "h3", "category", "component_id", "case_id"))) {
            w.write("a", "SURGE", "OPEN", "8930ac52213ffff", "05", null, null);
            w.write("a", "SURGE", "CLOSED", "8930ac52213ffff", "05", null, null);
            w.write("b", "SURGE", "CLOSED", "8930ac52213ffff", "ALL", null, null);
            w.write("c", "OVERDUE_CLOSE", "OPEN", "8930acc222fffff", "0120", null, "QD3");
        }
        List<LiveAlert> open = LiveAlertScore.readOpen(alerts);
        assertEquals(2, open.size());
        Map<String, LiveAlertScore.Score> s = LiveAlertScore.score(read, open);
        assertEquals(0.5, s.get("SURGE").recall(), "a CLOSED record alone is no detection");
        assertEquals(1.0, s.get("OVERDUE_CLOSE").recall());

        Path bad = tmp.resolve("bad.csv");
        try (CsvWriter w = CsvWriter.open(bad, List.of("kind", "h3"))) {
            w.write("SURGE", "x");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LiveAlertScore.readTruth(bad));
        assertTrue(e.getMessage().contains("expected the header"), e.getMessage());
    }
}
