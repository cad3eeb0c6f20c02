package io.zhili.jobs.serve;

import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.parquet.GeoParquetWriter;
import io.zhili.geo.parquet.TableSchema;
import io.zhili.jobs.tiles.HotspotCellsFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes what the console's live view reads, in the contract's layouts, without running the jobs: a hotspots
 * run's forecast tables ({@code forecast/cells/}, {@code forecast/hour_of_week/}), extra {@code hotspot_cells}
 * periods and categories for chosen cells, and {@code zhili live} alerts (Parquet and JSON lines).
 */
final class LiveConsoleFixture {
    /** {@code forecast/cells} as the hotspot job writes it. */
    static final TableSchema FORECAST_CELLS = TableSchema.builder().string("h3").string("category").string("kind")
            .float64("weekly_level").string("next_period").float64("expected_next").float64("lower_90").float64("upper_90")
            .geometry("geometry").build();
    /** {@code forecast/hour_of_week}. */
    static final TableSchema HOUR_OF_WEEK = TableSchema.builder().string("category").string("kind").int32("hour_of_week")
            .float64("share").build();
    /** {@code alerts/} of {@code zhili live}. */
    static final TableSchema ALERTS = TableSchema.builder().string("alert_id").string("kind").string("status").string("h3")
            .string("category").string("class_kind").optionalString("component_id").optionalString("case_id")
            .optionalString("district_code").optionalString("street_code").optionalString("grid_code").int64("observed")
            .float64("expected").optionalFloat64("p").timestampMillis("started_at").timestampMillis("decided_at")
            .optionalTimestampMillis("ended_at").float64("lon").float64("lat").string("detail").geometry("geometry").build();

    private static final H3Grid H3 = H3Grid.get();

    /** One row of {@code forecast/cells}. */
    record Forecast(long cell, String kind, String category, double weeklyLevel, String nextPeriod, double expectedNext,
            double lower90, double upper90) {
    }

