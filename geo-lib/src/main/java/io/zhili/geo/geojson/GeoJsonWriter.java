package io.zhili.geo.geojson;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes {@link Feature}s as a GeoJSON FeatureCollection (RFC 7946): UTF-8, compact, one feature
 * per line (so that a diff or {@code grep} shows one feature), coordinates in lon/lat rounded to
 * 7 decimals (about 1 cm). Polygon rings are written with the RFC 7946 winding: exterior
 * counter-clockwise, holes clockwise.
 *
 * <p>Property values may be {@code null}, {@link String}, {@link Number}, {@link Boolean},
 * {@link List}, {@link Map} (nested) or a {@code java.time} value (written as its ISO-8601 text);
 * anything else is written with {@code toString()}. A feature with a {@code null} geometry gets
 * {@code "geometry": null}; a {@code null} id is omitted. An empty list writes an empty collection.
 *
 * <p>Stateless and thread-safe.
 */
public final class GeoJsonWriter {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final long SCALE = 10_000_000L;

    private GeoJsonWriter() {
    }

    /** Writes {@code features} to {@code file}, replacing it. */
    public static void write(Path file, List<Feature> features) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, features);
        }
    }

    /** Writes {@code features} to a stream (not closed). */
    public static void write(OutputStream out, List<Feature> features) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new FeaturePerLine());
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeFieldName("features");
            g.writeStartArray();
            for (Feature f : features) {
                writeFeature(g, f);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** Compact output with a line break before each feature and before the closing bracket. */
    private static final class FeaturePerLine extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (isFeaturesArray(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(isFeaturesArray(g) ? ",\n" : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            g.writeRaw(isFeaturesArray(g) && nrOfValues > 0 ? "\n]" : "]");
        }

        /** The "features" array is the only array directly inside the top-level object. */
        private static boolean isFeaturesArray(JsonGenerator g) {
            JsonStreamContext ctx = g.getOutputContext();
            return ctx.inArray() && ctx.getParent() != null && ctx.getParent().getParent() != null
                    && ctx.getParent().getParent().inRoot();
        }
    }

    private static void writeFeature(JsonGenerator g, Feature f) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        if (f.id() != null) {
            g.writeFieldName("id");
            writeValue(g, f.id());
        }
        g.writeFieldName("geometry");
        if (f.geometry() == null) {
            g.writeNull();
        } else {
            writeGeometry(g, f.geometry());
        }
        g.writeFieldName("properties");
        writeValue(g, f.properties());
        g.writeEndObject();
    }

    private static void writeGeometry(JsonGenerator g, Geometry geom) throws IOException {
        g.writeStartObject();
        if (geom instanceof Point p) {
            g.writeStringField("type", "Point");
            g.writeFieldName("coordinates");
            if (p.isEmpty()) {
                g.writeStartArray();
                g.writeEndArray();
            } else {
                writePosition(g, p.getCoordinateSequence(), 0);
            }
        } else if (geom instanceof LineString l) {
            g.writeStringField("type", "LineString");
            g.writeFieldName("coordinates");
            writeSequence(g, l.getCoordinateSequence(), false);
        } else if (geom instanceof Polygon p) {
            g.writeStringField("type", "Polygon");
            g.writeFieldName("coordinates");
            writePolygon(g, p);
        } else if (geom instanceof MultiPoint mp) {
            g.writeStringField("type", "MultiPoint");
            g.writeFieldName("coordinates");
            g.writeStartArray();
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                writePosition(g, ((Point) mp.getGeometryN(i)).getCoordinateSequence(), 0);
            }
            g.writeEndArray();
        } else if (geom instanceof MultiLineString ml) {
            g.writeStringField("type", "MultiLineString");
            g.writeFieldName("coordinates");
            g.writeStartArray();
            for (int i = 0; i < ml.getNumGeometries(); i++) {
                writeSequence(g, ((LineString) ml.getGeometryN(i)).getCoordinateSequence(), false);
            }
            g.writeEndArray();
        } else if (geom instanceof MultiPolygon mp) {
            g.writeStringField("type", "MultiPolygon");
            g.writeFieldName("coordinates");
            g.writeStartArray();
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                writePolygon(g, (Polygon) mp.getGeometryN(i));
            }
            g.writeEndArray();
        } else if (geom instanceof GeometryCollection gc) {
            g.writeStringField("type", "GeometryCollection");
            g.writeFieldName("geometries");
            g.writeStartArray();
            for (int i = 0; i < gc.getNumGeometries(); i++) {
                writeGeometry(g, gc.getGeometryN(i));
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("cannot write geometry type " + geom.getGeometryType());
        }
        g.writeEndObject();
    }

    private static void writePolygon(JsonGenerator g, Polygon p) throws IOException {
        g.writeStartArray();
        if (!p.isEmpty()) {
            CoordinateSequence shell = p.getExteriorRing().getCoordinateSequence();
            writeSequence(g, shell, !Orientation.isCCW(shell));
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                CoordinateSequence hole = p.getInteriorRingN(i).getCoordinateSequence();
                writeSequence(g, hole, Orientation.isCCW(hole));
            }
        }
        g.writeEndArray();
    }

    private static void writeSequence(JsonGenerator g, CoordinateSequence seq, boolean reversed) throws IOException {
        g.writeStartArray();
        int n = seq.size();
        for (int i = 0; i < n; i++) {
            writePosition(g, seq, reversed ? n - 1 - i : i);
        }
        g.writeEndArray();
    }

    private static void writePosition(JsonGenerator g, CoordinateSequence seq, int i) throws IOException {
        g.writeStartArray();
        g.writeNumber(round7(seq.getX(i)));
        g.writeNumber(round7(seq.getY(i)));
        g.writeEndArray();
    }

    /**
     * {@code v} rounded half-up to 7 decimals, as plain JSON number text without trailing zeros
     * ("120.38", "-0.0000001"), so that no exponent notation reaches the file.
     */
    static String round7(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot write non-finite coordinate " + v);
        }
        long scaled = Math.round(Math.abs(v) * SCALE);
        StringBuilder sb = new StringBuilder(16);
        if (v < 0 && scaled != 0) {
            sb.append('-');
        }
        sb.append(scaled / SCALE);
        long frac = scaled % SCALE;
        if (frac != 0) {
            int digits = 7;
            while (frac % 10 == 0) {
                frac /= 10;
                digits--;
            }
            sb.append('.');
            String f = Long.toString(frac);
            for (int pad = digits - f.length(); pad > 0; pad--) {
                sb.append('0');
            }
            sb.append(f);
        }
        return sb.toString();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof BigDecimal bd) {
            g.writeNumber(bd);
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeNull(); // JSON has no NaN or infinity
            }
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> it) {
            g.writeStartArray();
            for (Object o : it) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            // java.time values and enums: their toString() is the ISO-8601 text / the constant name.
            g.writeString(v.toString());
        }
    }
}
