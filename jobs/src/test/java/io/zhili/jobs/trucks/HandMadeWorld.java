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

    /** Builds one truck's trace of reports every {@code stepS} seconds along the route. */
    static final class Trace {
        final List<String> lines = new ArrayList<>();
        long ts;
        double lon;
        final int stepS;

        Trace(long startTs, double startLon, int stepS) {
            this.ts = startTs;
            this.lon = startLon;
            this.stepS = stepS;
        }

        /** {@code n} reports at {@code speedKmh}, each moved by the distance driven since the last. */
        Trace drive(int n, double speedKmh, double loadT, String lid) {
            for (int i = 0; i < n; i++) {
                ts += stepS * 1000L;
                lon += speedKmh * stepS / 3600.0 / KM_PER_DEG_LON;
                lines.add(json(ts, lon, speedKmh, loadT, lid));
            }
            return this;
        }

        /** Repeats the last report (same truck and ts): a duplicate. */
        Trace duplicateLast() {
            lines.add(lines.get(lines.size() - 1));
            return this;
        }

        static String json(long ts, double lon, double speedKmh, double loadT, String lid) {
            return String.format(Locale.ROOT,
                    "{\"truck_id\":\"%s\",\"ts\":%d,\"lon\":%.6f,\"lat\":%.6f,\"speed_kmh\":%.1f,\"heading\":90,"
                            + "\"lid\":\"%s\",\"load_t\":%.1f}", TRUCK, ts, lon, LAT, speedKmh, lid, loadT);
        }
    }
}
