package io.zhili.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.parquet.GeoParquetWriter;
import io.zhili.geo.parquet.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertHubTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode last(AlertHub hub) throws IOException {
        var recent = hub.recent();
        return JSON.readTree(recent.get(recent.size() - 1).json());
    }

    @Test
    void testIsoStartTimeIsNormalisedAndOtherMembersPassThrough() throws IOException {
        AlertHub hub = new AlertHub();
        assertTrue(hub.publish("{\"rule\":\"SPILLAGE\",\"truck_id\":\"鲁B1\",\"start_ts\":\"2025-11-24T23:30:00+08:00\","
                + "\"lon\":120.1,\"lat\":36.2,\"severity\":2}"));
        JsonNode a = last(hub);
        assertEquals(Instant.parse("2025-11-24T15:30:00Z").toEpochMilli(), a.get("start_ts").asLong());
        assertEquals(2, a.get("severity").asInt());
    }

    @Test
    void testBadAlertsAreCountedByReason() {
        AlertHub hub = new AlertHub();
        assertFalse(hub.publish("not json"));
        assertFalse(hub.publish("[1,2]"));
        assertFalse(hub.publish("{\"truck_id\":\"x\",\"lon\":1,\"lat\":1}"));
        assertFalse(hub.publish("{\"rule\":\"SPEEDING\",\"lon\":1,\"lat\":1}"));
        assertFalse(hub.publish("{\"rule\":\"SPEEDING\",\"truck_id\":\"x\",\"lon\":\"1\",\"lat\":1}"));
        assertFalse(hub.publish("{\"rule\":\"SPEEDING\",\"truck_id\":\"x\",\"lon\":200,\"lat\":1}"));
        assertFalse(hub.publish("{\"rule\":\"SPEEDING\",\"truck_id\":\"x\",\"lon\":1,\"lat\":1,\"start_ts\":\"yesterday\"}"));
        assertEquals(Map.of("not JSON", 1L, "not a JSON object", 1L, "rule missing", 1L, "truck_id missing", 1L,
                "lon/lat missing or not numbers", 1L, "lon/lat out of range", 1L,
                "start_ts is neither epoch milliseconds nor ISO-8601", 1L), hub.rejected());
        assertEquals(0, hub.accepted());
    }

    @Test
    void testRepeatedAlertIdIsShownOnce() {
        AlertHub hub = new AlertHub();
        String a = "{\"alert_id\":\"x1\",\"rule\":\"SPEEDING\",\"truck_id\":\"t\",\"lon\":1,\"lat\":1}";
        assertTrue(hub.publish(a));
        assertFalse(hub.publish(a));
        assertEquals(1, hub.recent().size());
    }

    @Test
    void testBacklogKeepsTheNewest() {
        AlertHub hub = new AlertHub();
        for (int i = 0; i < AlertHub.BACKLOG + 5; i++) {
            hub.publish("{\"alert_id\":\"" + i + "\",\"rule\":\"SPEEDING\",\"truck_id\":\"t\",\"lon\":1,\"lat\":1}");
        }
        assertEquals(AlertHub.BACKLOG, hub.recent().size());
        assertEquals(6, hub.recent().get(0).id(), "ids start at 1; the first five were dropped");
    }

    @Test
    void testJsonLinesFileIsFollowedLineByLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("alerts.jsonl");
        Files.writeString(file, "{\"rule\":\"SPEEDING\",\"truck_id\":\"a\",\"lon\":1,\"lat\":1}\n{\"rule\":\"SPILLAGE\",\"truck_id\":\"b\"");
        AlertHub hub = new AlertHub();
        AlertFileSource source = new AlertFileSource(dir, hub);
        assertEquals(1, source.poll(), "the unfinished line waits");
        assertEquals(0, source.poll());
        Files.writeString(file, ",\"lon\":2,\"lat\":2}\n", StandardOpenOption.APPEND);
        assertEquals(1, source.poll());
        assertEquals("b", last(hub).get("truck_id").asText());
        Files.writeString(dir.resolve("_in_progress.jsonl"), "{\"rule\":\"X\",\"truck_id\":\"c\",\"lon\":1,\"lat\":1}\n");
        assertEquals(0, source.poll(), "files starting with _ are skipped");
    }

    @Test
    void testParquetAlertsBecomeJsonWithoutGeometry(@TempDir Path dir) throws IOException {
        TableSchema schema = TableSchema.builder().string("alert_id").string("rule").string("truck_id")
                .optionalString("permit_id").timestampMillis("start_ts").timestampMillis("end_ts").float64("lon")
                .float64("lat").optionalFloat64("max_distance_m").int64("points").int32("severity").geometry("geometry").build();
        Path file = dir.resolve("alerts/part-00000.parquet");
        try (GeoParquetWriter w = GeoParquetWriter.open(file, schema)) {
            w.write("r-1", "ROUTE_DEVIATION", "鲁B77777", "P-9", Instant.ofEpochMilli(1763998200000L),
                    Instant.ofEpochMilli(1763998260000L), 120.4, 36.1, 240.5, 4L, 2,
                    new GeometryFactory().createPoint(new Coordinate(120.4, 36.1)));
        }
        AlertHub hub = new AlertHub();
        AlertFileSource source = new AlertFileSource(dir.resolve("alerts"), hub);
        assertEquals(1, source.poll());
        assertEquals(0, source.poll(), "an unchanged file is not read again");
        JsonNode a = last(hub);
        assertEquals("ROUTE_DEVIATION", a.get("rule").asText());
        assertEquals(1763998200000L, a.get("start_ts").asLong());
        assertEquals(240.5, a.get("max_distance_m").asDouble(), 0);
        assertFalse(a.has("geometry"));
    }
}
