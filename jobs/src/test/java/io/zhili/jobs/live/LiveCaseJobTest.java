package io.zhili.jobs.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.live.LiveAlertIds;
import io.zhili.geo.parquet.GeoParquetWriter;
import io.zhili.geo.parquet.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * {@code zhili live} on a hand-written day of case events with known alerts: a SURGE (ALL and major 04) that
 * opens at its 5th case and closes at the next midnight, two RECURRENCEs (one reached by a case joined by
 * nearest component), OVERDUE_DISPATCH by the watermark and by a late event, one cancelled by an on-time
 * event, an OVERDUE_CLOSE, deadlines left pending by the end-of-input rule, and rejected / undecodable lines.
 */
class LiveCaseJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final String C1 = "3702020101000001";
    static final String C2 = "3702020101000002";
    static final double[] SURGE_AT = {120.42, 36.08};

    @TempDir
    Path dir;

    static long at(String localTime) {
        return OffsetDateTime.parse(localTime + "+08:00").toInstant().toEpochMilli();
    }

    static String stamp(String localTime) {
        return localTime == null ? "" : localTime + "+08:00";
    }

    /** One case event; stamps are local times {@code 2026-01-08T10:00:00} or null. */
    static String event(String id, String kind, String minor, String component, Double lon, Double lat,
                        String reported, String verified, String dispatched, String closed) {
        return "{\"case_id\":\"" + id + "\",\"source\":\"PATROL\",\"kind\":\"" + kind + "\",\"major_class\":\""
                + minor.substring(0, 2) + "\",\"minor_class\":\"" + minor + "\",\"component_id\":"
                + (component == null ? "null" : "\"" + component + "\"") + ",\"lon\":" + (lon == null ? "\"\"" : lon)
                + ",\"lat\":" + (lat == null ? "\"\"" : lat) + ",\"crs\":\"WGS84\",\"reported_at\":\"" + stamp(reported)
                + "\",\"verified_at\":\"" + stamp(verified) + "\",\"dispatched_at\":\"" + stamp(dispatched)
                + "\",\"disposed_at\":\"\",\"closed_at\":\"" + stamp(closed) + "\",\"district_code\":\"370202\"}";
    }

    static List<String> day() {
        String d = "2026-01-08T";
        TreeMap<String, List<String>> byTime = new TreeMap<>();
        java.util.function.BiConsumer<String, String> add = (t, line) -> byTime.computeIfAbsent(t, k -> new ArrayList<>()).add(line);
        // SURGE: eight road collapses (EVENT 0401) in one cell, 10:00..11:10, each handled on time in one event.
        for (int i = 0; i < 8; i++) {
            int m = i * 10;
            String r = String.format("%s%02d:%02d:00", d, 10 + m / 60, m % 60);
            String v = String.format("%s%02d:%02d:00", d, 10 + m / 60, m % 60 + 2);
            String c = String.format("%s%02d:%02d:00", d, 10 + (m + 30) / 60, (m + 30) % 60);
            add.accept(c, event("S" + i, "EVENT", "0401", null, SURGE_AT[0], SURGE_AT[1], r, v, v, c));
        }
        // RECURRENCE: three cases of C1 by id, two of C2 by id and a third near C2 without an id.
        String[][] comp = {{"R1", C1, "09:00", "10:00"}, {"R2", C1, "12:00", "13:00"}, {"R3", C1, "15:00", "16:00"},
            {"Q1", C2, "09:30", "10:05"}, {"Q2", C2, "12:30", "13:05"}};
        for (String[] c : comp) {
            add.accept(d + c[3] + ":00", event(c[0], "COMPONENT", "0101", c[1], null, null, d + c[2] + ":00",
                    d + c[2] + ":05", d + c[2] + ":10", d + c[3] + ":00"));
        }
        add.accept(d + "17:00:00", event("Q3", "COMPONENT", "0101", null, 120.39004, 36.07002, d + "16:00:00",
                d + "16:05:00", d + "16:10:00", d + "17:00:00"));
        // OVERDUE_DISPATCH by the watermark: verified 09:10, never dispatched (limit 60 min).
        add.accept(d + "09:10:00", event("D1", "EVENT", "0501", null, 120.43, 36.10, d + "09:00:00", d + "09:10:00", null, null));
        // cancelled: verified 09:20, dispatched 10:00 in a later event.
        add.accept(d + "09:20:00", event("D2", "EVENT", "0501", null, 120.44, 36.10, d + "09:00:00", d + "09:20:00", null, null));
        add.accept(d + "10:00:00", event("D2", "EVENT", "0501", null, 120.44, 36.10, d + "09:00:00", d + "09:20:00", d + "10:00:00", null));
        // late by event: verified 09:30 (due 10:30), an event at 10:31 shows the dispatch.
        add.accept(d + "09:30:00", event("D3", "EVENT", "0501", null, 120.45, 36.10, d + "09:20:00", d + "09:30:00", null, null));
        add.accept(d + "10:31:00", event("D3", "EVENT", "0501", null, 120.45, 36.10, d + "09:20:00", d + "09:30:00", d + "10:31:00", null));
        // OVERDUE_CLOSE: road spillage 0190 (close limit 360 min) reported 08:00, never closed.
        add.accept(d + "08:10:00", event("K", "EVENT", "0190", null, 120.46, 36.10, d + "08:00:00", d + "08:05:00", d + "08:10:00", null));
        // end of input: due 00:24 and 01:25 next day, after the last watermark (00:23): not fired.
        add.accept(d + "23:24:00", event("D5", "EVENT", "0501", null, 120.47, 36.10, d + "23:20:00", d + "23:24:00", null, null));
        add.accept("2026-01-09T00:25:00", event("D4", "EVENT", "0501", null, 120.48, 36.10, "2026-01-09T00:20:00",
                "2026-01-09T00:25:00", null, null));
        List<String> lines = new ArrayList<>();
        byTime.values().forEach(lines::addAll);
        // noise: undecodable, an unknown class, an unknown component, a repeated event
        lines.add(3, "this is not json");
        lines.add(5, event("BAD1", "EVENT", "9999", null, 120.43, 36.10, d + "09:00:00", null, null, null));
        lines.add(7, event("BAD2", "COMPONENT", "0101", "3702020101009999", null, null, d + "09:00:00", null, null, null));
        lines.add(lines.size() - 2, lines.get(lines.size() - 3));
        return lines;
    }

    static Path components(Path dir) throws Exception {
        return Files.write(dir.resolve("components.csv"), List.of(
                "component_id,major_class,minor_class,lon,lat,district_code,status",
                C1 + ",01,0101,120.3800,36.0700,370202,NORMAL",
                C2 + ",01,0101,120.3900,36.0700,370202,NORMAL"));
    }

    /** forecast/cells (the surge cell's ALL and EVENT 04 series and eight others: m = 10) and uniform profiles. */
    static Path baseline(Path dir) throws Exception {
        Path root = dir.resolve("baseline");
        H3Grid h3 = H3Grid.get();
        long s = h3.cell(SURGE_AT[0], SURGE_AT[1], 9);
        TableSchema cells = TableSchema.builder().string("h3").string("category").string("kind").float64("weekly_level")
                .string("next_period").float64("expected_next").float64("lower_90").float64("upper_90")
                .geometry("geometry").build();
        GeometryFactory gf = new GeometryFactory();
        try (GeoParquetWriter w = GeoParquetWriter.open(root.resolve("forecast/cells/part-0.parquet"), cells)) {
            w.write(h3.address(s), "ALL", "ALL", 2.0, "2026-02", 8.0, 3.0, 13.0, h3.boundary(s));
            w.write(h3.address(s), "04", "EVENT", 1.0, "2026-02", 4.0, 1.0, 8.0, h3.boundary(s));
            for (int i = 1; i <= 8; i++) {
                long c = h3.cell(120.30 + i * 0.01, 36.20, 9);
                w.write(h3.address(c), "ALL", "ALL", 5.0, "2026-02", 20.0, 12.0, 28.0, gf.createPoint(new Coordinate(120.3, 36.2)));
            }
        }
        TableSchema hours = TableSchema.builder().string("category").string("kind").int32("hour_of_week").float64("share").build();
        try (GeoParquetWriter w = GeoParquetWriter.open(root.resolve("forecast/hour_of_week/part-0.parquet"), hours)) {
            for (String[] ck : new String[][] {{"ALL", "ALL"}, {"04", "EVENT"}}) {
                for (int h = 0; h < 168; h++) {
                    w.write(ck[0], ck[1], h, 1.0 / 168);
                }
            }
        }
        return root;
    }

    @Test
    void handWrittenDayRaisesExactlyTheKnownAlerts() throws Exception {
        List<String> lines = day();
        Path events = Files.write(dir.resolve("cases.jsonl"), lines);
        Path out = dir.resolve("out");
        Map<String, Object> run = new LiveRun(LiveRun.Input.file(events), components(dir), baseline(dir), out,
                LiveOptions.defaults().withCheckpointInterval(java.time.Duration.ofMillis(200)), 2).execute();

        Map<?, ?> ev = (Map<?, ?>) run.get("events");
        assertEquals((long) lines.size(), ev.get("read"));
        assertEquals((long) ev.get("read"), (long) ev.get("accepted") + (long) ev.get("rejected") + (long) ev.get("dead_lettered"));
        assertEquals(1L, ev.get("dead_lettered"));
        assertEquals(1L, ((Map<?, ?>) ev.get("rejected_by_reason")).get("UNKNOWN_CLASS"));
        assertEquals(1L, ((Map<?, ?>) ev.get("rejected_by_reason")).get("UNKNOWN_COMPONENT"));
        Map<?, ?> alerts = (Map<?, ?>) run.get("alerts");
        assertEquals(Map.of("SURGE", 2L, "RECURRENCE", 2L, "OVERDUE_DISPATCH", 2L, "OVERDUE_CLOSE", 1L),
                Map.copyOf((Map<?, ?>) alerts.get("by_kind")), run.toString());
        assertEquals(2L, alerts.get("surge_closed"));
        Map<?, ?> cases = (Map<?, ?>) run.get("cases");
        assertEquals(8L + 6 + 6, cases.get("distinct"));
        assertEquals(6L, cases.get("open_at_end")); // D1..D5 and K were never closed
        assertEquals(7L, cases.get("pending_deadlines_at_end"));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertTrue(Files.exists(out.resolve("run.json")));

        String s = H3Grid.get().address(H3Grid.get().cell(SURGE_AT[0], SURGE_AT[1], 9));
        TreeSet<String> rows = new TreeSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT kind, status, h3, category, component_id, case_id, observed, "
                    + "epoch_ms(started_at), epoch_ms(decided_at), epoch_ms(ended_at), alert_id FROM read_parquet('"
                    + out.resolve("alerts") + "/*.parquet')")) {
                while (rs.next()) {
                    String kind = rs.getString(1);
                    String key = kind.equals("SURGE") ? rs.getString(3) + "|" + rs.getString(4)
                            : kind.equals("RECURRENCE") ? rs.getString(5) + "|" + rs.getString(6) : rs.getString(6);
                    rows.add(kind + " " + rs.getString(2) + " " + key);
                    long started = rs.getLong(8);
                    long decided = rs.getLong(9);
                    assertEquals(LiveAlertIds.of(kind, kind.equals("SURGE") ? rs.getString(3) + "|" + rs.getString(4)
                            : kind.equals("RECURRENCE") ? rs.getString(5) : rs.getString(6), started), rs.getString(11));
                    assertTrue(decided >= started, "decided before started: " + key);
                    if (kind.equals("SURGE")) {
                        assertEquals(at("2026-01-08T10:40:00"), started, "the 5th case opens the surge");
                        if (rs.getString(2).equals("CLOSED")) {
                            assertEquals(at("2026-01-09T00:00:00"), rs.getLong(10), "closed at the next midnight");
                        }
                    }
                    if ("D3".equals(rs.getString(6))) {
                        assertEquals(at("2026-01-08T10:30:00"), started);
                        assertEquals(at("2026-01-08T10:31:00"), decided, "raised at the late event");
                        assertEquals(1, rs.getLong(7));
                    }
                    if ("D1".equals(rs.getString(6))) {
                        assertEquals(at("2026-01-08T10:10:00"), started);
                        assertTrue(decided - started < 30 * 60_000L, "decided at the watermark soon after the deadline");
                        assertEquals((decided - started) / 60_000L, rs.getLong(7));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(raw) FILTER (WHERE raw LIKE '%BAD%' OR raw = "
                    + "'this is not json') FROM read_parquet('" + out.resolve("dead_letter") + "/*.parquet')")) {
                rs.next();
                assertEquals(3, rs.getLong(1));
                assertEquals(3, rs.getLong(2));
            }
        }
        assertEquals(new TreeSet<>(List.of(
                "SURGE OPEN " + s + "|ALL", "SURGE OPEN " + s + "|04", "SURGE CLOSED " + s + "|ALL", "SURGE CLOSED " + s + "|04",
                "RECURRENCE OPEN " + C1 + "|R3", "RECURRENCE OPEN " + C2 + "|Q3",
                "OVERDUE_DISPATCH OPEN D1", "OVERDUE_DISPATCH OPEN D3", "OVERDUE_CLOSE OPEN K")), rows);
    }
}
