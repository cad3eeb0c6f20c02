package io.zhili.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.datasets.live.LiveAlert;
import io.zhili.datasets.live.LiveAlertScore;
import io.zhili.datasets.live.LiveDayGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zhili demo} end to end on the embedded MiniCluster, run once for both tests: it runs hotspots,
 * trucks and the live day, and the live section it prints (OPEN alerts by kind, the serve hint) agrees with
 * the live job's {@code run.json} and with the OPEN rows of its {@code alerts/} Parquet read back.
 *
 * <p>Issue #12's acceptance on the small scale uses the same run: the demo's {@code zhili hotspots} output is
 * the baseline, {@code zhili live} replays the generated live day, and its OPEN alerts reach precision and
 * recall of at least 0.95 for every kind against {@code truth/live_alerts.csv}; every line is counted (read =
 * accepted + rejected + dead-lettered, and the rejected and dead-lettered lines are those the noise file lists).
 */
class DemoCommandTest {
    private static final String[] KINDS = {LiveAlert.SURGE, LiveAlert.RECURRENCE, LiveAlert.OVERDUE_DISPATCH, LiveAlert.OVERDUE_CLOSE};

    @TempDir
    static Path tmp;
    private static Path out;
    private static CliRun demo;

    @BeforeAll
    static void runDemo() {
        out = tmp.resolve("demo");
        demo = CliRun.of("demo", "--out", out.toString());
    }

    @Test
    void liveAlertsMatchTheGeneratedTruthForEveryKind() throws Exception {
        assertEquals(0, demo.exit(), demo.err());
        Path data = out.resolve("data");
        Path live = out.resolve("live");
        List<LiveAlert> truth = LiveAlertScore.readTruth(data.resolve(LiveDayGenerator.ALERTS));
        Map<String, LiveAlertScore.Score> scores = LiveAlertScore.score(truth, LiveAlertScore.readOpen(live.resolve("alerts")));
        StringBuilder all = new StringBuilder();
        scores.values().forEach(s -> all.append(s).append('\n'));
        System.out.print(all);
        assertEquals(KINDS.length, scores.size(), all.toString());
        for (LiveAlertScore.Score s : scores.values()) {
            assertTrue(s.truth() > 0, "nothing planted for " + s.kind());
            assertTrue(s.precision() >= 0.95 && s.recall() >= 0.95, all.toString());
        }

        long lines = Files.readAllLines(data.resolve(LiveDayGenerator.EVENTS)).size();
        long rejected = 0;
        long undecodable = 0;
        for (String row : Files.readAllLines(data.resolve(LiveDayGenerator.NOISE))) {
            rejected += row.contains(",REJECTED,") ? 1 : 0;
            undecodable += row.contains(",UNDECODABLE,") ? 1 : 0;
        }
        JsonNode events = new ObjectMapper().readTree(live.resolve("run.json").toFile()).get("events");
        assertEquals(lines, events.get("read").asLong());
        assertEquals(events.get("read").asLong(), events.get("accepted").asLong() + events.get("rejected").asLong()
                + events.get("dead_lettered").asLong());
        assertEquals(rejected, events.get("rejected").asLong());
        assertEquals(undecodable, events.get("dead_lettered").asLong());
    }

    @Test
    void demoRunsTheLiveDayAndPrintsItsAlertsByKind() throws Exception {
        assertEquals(0, demo.exit(), demo.err());
        String text = demo.out();
        System.out.print(text);
        Path live = out.resolve("live");
        assertTrue(Files.isRegularFile(live.resolve("_SUCCESS")), "live run not published: " + text);
        assertTrue(text.contains("demo: 4/4 replaying the live day " + out.resolve("data").resolve("live/cases.jsonl")), text);
        assertTrue(text.contains("live alerts          " + live.toAbsolutePath()), text);

        JsonNode run = new ObjectMapper().readTree(live.resolve("run.json").toFile());
        assertEquals(out.resolve("hotspots").toString(), run.get("inputs").get("baseline").asText());
        assertEquals(out.resolve("data").resolve("areas.geojson").toString(), run.get("inputs").get("areas").asText());
        JsonNode byKind = run.get("alerts").get("by_kind");
        Map<String, Long> openRows = LiveAlertScore.readOpen(live.resolve("alerts")).stream()
                .collect(Collectors.groupingBy(LiveAlert::kind, TreeMap::new, Collectors.counting()));
        long total = 0;
        for (String kind : KINDS) {
            Matcher m = Pattern.compile("(?m)^    " + kind + " +(\\d+)$").matcher(text);
            assertTrue(m.find(), "no line for " + kind + " in\n" + text);
            long printed = Long.parseLong(m.group(1));
            assertEquals(byKind.get(kind).asLong(), printed, kind + " printed vs run.json");
            assertEquals(openRows.getOrDefault(kind, 0L), printed, kind + " printed vs OPEN rows of alerts/");
            // The generated live day plants surges, overdue cases and recurring components: every kind fires.
            assertTrue(printed > 0, kind + " raised no alert on the generated live day");
            total += printed;
        }
        assertEquals(run.get("alerts").get("open").asLong(), total);
        assertTrue(text.contains("live alerts by kind  (OPEN; total " + total + ","), text);
        assertTrue(text.contains("--hotspots " + out.resolve("hotspots") + " ") && text.contains("--live-alerts " + live.resolve("alerts")),
                "serve hint missing: " + text);
    }
}
