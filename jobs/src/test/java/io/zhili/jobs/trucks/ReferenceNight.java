package io.zhili.jobs.trucks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A night of reference changes for the truck job's update tests (2025-11-24 22:00 to 11-25 03:30,
 * Beijing time), with the GPS traces that show each change and the alerts a correct job gives.
 *
 * <ul>
 *   <li><b>Permit issued at 23:00</b>: 鲁B10001 drives loaded along lat 36.10 from 22:40; permit P-A
 *       (that route) takes effect at 23:00. Before: no permit, so OFF_HOURS 22:40:00–22:59:30. After:
 *       judged against P-A's route, so its detour at lat 36.103 from 23:10:00 to 23:12:00 is a
 *       ROUTE_DEVIATION.</li>
 *   <li><b>Permit revoked at 01:00</b>: 鲁B10002 drives loaded along its permit P-B (lat 36.12) from
 *       00:40; P-B is deleted at 01:00, so OFF_HOURS 01:00:00–01:20:00.</li>
 *   <li><b>Temporary zone 00:00–02:00</b>: Z-TEMP is added at 00:00 and deleted at 02:00; 鲁B10003
 *       stands empty inside it from 23:50 to 02:10, so RESTRICTED_ZONE 00:00:00–01:59:30.</li>
 *   <li><b>Site closed at 03:00</b>: disposal site D-2 is deleted at 03:00. 鲁B10004 unloads there
 *       02:40–02:50 (a site: nothing), 鲁B10005 unloads at the same spot 03:05–03:15: ILLEGAL_DUMPING.</li>
 * </ul>
 * Reports every 30 s at 30 km/h; every trace ends stopped, so no SIGNAL_LOSS.
 */
final class ReferenceNight {
    static final String A = "鲁B10001";
    static final String B = "鲁B10002";
    static final String C = "鲁B10003";
    static final String D1 = "鲁B10004";
    static final String D2 = "鲁B10005";
    private static final double STEP_DEG = 250 / (111_320 * Math.cos(Math.toRadians(36.1)));

    /** One expected alert: rule, truck, permit (or null), first and last report, reports. */
    record Episode(String rule, String truck, String permit, long start, long end, int points) {
    }

    private ReferenceNight() {
    }

    /** Epoch ms of a Beijing wall-clock time of the night (hours before noon are on 11-25). */
    static long at(int hour, int minute, int second) {
        LocalDateTime t = LocalDateTime.of(2025, 11, hour < 12 ? 25 : 24, hour, minute, second);
        return t.toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    }

    /** The expected alerts, in start order: worked out from the traces and the changes above. */
    static List<Episode> expected() {
        return List.of(
                new Episode("OFF_HOURS", A, null, at(22, 40, 0), at(22, 59, 30), 40),
                new Episode("ROUTE_DEVIATION", A, "P-A", at(23, 10, 0), at(23, 12, 0), 5),
                new Episode("RESTRICTED_ZONE", C, null, at(0, 0, 0), at(1, 59, 30), 240),
                new Episode("OFF_HOURS", B, null, at(1, 0, 0), at(1, 20, 0), 41),
                new Episode("ILLEGAL_DUMPING", D2, "P-D", at(3, 5, 0), at(3, 15, 0), 21));
    }

    static Path routes(Path dir) throws IOException {
        return Files.writeString(dir.resolve("routes.geojson"), "{\"type\":\"FeatureCollection\",\"features\":["
                + route("P-B", B, 36.12) + "," + route("P-D", D1 + "\",\"" + D2, 36.14) + "]}");
    }

    static Path sites(Path dir) throws IOException {
        return Files.writeString(dir.resolve("sites.geojson"), "{\"type\":\"FeatureCollection\",\"features\":["
                + site("S-1", "CONSTRUCTION", 120.30, 36.30) + "," + site("D-2", "DISPOSAL", 120.50, 36.14) + "]}");
    }

    static Path zones(Path dir) throws IOException {
        return Files.writeString(dir.resolve("zones.geojson"), "{\"type\":\"FeatureCollection\",\"features\":["
                + zone("Z-1", 120.20, 36.30) + "]}");
    }

