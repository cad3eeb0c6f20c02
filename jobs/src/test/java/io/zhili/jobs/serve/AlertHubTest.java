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

    @Test
    void testLiveAlertsAreShownAndTheirTimesNormalised() throws IOException {
        AlertHub hub = new AlertHub();
        assertTrue(hub.publish("{\"alert_id\":\"s-1\",\"kind\":\"SURGE\",\"h3\":\"8930acc9b57ffff\",\"lon\":120.38,"
                + "\"lat\":36.07,\"started_at\":\"2026-01-01T10:00:00+08:00\",\"decided_at\":1767232800000,\"ended_at\":null}"));
        JsonNode a = last(hub);
        assertEquals("OPEN", a.get("status").asText(), "a missing status is OPEN");
        assertEquals(Instant.parse("2026-01-01T02:00:00Z").toEpochMilli(), a.get("started_at").asLong());
        assertEquals(1767232800000L, a.get("decided_at").asLong());
        assertTrue(a.get("ended_at").isNull());
        assertEquals("8930acc9b57ffff", a.get("h3").asText());
    }

    @Test
    void testSurgeClosedRecordIsShownOnceBesideItsOpenRecord() throws IOException {
        AlertHub hub = new AlertHub();
        String open = "{\"alert_id\":\"s-1\",\"kind\":\"SURGE\",\"status\":\"OPEN\",\"lon\":1,\"lat\":1,\"decided_at\":1}";
        String closed = "{\"alert_id\":\"s-1\",\"kind\":\"SURGE\",\"status\":\"CLOSED\",\"lon\":1,\"lat\":1,\"decided_at\":2,"
                + "\"ended_at\":2}";
        assertTrue(hub.publish(open));
        assertTrue(hub.publish(closed), "same alert_id, new status: the update is shown");
        assertFalse(hub.publish(open), "a file read again");
        assertFalse(hub.publish(closed));
        assertEquals(2, hub.accepted());
        assertEquals("CLOSED", last(hub).get("status").asText());
    }

    @Test
    void testBadLiveAlertsAreCountedByReason() {
        AlertHub hub = new AlertHub();
        assertFalse(hub.publish("{\"alert_id\":\"a\",\"kind\":\"FLOOD\",\"lon\":1,\"lat\":1}"));
        assertFalse(hub.publish("{\"kind\":\"RECURRENCE\",\"lon\":1,\"lat\":1}"));
        assertFalse(hub.publish("{\"alert_id\":\"a\",\"kind\":\"OVERDUE_CLOSE\",\"status\":\"DONE\",\"lon\":1,\"lat\":1}"));
        assertFalse(hub.publish("{\"alert_id\":\"a\",\"kind\":\"OVERDUE_CLOSE\",\"lat\":1}"));
        assertFalse(hub.publish("{\"alert_id\":\"a\",\"kind\":\"OVERDUE_DISPATCH\",\"lon\":1,\"lat\":1,\"decided_at\":\"noon\"}"));
        assertEquals(Map.of("kind is not one of SURGE, RECURRENCE, OVERDUE_DISPATCH, OVERDUE_CLOSE", 1L, "alert_id missing", 1L,
                "status is neither OPEN nor CLOSED", 1L, "lon/lat missing or not numbers", 1L,
                "decided_at is neither epoch milliseconds nor ISO-8601", 1L), hub.rejected());
    }

    @Test
    void testLiveParquetAlertsFileIsFollowed(@TempDir Path dir) throws IOException {
        long centre = io.zhili.geo.h3.H3Grid.get().cell(120.38, 36.07, 9);
        java.util.List<LiveConsoleFixture.Alert> alerts = LiveConsoleFixture.alerts(centre);
        LiveConsoleFixture.writeParquet(dir.resolve("alerts/part-0-0.parquet"), alerts);
        AlertHub hub = new AlertHub();
        assertEquals(5, new AlertFileSource(dir.resolve("alerts"), hub).poll());
        assertEquals(5, hub.accepted(), hub.rejected().toString());
        JsonNode surge = null;
        for (AlertHub.Event e : hub.recent()) {
            JsonNode n = JSON.readTree(e.json());
            if (n.get("kind").asText().equals("SURGE") && n.get("status").asText().equals("OPEN")) {
                surge = n;
            }
        }
        LiveConsoleFixture.Alert expected = alerts.get(1);
        assertEquals(expected.alertId(), surge.get("alert_id").asText());
        assertEquals(expected.startedAt(), surge.get("started_at").asLong(), "TIMESTAMP column as epoch ms");
        assertEquals(expected.decidedAt(), surge.get("decided_at").asLong());
        assertEquals(14, surge.get("observed").asLong());
        assertEquals(1.2e-7, surge.get("p").asDouble(), 1e-20);
        assertFalse(surge.has("geometry"));
        assertFalse(surge.has("ended_at"), "a null column is left out");
    }
}
