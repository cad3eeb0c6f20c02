package io.zhili.jobs.trucks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tiny reference world east of Qingdao's centre for job tests: one permit (truck 鲁B00001,
 * terminal 13800000001) along latitude 36.10 from 120.30 to 120.50, a construction site at its
 * west end, a disposal site at its east end, and a restricted zone away from the route
 * (07:00–09:00). A trace helper moves a truck along the route at the speed it reports, so no report
 * looks like a GPS jump.
 */
final class HandMadeWorld {
    static final String TRUCK = "鲁B00001";
    static final String PHONE = "13800000001";
    static final double LAT = 36.10;
    /** 10:00 Beijing time on 2025-11-24, inside the permit's validity. */
    static final long T0 = 1763949600000L;
    private static final double KM_PER_DEG_LON = 111.32 * Math.cos(Math.toRadians(LAT));

    private HandMadeWorld() {
    }

    static Path routes(Path dir) throws IOException {
        return Files.writeString(dir.resolve("routes.geojson"), """
                {"type":"FeatureCollection","features":[{"type":"Feature",
                 "geometry":{"type":"LineString","coordinates":[[120.30,36.10],[120.50,36.10]]},
                 "properties":{"permit_id":"P-1","truck_ids":["鲁B00001"],"terminal_phones":["13800000001"],
                  "site_id":"S-1","disposal_id":"D-1","valid_from":"2025-01-01","valid_to":"2026-12-31","corridor_m":100}}]}
                """);
    }

    static Path sites(Path dir) throws IOException {
        return Files.writeString(dir.resolve("sites.geojson"), """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[120.298,36.098],[120.302,36.098],[120.302,36.102],[120.298,36.102],[120.298,36.098]]]},
                  "properties":{"site_id":"S-1","kind":"CONSTRUCTION","name":"工地"}},
                 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[120.498,36.098],[120.502,36.098],[120.502,36.102],[120.498,36.102],[120.498,36.098]]]},
                  "properties":{"site_id":"D-1","kind":"DISPOSAL","name":"消纳场"}}]}
                """);
    }

    static Path zones(Path dir) throws IOException {
        return Files.writeString(dir.resolve("zones.geojson"), """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[120.39,36.19],[120.41,36.19],[120.41,36.21],[120.39,36.21],[120.39,36.19]]]},
                  "properties":{"zone_id":"Z-1","kind":"RESTRICTED","hours":"07:00-09:00"}}]}
                """);
    }

    /**
     * A fleet stream: trucks 鲁B00001..鲁B000nn, each driving three speeding episodes (60 s at 80 km/h
     * between stretches at 40 km/h) and ending with a stop, reports every 10 s, all trucks' lines
     * merged in event-time order. The permitted truck is loaded; the others are empty (no permit, so
     * a loaded one would also be OFF_HOURS). Expect exactly {@code 3 * trucks} SPEEDING alerts.
     */
    static List<String> fleet(int trucks) {
        List<String[]> keyed = new ArrayList<>();
        for (int t = 1; t <= trucks; t++) {
            String id = String.format("鲁B%05d", t);
            double load = t == 1 ? 18 : 0;
            Trace trace = new Trace(id, T0 + t * 1000L, 120.33 + t * 0.001, 10);
            for (int e = 0; e < 3; e++) {
                trace.drive(8, 40, load, "CLOSED").drive(6, 80, load, "CLOSED").drive(4, 40, load, "CLOSED");
            }
            trace.drive(3, 0, load, "CLOSED");
            for (String line : trace.lines) {
                keyed.add(new String[] {line.substring(line.indexOf("\"ts\":") + 5, line.indexOf(",\"lon\"")), line});
            }
        }
        keyed.sort(java.util.Comparator.comparingLong(k -> Long.parseLong(k[0])));
        List<String> lines = new ArrayList<>(keyed.size());
        for (String[] k : keyed) {
            lines.add(k[1]);
        }
        return lines;
    }

    /** Builds one truck's trace of reports every {@code stepS} seconds along the route. */
    static final class Trace {
        final List<String> lines = new ArrayList<>();
        final String truck;
        long ts;
        double lon;
        final int stepS;

        Trace(long startTs, double startLon, int stepS) {
            this(TRUCK, startTs, startLon, stepS);
        }

        Trace(String truck, long startTs, double startLon, int stepS) {
            this.truck = truck;
            this.ts = startTs;
            this.lon = startLon;
            this.stepS = stepS;
        }

        /** {@code n} reports at {@code speedKmh}, each moved by the distance driven since the last. */
        Trace drive(int n, double speedKmh, double loadT, String lid) {
            for (int i = 0; i < n; i++) {
                ts += stepS * 1000L;
                lon += speedKmh * stepS / 3600.0 / KM_PER_DEG_LON;
                lines.add(json(truck, ts, lon, speedKmh, loadT, lid));
            }
            return this;
        }

        /** Repeats the last report (same truck and ts): a duplicate. */
        Trace duplicateLast() {
            lines.add(lines.get(lines.size() - 1));
            return this;
        }

        static String json(String truck, long ts, double lon, double speedKmh, double loadT, String lid) {
            return String.format(Locale.ROOT,
                    "{\"truck_id\":\"%s\",\"ts\":%d,\"lon\":%.6f,\"lat\":%.6f,\"speed_kmh\":%.1f,\"heading\":90,"
                            + "\"lid\":\"%s\",\"load_t\":%.1f}", truck, ts, lon, LAT, speedKmh, lid, loadT);
        }
    }
}