    /**
     * The night's updates, valid and invalid, in an order unlike their effective times (a file is read
     * whole before any report is judged, so its order must not matter).
     */
    static List<String> updates() {
        return List.of(
                update("sites", "DELETE", "D-2", at(3, 0, 0), null),
                update("zones", "DELETE", "Z-TEMP", at(2, 0, 0), null),
                update("routes", "UPSERT", "P-A", at(23, 0, 0), route("P-A", A, 36.10)),
                "{\"layer\":\"routes\",\"op\":\"DELETE\",\"id\":\"P-B\",\"effective_at\":\"2025-11-25T01:00:00+08:00\"}",
                update("zones", "UPSERT", "Z-TEMP", at(0, 0, 0), zone("Z-TEMP", 120.41, 36.21)),
                // Invalid: each is a dead letter with its reason, and the job goes on.
                "{\"layer\":\"routes\",\"op\":\"UPSERT\"",
                update("parks", "UPSERT", "X-1", at(0, 0, 0), zone("X-1", 120.41, 36.21)),
                update("zones", "MERGE", "Z-9", at(0, 0, 0), zone("Z-9", 120.41, 36.21)),
                update("zones", "DELETE", " ", at(0, 0, 0), null),
                "{\"layer\":\"zones\",\"op\":\"DELETE\",\"id\":\"Z-1\",\"effective_at\":\"midnight\"}",
                update("zones", "UPSERT", "Z-BOW", at(0, 0, 0), "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
                        + "\"coordinates\":[[[120.0,36.0],[120.1,36.1],[120.1,36.0],[120.0,36.1],[120.0,36.0]]]},"
                        + "\"properties\":{\"zone_id\":\"Z-BOW\",\"kind\":\"RESTRICTED\"}}"),
                update("sites", "UPSERT", "S-9", at(0, 0, 0), "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
                        + "\"coordinates\":[[[120.0,36.0],[120.1,36.0],[120.1,36.1],[120.0,36.1],[120.0,36.0]]]},"
                        + "\"properties\":{\"site_id\":\"S-9\"}}"),
                update("sites", "UPSERT", "S-8", at(0, 0, 0), site("S-7", "DISPOSAL", 120.0, 36.0)));
    }

    /** Expected dead-letter reasons of {@link #updates()}, in file order. */
    static List<String> expectedUpdateReasons() {
        return List.of("BAD_UPDATE_JSON", "UNKNOWN_LAYER", "UNKNOWN_OP", "MISSING_ID", "BAD_EFFECTIVE_AT",
                "BAD_GEOMETRY", "INVALID_FEATURE", "INVALID_FEATURE");
    }

    /** All reports of the night, merged in event-time order. */
    static List<String> gps() {
        List<Report> all = new ArrayList<>();
        // A: loaded along lat 36.10 from 22:40:00 to 23:20:00, off the route 23:10:00–23:12:00; then stops.
        Drive a = new Drive(A, at(22, 40, 0), 120.32, 36.10, all);
        for (long t = at(22, 40, 0); t <= at(23, 20, 0); t += 30_000) {
            boolean detour = t >= at(23, 10, 0) && t <= at(23, 12, 0);
            a.report(t, detour ? 36.103 : 36.10, 30, 18);
        }
        a.stop(at(23, 20, 30), 2, 18);
        // B: loaded along its permit's route (lat 36.12) from 00:40:00 to 01:20:00; then stops.
        Drive b = new Drive(B, at(0, 40, 0), 120.32, 36.12, all);
        for (long t = at(0, 40, 0); t <= at(1, 20, 0); t += 30_000) {
            b.report(t, 36.12, 30, 18);
        }
        b.stop(at(1, 20, 30), 2, 18);
        // C: empty, standing inside the temporary zone's area from 23:50:00 to 02:10:00.
        Drive c = new Drive(C, at(23, 50, 0), 120.41, 36.21, all);
        c.stop(at(23, 50, 0), (int) ((at(2, 10, 0) - at(23, 50, 0)) / 30_000) + 1, 0);
        // D1 unloads at site D-2 from 02:40 to 02:50, D2 at the same spot from 03:05 to 03:15.
        unload(D1, at(2, 38, 0), all);
        unload(D2, at(3, 3, 0), all);
        all.sort(Comparator.comparingLong(Report::ts));
        List<String> lines = new ArrayList<>(all.size());
        for (Report r : all) {
            lines.add(r.line());
        }
        return lines;
    }

