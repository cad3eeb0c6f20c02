package io.zhili.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.datasets.cases.CaseTable;
import io.zhili.datasets.live.LiveAlert;
import io.zhili.datasets.live.LiveAlertScore;
import io.zhili.datasets.live.LiveDayGenerator;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.live.ServiceLevels;
import io.zhili.geo.table.RejectReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live day of a small data set, checked from the written files alone: every line does what the noise file
 * says (validated by the tests' own validator), the events are in time order but for the listed delays, and
 * the truth holds the planted alerts and exactly the OVERDUE cases the rules give on the file.
 */
class LiveDayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIDNIGHT = LocalDate.of(2026, 1, 1).atStartOfDay().toInstant(ZoneOffset.ofHours(8))
            .toEpochMilli();

    @TempDir
    static Path tmp;
    static GeneratedData data;
    static List<String> lines;
    /** line number -> {kind, case_id, reason, note} of truth/live_noise.csv. */
    static Map<Integer, String[]> noise;
    static List<LiveAlert> truth;
    static Set<String> componentIds;

    @BeforeAll
    static void generate() throws Exception {
        data = GeneratedData.small(tmp.resolve("a"), 2);
        lines = Files.readAllLines(data.dir.resolve(LiveDayGenerator.EVENTS), StandardCharsets.UTF_8);
        noise = new HashMap<>();
        for (String[] n : GeneratedData.read(data.dir.resolve(LiveDayGenerator.NOISE), new ArrayList<>())) {
            noise.put(Integer.parseInt(n[0]), new String[] {n[1], n[2], n[3], n[4]});
        }
        truth = LiveAlertScore.readTruth(data.dir.resolve(LiveDayGenerator.ALERTS));
        componentIds = new HashSet<>();
        for (String[] c : data.components) {
            if (QingdaoGeneratorTest.validateComponent(c, componentIds) == null) {
                componentIds.add(c[0]);
            }
        }
    }

    /** The 15 fields of an event as the cases table's text (missing, null and "" all empty). */
    static String[] fields(JsonNode event) {
        String[] f = new String[CaseTable.HEADER.size()];
        for (int i = 0; i < f.length; i++) {
            JsonNode v = event.get(CaseTable.HEADER.get(i));
            f[i] = v == null || v.isNull() ? "" : v.asText();
        }
        return f;
    }

    /** The latest lifecycle timestamp present (the event time), or Long.MAX_VALUE when one does not parse. */
    static long eventTime(String[] f) {
        long t = Long.MIN_VALUE;
        for (int i = 9; i < 14; i++) {
            if (!f[i].isEmpty()) {
                t = Math.max(t, QingdaoGeneratorTest.parseMillis(f[i]));
            }
        }
        return t;
    }

    @Test
    void everyLineIsAcceptedRejectedOrUndecodableAsTheNoiseFileSays() {
        Map<String, Integer> counts = new HashMap<>();
        Set<String> reasons = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] n = noise.get(i + 1);
            String kind = n == null ? "ACCEPTED" : n[0];
            counts.merge(kind, 1, Integer::sum);
            JsonNode event;
            try {
                event = JSON.readTree(lines.get(i));
            } catch (Exception e) {
                event = null;
            }
            if (kind.equals("UNDECODABLE")) {
                assertTrue(event == null || !event.isObject(), "line " + (i + 1) + " decodes: " + lines.get(i));
                continue;
            }
            assertTrue(event != null && event.isObject(), "line " + (i + 1) + " is not a JSON object");
            event.fieldNames().forEachRemaining(name -> assertTrue(CaseTable.HEADER.contains(name), name));
            RejectReason r = QingdaoGeneratorTest.validateCase(fields(event), new HashSet<>(), componentIds);
            if (kind.equals("REJECTED")) {
                assertEquals(n[2], String.valueOf(r), "line " + (i + 1) + ": " + lines.get(i));
                reasons.add(n[2]);
            } else {
                assertEquals(null, r, "line " + (i + 1) + " should be accepted: " + lines.get(i));
            }
        }
        assertEquals(Set.of("BAD_COORDINATES", "BAD_TIMESTAMP", "INCONSISTENT_TIMESTAMPS", "OUT_OF_AREA",
                "UNKNOWN_CLASS", "UNKNOWN_COMPONENT"), reasons);
        assertTrue(counts.get("UNDECODABLE") >= 3, counts.toString());
        assertTrue(counts.get("OUT_OF_ORDER") >= 5, counts.toString());
        assertTrue(counts.get("ACCEPTED") > 300, counts.toString());
    }

    @Test
    void eventsAreInTimeOrderButForTheListedDelaysWithinTheDay() throws Exception {
        long newest = Long.MIN_VALUE;
        Map<String, Integer> stepsSeen = new HashMap<>();
        int delayed = 0;
        for (int i = 0; i < lines.size(); i++) {
            String[] n = noise.get(i + 1);
            if (n != null && !n[0].equals("OUT_OF_ORDER")) {
                continue;
            }
            String[] f = fields(JSON.readTree(lines.get(i)));
            long t = eventTime(f);
            assertTrue(t >= MIDNIGHT && t < MIDNIGHT + 86_400_000L, "line " + (i + 1) + " outside the day");
            if (n != null) {
                delayed++;
                assertTrue(newest - t >= 0 && newest - t < 120_000, "line " + (i + 1) + " lags " + (newest - t) + " ms");
            } else {
                assertTrue(t >= newest, "line " + (i + 1) + " is out of order but not listed");
            }
            newest = Math.max(newest, t);
            // A case's events come in lifecycle order: each shows more steps than the one before.
            int steps = 0;
            for (int k = 9; k < 14; k++) {
                steps += f[k].isEmpty() ? 0 : 1;
            }
            Integer before = stepsSeen.put(f[0], steps);
            assertTrue(before == null || before < steps, "case " + f[0] + " goes back on line " + (i + 1));
        }
        assertTrue(delayed >= 5);
    }

    @Test
    void truthHoldsThePlantedSurgesRecurrencesAndOverdueCases() throws Exception {
        Map<String, List<LiveAlert>> byKind = truth.stream().collect(Collectors.groupingBy(LiveAlert::kind));
        List<LiveAlert> surges = byKind.get(LiveAlert.SURGE);
        assertTrue(surges.size() >= 6, "3 planted surges, each for its major and ALL: " + surges);
        // Each planted (cell, major) really has at least 12 accepted cases of the major within 2 hours in the file.
        H3Grid h3 = H3Grid.get();
        Map<String, List<Long>> reports = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] n = noise.get(i + 1);
            if (n != null && !n[0].equals("OUT_OF_ORDER")) {
                continue;
            }
            String[] f = fields(JSON.readTree(lines.get(i)));
            if (f[10].isEmpty() && f[2].equals("EVENT")) { // the first event of an EVENT case
                double[] p = QingdaoGeneratorTest.wgs84(f);
                reports.computeIfAbsent(h3.address(h3.cell(p[0], p[1], 9)) + "|" + f[3], k -> new ArrayList<>())
                        .add(QingdaoGeneratorTest.parseMillis(f[9]));
            }
        }
        int majors = 0;
        for (LiveAlert s : surges) {
            if (s.category().equals("ALL")) {
                assertTrue(surges.stream().anyMatch(o -> o.h3().equals(s.h3()) && !o.category().equals("ALL")));
                continue;
            }
            majors++;
            List<Long> t = reports.get(s.key());
            t.sort(null);
            int best = 0;
            for (int a = 0, b = 0; b < t.size(); b++) {
                while (t.get(b) - t.get(a) > 7_200_000L) {
                    a++;
                }
                best = Math.max(best, b - a + 1);
            }
            assertTrue(best >= 12, s.key() + " has only " + best + " cases within 2 h");
        }
        assertTrue(majors >= 3);
        assertTrue(planted(byKind.get(LiveAlert.RECURRENCE)) >= 4);
        assertTrue(planted(byKind.get(LiveAlert.OVERDUE_DISPATCH)) >= 4);
        assertTrue(planted(byKind.get(LiveAlert.OVERDUE_CLOSE)) >= 4);
        // Every component named by 3 accepted cases reaches its 3rd case within the day.
        Map<String, Set<String>> casesOf = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] n = noise.get(i + 1);
            if (n == null || n[0].equals("OUT_OF_ORDER")) {
                String[] f = fields(JSON.readTree(lines.get(i)));
                if (!f[5].isEmpty()) {
                    casesOf.computeIfAbsent(f[5], k -> new HashSet<>()).add(f[0]);
                }
            }
        }
        Set<String> recurring = byKind.get(LiveAlert.RECURRENCE).stream().map(LiveAlert::componentId).collect(Collectors.toSet());
        casesOf.forEach((component, ids) -> assertTrue(ids.size() < 3 || recurring.contains(component), component));
    }

    private static long planted(List<LiveAlert> alerts) {
        return alerts.stream().filter(a -> a.note().startsWith("planted")).count();
    }

    @Test
    void overdueTruthIsWhatTheRulesGiveOnTheAcceptedEvents() throws Exception {
        ServiceLevels sla = ServiceLevels.defaults();
        Map<String, String[]> state = new HashMap<>();
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            String[] n = noise.get(i + 1);
            if (n != null && !n[0].equals("OUT_OF_ORDER")) {
                continue;
            }
            String[] f = fields(JSON.readTree(lines.get(i)));
            newest = Math.max(newest, eventTime(f));
            state.merge(f[0], f, (a, b) -> eventTime(a) >= eventTime(b) ? a : b);
        }
        long watermark = newest - 120_000;
        Set<String> dispatch = new TreeSet<>();
        Set<String> close = new TreeSet<>();
        for (String[] f : state.values()) {
            if (!f[10].isEmpty() && late(QingdaoGeneratorTest.parseMillis(f[10]) + sla.dispatchLimitMs(f[2], f[4]), f[11], watermark)) {
                dispatch.add(f[0]);
            }
            if (late(QingdaoGeneratorTest.parseMillis(f[9]) + sla.closeLimitMs(f[2], f[4]), f[13], watermark)) {
                close.add(f[0]);
            }
        }
        assertEquals(dispatch, caseIds(LiveAlert.OVERDUE_DISPATCH));
        assertEquals(close, caseIds(LiveAlert.OVERDUE_CLOSE));
        assertFalse(dispatch.isEmpty());
        assertFalse(close.isEmpty());
    }

    private static boolean late(long deadline, String done, long watermark) {
        return done.isEmpty() ? deadline <= watermark : QingdaoGeneratorTest.parseMillis(done) > deadline;
    }

    private static Set<String> caseIds(String kind) {
        return truth.stream().filter(a -> a.kind().equals(kind)).map(LiveAlert::caseId).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void manifestListsTheLiveFiles() throws Exception {
        JsonNode manifest = JSON.readTree(data.dir.resolve("manifest.json").toFile());
        assertEquals(lines.size(), manifest.get("rows").get("live_events").asLong());
        assertEquals(truth.size(), manifest.get("rows").get("live_alerts").asLong());
        Set<String> paths = new HashSet<>();
        manifest.get("files").forEach(f -> paths.add(f.get("path").asText()));
        assertTrue(paths.containsAll(List.of(LiveDayGenerator.EVENTS, LiveDayGenerator.ALERTS, LiveDayGenerator.NOISE)));
        assertThrows(IllegalArgumentException.class, () -> new LiveAlert("SURGED", "x", "ALL", null, null, null, null).key());
    }
}
