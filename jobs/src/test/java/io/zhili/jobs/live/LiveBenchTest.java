package io.zhili.jobs.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live bench's synthetic stream: the day repeated, shifted by whole days, with fresh case_ids. */
class LiveBenchTest {
    @TempDir
    Path tmp;

    @Test
    void eachCopyOfTheDayIsShiftedByOneMoreDayWithItsOwnCaseIds() throws Exception {
        Path day = Files.write(tmp.resolve("day.jsonl"), List.of(
                "{\"case_id\":\"A\",\"reported_at\":\"2026-01-01T05:07:36+08:00\",\"verified_at\":null}",
                "not json",
                "{\"case_id\":\"A\",\"reported_at\":\"2026-01-01T05:07:36+08:00\",\"verified_at\":1767215400000}"));
        Path out = tmp.resolve("out.jsonl");

        assertEquals(3, LiveBench.synthesise(day, out, 7));

        List<String> lines = Files.readAllLines(out);
        assertEquals(9, lines.size());
        assertEquals("not json", lines.get(7));
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        JsonNode third = json.readTree(lines.get(8));
        assertEquals("A", first.get("case_id").asText());
        assertEquals("A-d2", third.get("case_id").asText());
        long reported = LiveBench.epochMs(first.get("reported_at"));
        assertEquals(reported + 2 * 86_400_000L, third.get("reported_at").asLong());
        assertEquals(1767215400000L + 2 * 86_400_000L, third.get("verified_at").asLong());
        assertEquals(true, json.readTree(lines.get(3)).get("verified_at").isNull());
    }
}
