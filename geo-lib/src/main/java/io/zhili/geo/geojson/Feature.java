package io.zhili.geo.geojson;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.locationtech.jts.geom.Geometry;

/**
 * One GeoJSON feature: its position in the file, its optional {@code id}, its geometry (lon/lat,
 * SRID 4326, or {@code null} for a feature without geometry) and its properties.
 *
 * <p>Property values are as JSON gives them: {@link String}, {@link Long} (integral numbers),
 * {@link Double}, {@link Boolean}, {@link List}, {@link Map}, or {@code null}. The typed accessors
 * treat a {@code null} value like a missing one and throw {@link GeoJsonException} with a message
 * naming the file ({@code source}), the feature (index and id) and the property.
 *
 * <p>Immutable when built from an unmodifiable properties map (the reader's are); thread-safe then.
 *
 * @param index position of the feature in its collection, from 0
 * @param id the feature's {@code id} member (String or Number) or {@code null}
 * @param geometry the geometry, or {@code null}
 * @param properties the properties, never {@code null} (empty when the feature has none)
 * @param source the file the feature came from, for messages; {@code null} when built in memory
 */
public record Feature(int index, Object id, Geometry geometry, Map<String, Object> properties, String source) {

    public Feature {
        properties = properties == null ? Map.of() : properties;
    }

    /** A feature built in memory (no source file). */
    public Feature(int index, Object id, Geometry geometry, Map<String, Object> properties) {
        this(index, id, geometry, properties, null);
    }

    /**
     * A text property. Integral numbers are accepted and given as their decimal text, since codes
     * such as {@code 370202} are often written as JSON numbers.
     */
    public String string(String name) {
        return optString(name).orElseThrow(() -> missing(name));
    }

    /** A text property, empty when missing or {@code null}; a value of another type throws. */
    public Optional<String> optString(String name) {
        Object v = properties.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        if (v instanceof Long || v instanceof Integer) {
            return Optional.of(v.toString());
        }
        throw wrongType(name, "a string", v);
    }

    /** A numeric property. */
    public double number(String name) {
        OptionalDouble v = optNumber(name);
        if (v.isEmpty()) {
            throw missing(name);
        }
        return v.getAsDouble();
    }

    /** A numeric property, empty when missing or {@code null}; a value of another type throws. */
    public OptionalDouble optNumber(String name) {
        Object v = properties.get(name);
        if (v == null) {
            return OptionalDouble.empty();
        }
        if (v instanceof Number n) {
            return OptionalDouble.of(n.doubleValue());
        }
        throw wrongType(name, "a number", v);
    }

    /** An array-of-strings property, e.g. {@code "truck_ids": ["鲁B12345", "鲁B23456"]}; unmodifiable. */
    public List<String> strings(String name) {
        Object v = properties.get(name);
        if (v == null) {
            throw missing(name);
        }
        if (!(v instanceof List<?> list)) {
            throw wrongType(name, "an array of strings", v);
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new GeoJsonException(where() + ": property '" + name + "' must be an array of strings, but element "
                        + i + " is " + describe(list.get(i)));
            }
            out.add(s);
        }
        return Collections.unmodifiableList(out);
    }

    /** An ISO-8601 calendar date property ({@code "2025-11-24"}). */
    public LocalDate date(String name) {
        Object v = properties.get(name);
        if (v == null) {
            throw missing(name);
        }
        if (!(v instanceof String s)) {
            throw wrongType(name, "a date (YYYY-MM-DD)", v);
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new GeoJsonException(where() + ": property '" + name + "' must be a date (YYYY-MM-DD), got \"" + s + "\"");
        }
    }

    /** "FILE: feature #INDEX (id ID)", the prefix of every message about this feature. */
    public String where() {
        StringBuilder sb = new StringBuilder();
        sb.append(source == null ? "<memory>" : source).append(": feature #").append(index);
        if (id != null) {
            sb.append(" (id ").append(id instanceof String ? "\"" + id + "\"" : id).append(')');
        }
        return sb.toString();
    }

    private GeoJsonException missing(String name) {
        return new GeoJsonException(where() + ": property '" + name + "' is missing");
    }

    private GeoJsonException wrongType(String name, String expected, Object v) {
        return new GeoJsonException(where() + ": property '" + name + "' must be " + expected + ", got " + describe(v));
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "string \"" + s + "\"";
        }
        if (v instanceof Number) {
            return "number " + v;
        }
        if (v instanceof Boolean) {
            return "boolean " + v;
        }
        if (v instanceof List) {
            return "an array";
        }
        return "an object";
    }
}
