package io.zhili.geo.fence;

import io.zhili.geo.geojson.Feature;
import io.zhili.geo.geojson.GeoJsonException;
import io.zhili.geo.geojson.GeoJsonReader;
import io.zhili.geo.geojson.GeoJsonWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads and writes the three truck reference layers of docs/CONTRACTS.md ("Truck reference layers"): {@code routes.geojson} (permits),
 * {@code sites.geojson} and {@code zones.geojson}.
 *
 * <p>Every problem is a {@link GeoJsonException} whose one-line message names the file, the feature
 * and the property: a missing or mistyped property, a wrong geometry type, an unknown kind, bad
 * hours, a duplicate id, {@code valid_to} before {@code valid_from}, a non-positive corridor.
 * Optional properties: {@code corridor_m} (default {@value Route#DEFAULT_CORRIDOR_M}),
 * {@code hours} (default all day), {@code terminal_phones}, a site's {@code name}.
 *
 * <p>Stateless and thread-safe.
 */
public final class FenceLayers {
    private FenceLayers() {
    }

    /** Reads the permits of {@code routes.geojson}. */
    public static List<Route> readRoutes(Path file) throws IOException {
        List<Route> routes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Feature f : GeoJsonReader.read(file)) {
            routes.add(unique(f, ids, route(f), Route::permitId, "permit_id"));
        }
        return routes;
    }

    /** Reads the sites of {@code sites.geojson}. */
    public static List<Site> readSites(Path file) throws IOException {
        List<Site> sites = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Feature f : GeoJsonReader.read(file)) {
            sites.add(unique(f, ids, site(f), Site::siteId, "site_id"));
        }
        return sites;
    }

    /** Reads the zones of {@code zones.geojson}. */
    public static List<Zone> readZones(Path file) throws IOException {
        List<Zone> zones = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Feature f : GeoJsonReader.read(file)) {
            zones.add(unique(f, ids, zone(f), Zone::zoneId, "zone_id"));
        }
        return zones;
    }

    public static void writeRoutes(Path file, List<Route> routes) throws IOException {
        List<Feature> features = new ArrayList<>(routes.size());
        for (Route r : routes) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("permit_id", r.permitId());
            p.put("truck_ids", r.truckIds());
            if (!r.terminalPhones().isEmpty()) {
                p.put("terminal_phones", r.terminalPhones());
            }
            p.put("site_id", r.siteId());
            p.put("disposal_id", r.disposalId());
            p.put("valid_from", r.validFrom().toString());
            p.put("valid_to", r.validTo().toString());
            p.put("hours", r.hours().toString());
            p.put("corridor_m", r.corridorM() == Math.rint(r.corridorM()) ? (Object) (long) r.corridorM() : (Object) r.corridorM());
            features.add(new Feature(features.size(), r.permitId(), r.line(), p));
        }
        GeoJsonWriter.write(file, features);
    }

    public static void writeSites(Path file, List<Site> sites) throws IOException {
        GeoJsonWriter.write(file, siteFeatures(sites));
    }

    /** The sites as features of {@code sites.geojson}, for writing anywhere with {@link GeoJsonWriter}. */
    public static List<Feature> siteFeatures(List<Site> sites) {
        List<Feature> features = new ArrayList<>(sites.size());
        for (Site s : sites) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("site_id", s.siteId());
            p.put("kind", s.kind().name());
            p.put("name", s.name());
            features.add(new Feature(features.size(), s.siteId(), s.area(), p));
        }
        return features;
    }

    public static void writeZones(Path file, List<Zone> zones) throws IOException {
        GeoJsonWriter.write(file, zoneFeatures(zones));
    }

    /** The zones as features of {@code zones.geojson}, for writing anywhere with {@link GeoJsonWriter}. */
    public static List<Feature> zoneFeatures(List<Zone> zones) {
        List<Feature> features = new ArrayList<>(zones.size());
        for (Zone z : zones) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("zone_id", z.zoneId());
            p.put("kind", z.kind().name());
            p.put("hours", z.hours().toString());
            features.add(new Feature(features.size(), z.zoneId(), z.area(), p));
        }
        return features;
    }

    /** One site feature, checked as {@link #readSites} checks each (uniqueness aside). */
    public static Site site(Feature f) {
        return new Site(f.string("site_id"), kind(f, "kind", SiteKind.class), f.optString("name").orElse(""), polygonal(f));
    }

    /** One zone feature, checked as {@link #readZones} checks each (uniqueness aside). */
    public static Zone zone(Feature f) {
        return new Zone(f.string("zone_id"), kind(f, "kind", ZoneKind.class), hours(f), polygonal(f));
    }

    /** One route (permit) feature, checked as {@link #readRoutes} checks each (uniqueness aside). */
    public static Route route(Feature f) {
        if (!(f.geometry() instanceof LineString line) || line.isEmpty()) {
            throw new GeoJsonException(f.where() + ": a route must be a non-empty LineString, got " + type(f));
        }
        List<String> phones = f.properties().get("terminal_phones") == null ? List.of() : f.strings("terminal_phones");
        double corridor = f.optNumber("corridor_m").orElse(Route.DEFAULT_CORRIDOR_M);
        try {
            return new Route(f.string("permit_id"), f.strings("truck_ids"), phones, f.string("site_id"),
                    f.string("disposal_id"), f.date("valid_from"), f.date("valid_to"), hours(f), corridor, line);
        } catch (IllegalArgumentException e) {
            throw new GeoJsonException(f.where() + ": " + e.getMessage());
        }
    }

    private static HoursWindow hours(Feature f) {
        String text = f.optString("hours").orElse(null);
        if (text == null) {
            return HoursWindow.ALL_DAY;
        }
        try {
            return HoursWindow.parse(text);
        } catch (IllegalArgumentException e) {
            throw new GeoJsonException(f.where() + ": property 'hours': " + e.getMessage());
        }
    }

    private static Geometry polygonal(Feature f) {
        Geometry g = f.geometry();
        if (!(g instanceof Polygon || g instanceof MultiPolygon) || g.isEmpty()) {
            throw new GeoJsonException(f.where() + ": geometry must be a non-empty Polygon or MultiPolygon, got " + type(f));
        }
        return g;
    }

    private static <E extends Enum<E>> E kind(Feature f, String property, Class<E> type) {
        String v = f.string(property);
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new GeoJsonException(f.where() + ": property '" + property + "' must be one of "
                    + List.of(type.getEnumConstants()) + ", got \"" + v + "\"");
        }
    }

    private static <T> T unique(Feature f, Set<String> ids, T value, java.util.function.Function<T, String> id, String property) {
        if (!ids.add(id.apply(value))) {
            throw new GeoJsonException(f.where() + ": duplicate " + property + " \"" + id.apply(value) + "\"");
        }
        return value;
    }

    private static String type(Feature f) {
        return f.geometry() == null ? "no geometry" : f.geometry().getGeometryType();
    }
}
