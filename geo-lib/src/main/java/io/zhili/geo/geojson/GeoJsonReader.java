package io.zhili.geo.geojson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Reads a GeoJSON FeatureCollection (RFC 7946) into {@link Feature}s.
 *
 * <p>Geometries: Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon and
 * GeometryCollection, coordinates in lon/lat degrees (a third ordinate is ignored), built with
 * SRID 4326. A feature may have {@code "geometry": null}; its {@link Feature#geometry()} is then null.
 *
 * <p>The file is streamed: only one feature's JSON tree is held at a time. Any problem (not JSON,
 * not a FeatureCollection, a bad position, an unclosed ring, a longitude outside -180..180…) raises a
 * {@link GeoJsonException} whose one-line message names the file and the feature (index and id).
 *
 * <p>Stateless and thread-safe.
 */
public final class GeoJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final GeometryFactory GEOMETRY_FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoJsonReader() {
    }

    /**
     * Reads every feature of the FeatureCollection in {@code file}, in file order.
     *
     * @throws IOException when the file cannot be read
     * @throws GeoJsonException when its content is not a usable FeatureCollection
     */
    public static List<Feature> read(Path file) throws IOException {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(source, null, "GeoJSON file not found");
        }
    }

    /** Reads a FeatureCollection from a stream; {@code source} names it in messages. Does not close the stream. */
    public static List<Feature> read(InputStream in, String source) throws IOException {
        List<Feature> features = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(in)) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new GeoJsonException(source + ": not a GeoJSON FeatureCollection (the file does not start with an object)");
            }
            String type = null;
            boolean sawFeatures = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("type".equals(field)) {
                    type = p.getValueAsString();
                    if (!"FeatureCollection".equals(type)) {
                        throw new GeoJsonException(source + ": expected \"type\": \"FeatureCollection\", got " + p.getText());
                    }
                } else if ("features".equals(field)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new GeoJsonException(source + ": \"features\" must be an array");
                    }
                    sawFeatures = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode node = MAPPER.readTree(p);
                        features.add(feature(node, features.size(), source));
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        throw new GeoJsonException(source + ": feature #" + features.size() + " is not a JSON object");
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (type == null) {
                throw new GeoJsonException(source + ": not a GeoJSON FeatureCollection (no \"type\" member)");
            }
            if (!sawFeatures) {
                throw new GeoJsonException(source + ": FeatureCollection has no \"features\" array");
            }
        } catch (JsonProcessingException e) {
            throw new GeoJsonException(source + ": not valid JSON after feature #" + (features.size() - 1) + ": "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")", e);
        }
        return features;
    }

    /**
     * One Feature object already parsed as JSON (e.g. a member of a larger record), checked as a
     * member of a FeatureCollection would be; {@code source} names it in messages.
     *
     * @throws GeoJsonException when it is not a usable Feature; a message containing
     *                          {@code "bad geometry"} means the geometry itself was unusable
     */
    public static Feature readFeature(JsonNode node, String source) {
        return feature(node, 0, source);
    }

    private static Feature feature(JsonNode node, int index, String source) {
        Object id = null;
        JsonNode idNode = node.get("id");
        if (idNode != null && !idNode.isNull()) {
            id = idNode.isNumber() ? (Object) value(idNode) : idNode.asText();
        }
        Feature shell = new Feature(index, id, null, Map.of(), source);
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !"Feature".equals(typeNode.asText())) {
            throw new GeoJsonException(shell.where() + ": expected \"type\": \"Feature\", got " + typeNode);
        }
        Map<String, Object> properties = Map.of();
        JsonNode props = node.get("properties");
        if (props != null && !props.isNull()) {
            if (!props.isObject()) {
                throw new GeoJsonException(shell.where() + ": \"properties\" must be an object or null");
            }
            properties = object(props);
        }
        Geometry geometry = null;
        JsonNode g = node.get("geometry");
        if (g != null && !g.isNull()) {
            try {
                geometry = geometry(g);
            } catch (BadGeometry e) {
                throw new GeoJsonException(shell.where() + ": bad geometry: " + e.getMessage());
            }
        }
        return new Feature(index, id, geometry, properties, source);
    }

    private static Map<String, Object> object(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), value(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object value(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            for (JsonNode e : v) {
                list.add(value(e));
            }
            return Collections.unmodifiableList(list);
        }
        return object(v);
    }

    /** A geometry problem, turned into a {@link GeoJsonException} naming the feature by the caller. */
    private static final class BadGeometry extends Exception {
        private static final long serialVersionUID = 1L;

        BadGeometry(String message) {
            super(message, null, false, false);
        }
    }

    private static Geometry geometry(JsonNode g) throws BadGeometry {
        JsonNode typeNode = g.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new BadGeometry("no \"type\"");
        }
        String type = typeNode.textValue();
        if ("GeometryCollection".equals(type)) {
            JsonNode parts = g.get("geometries");
            if (parts == null || !parts.isArray()) {
                throw new BadGeometry("GeometryCollection has no \"geometries\" array");
            }
            Geometry[] out = new Geometry[parts.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = geometry(parts.get(i));
            }
            return GEOMETRY_FACTORY.createGeometryCollection(out);
        }
        JsonNode c = g.get("coordinates");
        if (c == null || !c.isArray()) {
            throw new BadGeometry(type + " has no \"coordinates\" array");
        }
        switch (type) {
            case "Point":
                return c.isEmpty() ? GEOMETRY_FACTORY.createPoint() : GEOMETRY_FACTORY.createPoint(position(c, "Point", -1));
            case "LineString":
                return lineString(c, "LineString");
            case "Polygon":
                return polygon(c, "Polygon");
            case "MultiPoint": {
                Point[] points = new Point[c.size()];
                for (int i = 0; i < points.length; i++) {
                    points[i] = GEOMETRY_FACTORY.createPoint(position(c.get(i), "MultiPoint", i));
                }
                return GEOMETRY_FACTORY.createMultiPoint(points);
            }
            case "MultiLineString": {
                LineString[] lines = new LineString[c.size()];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = lineString(array(c.get(i), "MultiLineString line " + i), "MultiLineString line " + i);
                }
                return GEOMETRY_FACTORY.createMultiLineString(lines);
            }
            case "MultiPolygon": {
                Polygon[] polygons = new Polygon[c.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(array(c.get(i), "MultiPolygon polygon " + i), "MultiPolygon polygon " + i);
                }
                return GEOMETRY_FACTORY.createMultiPolygon(polygons);
            }
            default:
                throw new BadGeometry("unknown geometry type \"" + type + "\"");
        }
    }

    private static LineString lineString(JsonNode c, String what) throws BadGeometry {
        Coordinate[] coords = positions(c, what);
        if (coords.length == 1) {
            throw new BadGeometry(what + " has 1 position, needs at least 2");
        }
        return GEOMETRY_FACTORY.createLineString(coords);
    }

    private static Polygon polygon(JsonNode c, String what) throws BadGeometry {
        if (c.isEmpty()) {
            return GEOMETRY_FACTORY.createPolygon();
        }
        LinearRing shell = ring(array(c.get(0), what + " exterior ring"), what + " exterior ring");
        LinearRing[] holes = new LinearRing[c.size() - 1];
        for (int i = 1; i < c.size(); i++) {
            holes[i - 1] = ring(array(c.get(i), what + " hole " + i), what + " hole " + i);
        }
        return GEOMETRY_FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode c, String what) throws BadGeometry {
        Coordinate[] coords = positions(c, what);
        if (coords.length < 4) {
            throw new BadGeometry(what + " has " + coords.length + " positions, needs at least 4");
        }
        if (!coords[0].equals2D(coords[coords.length - 1])) {
            throw new BadGeometry(what + " is not closed (first position " + fmt(coords[0]) + " != last "
                    + fmt(coords[coords.length - 1]) + ")");
        }
        return GEOMETRY_FACTORY.createLinearRing(coords);
    }

    private static Coordinate[] positions(JsonNode c, String what) throws BadGeometry {
        Coordinate[] out = new Coordinate[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = position(c.get(i), what, i);
        }
        return out;
    }

    /** One [lon, lat] position; {@code i} is its index in {@code what} (-1: the only one), for messages. */
    private static Coordinate position(JsonNode p, String context, int i) throws BadGeometry {
        if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new BadGeometry(at(context, i) + " must be [lon, lat], got " + abbreviate(p.toString()));
        }
        double lon = p.get(0).doubleValue();
        double lat = p.get(1).doubleValue();
        if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
            throw new BadGeometry(at(context, i) + " [" + lon + ", " + lat + "] is outside lon -180..180 / lat -90..90"
                    + " (lon/lat order expected)");
        }
        return new Coordinate(lon, lat);
    }

    private static String at(String context, int i) {
        return i < 0 ? context + " position" : context + " position " + i;
    }

    private static JsonNode array(JsonNode n, String what) throws BadGeometry {
        if (n == null || !n.isArray()) {
            throw new BadGeometry(what + " must be an array");
        }
        return n;
    }

    private static String fmt(Coordinate c) {
        return "[" + c.x + ", " + c.y + "]";
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
