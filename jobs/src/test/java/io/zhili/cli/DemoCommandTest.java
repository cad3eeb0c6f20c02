package io.zhili.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.datasets.live.LiveAlert;
import io.zhili.datasets.live.LiveAlertScore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zhili demo} end to end on the embedded MiniCluster: it runs hotspots, trucks and the live day,
 * and the live section it prints (OPEN alerts by kind, the serve hint) agrees with the live job's
 * {@code run.json} and with the OPEN rows of its {@code alerts/} Parquet read back.
 */
class DemoCommandTest {
    private static final String[] KINDS = {LiveAlert.SURGE, LiveAlert.RECURRENCE, LiveAlert.OVERDUE_DISPATCH, LiveAlert.OVERDUE_CLOSE};

    @TempDir
    Path tmp;

    @Test
    void demoRunsTheLiveDayAndPrintsItsAlertsByKind() throws Exception {
        Path out = tmp.resolve("demo");
        CliRun demo = CliRun.of("demo", "--out", out.toString());
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
