package io.zhili.geo.parquet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;

/**
 * What GeoParquet's column metadata needs to know about the geometries written to one column:
 * the distinct type names and the bounding box of the non-empty ones. Not thread-safe.
 */
final class GeometryColumnStats {
    private final Set<String> types = new LinkedHashSet<>();
    private String lastType;
    private double minX = Double.POSITIVE_INFINITY;
    private double minY = Double.POSITIVE_INFINITY;
    private double maxX = Double.NEGATIVE_INFINITY;
    private double maxY = Double.NEGATIVE_INFINITY;

    void add(Geometry g) {
        String type = typeName(g);
        // A column nearly always holds one type: its name (a JTS constant) is hashed only when it changes.
        if (!type.equals(lastType)) {
            types.add(type);
            lastType = type;
        }
        if (g.isEmpty()) {
            return;
        }
        Envelope e = g.getEnvelopeInternal();
        minX = Math.min(minX, e.getMinX());
        minY = Math.min(minY, e.getMinY());
        maxX = Math.max(maxX, e.getMaxX());
        maxY = Math.max(maxY, e.getMaxY());
    }

    /** GeoParquet's type name; WKB has no LinearRing, it is written as a LineString. */
    static String typeName(Geometry g) {
        return g instanceof LinearRing ? "LineString" : g.getGeometryType();
    }

    /** Distinct type names in the order first seen. */
    List<String> types() {
        return new ArrayList<>(types);
    }

    /** {@code [minx, miny, maxx, maxy]}, or null when no non-empty geometry was added. */
    double[] bbox() {
        return minX > maxX ? null : new double[] {minX, minY, maxX, maxY};
    }
}