    /** One live alert; null members are JSON nulls. */
    record Alert(String alertId, String kind, String status, long cell, String category, String classKind,
            String componentId, String caseId, String districtCode, long observed, double expected, Double p,
            long startedAt, long decidedAt, Long endedAt, String detail) {
        /** The Kafka / JSON-lines form: the columns without geometry, timestamps as epoch ms. */
        String json() {
            double[] c = H3.center(cell);
            return "{\"alert_id\":" + q(alertId) + ",\"kind\":" + q(kind) + ",\"status\":" + q(status) + ",\"h3\":"
                    + q(H3.address(cell)) + ",\"category\":" + q(category) + ",\"class_kind\":" + q(classKind)
                    + ",\"component_id\":" + q(componentId) + ",\"case_id\":" + q(caseId) + ",\"district_code\":"
                    + q(districtCode) + ",\"street_code\":null,\"grid_code\":null,\"observed\":" + observed
                    + ",\"expected\":" + expected + ",\"p\":" + p + ",\"started_at\":" + startedAt + ",\"decided_at\":"
                    + decidedAt + ",\"ended_at\":" + endedAt + ",\"lon\":" + c[0] + ",\"lat\":" + c[1] + ",\"detail\":"
                    + q(detail) + "}";
        }

        private static String q(String s) {
            return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    /** Periods before {@code 2025-03} (the tile fixture's period) and their local midnights. */
    static final String[][] EARLIER = {{"2025-01", "2024-12-31T16:00:00Z"}, {"2025-02", "2025-01-31T16:00:00Z"}};
    /** Cases of the centre cell per period 2025-01, 2025-02, 2025-03, by kind|category (ALL of 2025-03: the tile fixture's peak). */
    static final Map<String, long[]> HISTORY = Map.of("ALL|ALL", new long[] {22, 31, 40}, "EVENT|05", new long[] {10, 18, 25},
            "COMPONENT|01", new long[] {0, 6, 15});
    /** The centre cell's forecast rows: kind, category, weekly_level, expected_next, lower_90, upper_90. */
    static final Object[][] FORECASTS = {{"ALL", "ALL", 9.6, 41.2, 30.6, 52.9}, {"EVENT", "05", 5.8, 24.9, 16.1, 34.2},
            {"COMPONENT", "01", 3.4, 14.6, 8.2, 21.7}};
    /** The period after the last. */
    static final String NEXT = "2025-04";

    private LiveConsoleFixture() {
    }

    /**
     * Adds to a hotspots directory whose {@code 2025-03} partition the tile fixture wrote (category ALL, the
     * centre cell with 40 cases): the periods 2025-01 and 2025-02 and the majors of {@link #HISTORY} for the
     * centre cell, and the forecast of {@link #FORECASTS}.
     */
    static void writeHistoryAndForecast(Path hotspotsDir, long centre) throws IOException {
        for (int p = 0; p < 3; p++) {
            Map<String, Long> cases = new TreeMap<>();
            for (Map.Entry<String, long[]> e : HISTORY.entrySet()) {
                boolean written = p == 2 && e.getKey().equals("ALL|ALL"); // the tile fixture's row
                if (!written && e.getValue()[p] > 0) {
                    cases.put(e.getKey(), e.getValue()[p]);
                }
            }
            String period = p < 2 ? EARLIER[p][0] : "2025-03";
            Instant start = Instant.parse(p < 2 ? EARLIER[p][1] : "2025-02-28T16:00:00Z");
            writeCounts(hotspotsDir, period, start, "part-00001.parquet", centre, cases);
        }
        List<Forecast> rows = new java.util.ArrayList<>();
        for (Object[] f : FORECASTS) {
            rows.add(new Forecast(centre, (String) f[0], (String) f[1], (double) f[2], NEXT, (double) f[3], (double) f[4],
                    (double) f[5]));
        }
        writeForecast(hotspotsDir, rows);
    }

    /**
     * Five records of four live alerts around {@code centre}: a SURGE opened and closed (two records, one
     * alert_id), a RECURRENCE, an OVERDUE_DISPATCH and an OVERDUE_CLOSE, in an order that is not their time
     * order. Decided (2026-01-01 local) SURGE 10:05, RECURRENCE 11:00, OVERDUE_DISPATCH 11:30, OVERDUE_CLOSE 12:00.
     */
    static List<Alert> alerts(long centre) {
        long day = Instant.parse("2025-12-31T16:00:00Z").toEpochMilli();
        long minute = 60_000;
        long[] ring = H3.disk(centre, 2);
        long near1 = ring[ring.length - 1];
        long near2 = ring[ring.length - 3];
        long near3 = ring[ring.length - 5];
        String surge = "7f0c2d1e-1111-3a3a-8b8b-000000000001";
        return List.of(
                new Alert("7f0c2d1e-2222-3a3a-8b8b-000000000002", "RECURRENCE", "OPEN", near1, "0103", "COMPONENT",
                        "3702020103000017", "C-20260101-0042", "370202", 3, 3, null, day + 660 * minute, day + 660 * minute,
                        null, "部件 3702020103000017 30 天内第 3 起"),
                new Alert(surge, "SURGE", "OPEN", centre, "05", "EVENT", null, null, "370202", 14, 2.1, 1.2e-7,
                        day + 600 * minute, day + 605 * minute, null, "街面秩序 3 小时 14 起, 预期 2.1"),
                new Alert("7f0c2d1e-4444-3a3a-8b8b-000000000004", "OVERDUE_CLOSE", "OPEN", near2, "0504", "EVENT", null,
                        "C-20260101-0007", "370202", 35, 360, null, day + 685 * minute, day + 720 * minute, null,
                        "店外经营 未在 360 分钟内结案"),
                new Alert("7f0c2d1e-3333-3a3a-8b8b-000000000003", "OVERDUE_DISPATCH", "OPEN", near3, "0501", "EVENT", null,
                        "C-20260101-0031", "370202", 12, 15, null, day + 678 * minute, day + 690 * minute, null,
                        "无照经营游商 核实后 15 分钟未派遣"),
                new Alert(surge, "SURGE", "CLOSED", centre, "05", "EVENT", null, null, "370202", 14, 2.1, 1.2e-7,
                        day + 600 * minute, day + 760 * minute, day + 760 * minute, "街面秩序 突增结束"));
    }

    /** 168 shares summing to 1: a day-time hump, weekends lighter, so the chart has a visible shape. */
    static double[] shares() {
        double[] s = new double[CellDetails.HOURS_OF_WEEK];
        double sum = 0;
        for (int h = 0; h < s.length; h++) {
            int hour = h % 24;
            double day = hour >= 8 && hour <= 20 ? 1 + Math.sin(Math.PI * (hour - 8) / 12.0) : 0.2;
            s[h] = day * (h / 24 >= 5 ? 0.6 : 1.0);
            sum += s[h];
        }
        for (int h = 0; h < s.length; h++) {
            s[h] /= sum;
        }
        return s;
    }

    /** Writes {@code forecast/cells/part-00000.parquet} and, for each kind|category in it, 168 rows of {@link #shares()}. */
    static void writeForecast(Path hotspotsDir, List<Forecast> rows) throws IOException {
        Map<String, String[]> categories = new TreeMap<>();
        try (GeoParquetWriter w = GeoParquetWriter.open(hotspotsDir.resolve("forecast/cells/part-00000.parquet"), FORECAST_CELLS)) {
            for (Forecast f : rows) {
                w.write(H3.address(f.cell()), f.category(), f.kind(), f.weeklyLevel(), f.nextPeriod(), f.expectedNext(),
                        f.lower90(), f.upper90(), H3.boundary(f.cell()));
                categories.put(f.kind() + "|" + f.category(), new String[] {f.kind(), f.category()});
            }
        }
        double[] shares = shares();
        try (GeoParquetWriter w = GeoParquetWriter.open(hotspotsDir.resolve("forecast/hour_of_week/part-00000.parquet"),
                HOUR_OF_WEEK)) {
            for (String[] kc : categories.values()) {
                for (int h = 0; h < shares.length; h++) {
                    w.write(kc[1], kc[0], h, shares[h]);
                }
            }
        }
    }

    /**
     * Writes base-resolution {@code hotspot_cells} rows of one period into its own file
     * ({@code period=LABEL/part-NNNNN.parquet}): {@code cases} maps {@code KIND|CATEGORY} to the cases of
     * {@code cell}.
     */
    static void writeCounts(Path hotspotsDir, String period, Instant periodStart, String fileName, long cell,
            Map<String, Long> cases) throws IOException {
        Path file = hotspotsDir.resolve("hotspot_cells/period=" + period + "/" + fileName);
        try (GeoParquetWriter w = GeoParquetWriter.open(file, HotspotCellsFixture.SCHEMA)) {
            for (Map.Entry<String, Long> e : cases.entrySet()) {
                String[] kc = e.getKey().split("\\|");
                w.write(H3.address(cell), H3.resolution(cell), periodStart, kc[1], kc[0], e.getValue(), 3L,
                        e.getValue() / 3.0, 0.5, 0.6, "NOT_SIGNIFICANT", H3.boundary(cell));
            }
        }
    }

    /** Writes alerts as JSON lines. */
    static Path writeJsonLines(Path file, List<Alert> alerts) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder b = new StringBuilder();
        alerts.forEach(a -> b.append(a.json()).append('\n'));
        Files.writeString(file, b, StandardCharsets.UTF_8);
        return file;
    }

    /** Writes alerts as the live job's GeoParquet {@code alerts/} file. */
    static Path writeParquet(Path file, List<Alert> alerts) throws IOException {
        try (GeoParquetWriter w = GeoParquetWriter.open(file, ALERTS)) {
            for (Alert a : alerts) {
                double[] c = H3.center(a.cell());
                w.write(a.alertId(), a.kind(), a.status(), H3.address(a.cell()), a.category(), a.classKind(), a.componentId(),
                        a.caseId(), a.districtCode(), null, null, a.observed(), a.expected(), a.p(),
                        Instant.ofEpochMilli(a.startedAt()), Instant.ofEpochMilli(a.decidedAt()),
                        a.endedAt() == null ? null : Instant.ofEpochMilli(a.endedAt()), c[0], c[1], a.detail(),
                        new org.locationtech.jts.geom.GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(), 4326)
                                .createPoint(new org.locationtech.jts.geom.Coordinate(c[0], c[1])));
            }
        }
        return file;
    }
}