    /**
     * Drives loaded along lat 36.14 to D-2's centre (arriving 2 min after {@code from}), stands there
     * 10 min (21 reports; loaded for the first 10, then empty), drives off empty 2 min and stops.
     */
    private static void unload(String truck, long from, List<Report> all) {
        Drive d = new Drive(truck, from, 120.50 - 4 * STEP_DEG, 36.14, all);
        for (int i = 0; i < 4; i++) {
            d.report(from + i * 30_000L, 36.14, 30, 18);
        }
        long standFrom = from + 120_000;
        d.lon = 120.50;
        for (int i = 0; i < 21; i++) {
            d.put(standFrom + i * 30_000L, 36.14, 0, i < 10 ? 18 : 0);
        }
        long off = standFrom + 21 * 30_000L;
        for (int i = 0; i < 4; i++) {
            d.report(off + i * 30_000L, 36.14, 30, 0);
        }
        d.stop(off + 4 * 30_000L, 2, 0);
    }

    private record Report(long ts, String line) {
    }

    /** One truck's reports; {@link #report} moves it east by the distance driven in 30 s at 30 km/h. */
    private static final class Drive {
        final String truck;
        final List<Report> out;
        double lon;

        Drive(String truck, long from, double lon, double lat, List<Report> out) {
            this.truck = truck;
            this.lon = lon;
            this.lastLat = lat;
            this.out = out;
        }

        void report(long ts, double lat, double speed, double load) {
            put(ts, lat, speed, load);
            lon += STEP_DEG;
        }

        void stop(long from, int n, double load) {
            for (int i = 0; i < n; i++) {
                put(from + i * 30_000L, Double.NaN, 0, load);
            }
        }

        private double lastLat;

        void put(long ts, double lat, double speed, double load) {
            double y = Double.isNaN(lat) ? lastLat : lat;
            lastLat = y;
            out.add(new Report(ts, String.format(Locale.ROOT, "{\"truck_id\":\"%s\",\"ts\":%d,\"lon\":%.6f,\"lat\":%.6f,"
                    + "\"speed_kmh\":%.1f,\"heading\":90,\"lid\":\"CLOSED\",\"load_t\":%.1f}", truck, ts, lon, y, speed, load)));
        }
    }

    static String route(String permit, String trucks, double lat) {
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[120.30," + lat + "],[120.60," + lat
                + "]]},\"properties\":{\"permit_id\":\"" + permit + "\",\"truck_ids\":[\"" + trucks + "\"],\"site_id\":\"S-1\","
                + "\"disposal_id\":\"D-2\",\"valid_from\":\"2025-11-01\",\"valid_to\":\"2026-12-31\",\"corridor_m\":100}}";
    }

    /** A square site of about 440 m around (lon, lat). */
    static String site(String id, String kind, double lon, double lat) {
        return "{\"type\":\"Feature\",\"geometry\":" + square(lon, lat, 0.002) + ",\"properties\":{\"site_id\":\"" + id
                + "\",\"kind\":\"" + kind + "\",\"name\":\"" + id + "\"}}";
    }

    /** A square restricted zone of about 2 km around (lon, lat), all day. */
    static String zone(String id, double lon, double lat) {
        return "{\"type\":\"Feature\",\"geometry\":" + square(lon, lat, 0.01) + ",\"properties\":{\"zone_id\":\"" + id
                + "\",\"kind\":\"RESTRICTED\"}}";
    }

    private static String square(double lon, double lat, double half) {
        return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],"
                        + "[%.4f,%.4f],[%.4f,%.4f]]]}", lon - half, lat - half, lon + half, lat - half, lon + half, lat + half,
                lon - half, lat + half, lon - half, lat - half);
    }

    static String update(String layer, String op, String id, long effectiveAt, String feature) {
        return "{\"layer\":\"" + layer + "\",\"op\":\"" + op + "\",\"id\":\"" + id + "\",\"effective_at\":" + effectiveAt
                + (feature == null ? "" : ",\"feature\":" + feature) + "}";
    }
}
