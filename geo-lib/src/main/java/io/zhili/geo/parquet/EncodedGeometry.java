package io.zhili.geo.parquet;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

/**
 * A geometry with its WKB already encoded, for a geometry column value that repeats across many rows
 * (an H3 hexagon appears once per period and category): the writer copies the bytes instead of
 * encoding the geometry again, and still records its type and bounding box in the GeoParquet metadata.
 * Immutable; the byte array must not be modified.
 */
public record EncodedGeometry(Geometry geometry, byte[] wkb) {
    /** WKBWriter is not thread-safe and costly to create, so each thread keeps one. */
    private static final ThreadLocal<WKBWriter> WRITER =
            ThreadLocal.withInitial(() -> new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN));

    /** Encodes {@code geometry} once as 2-D little-endian WKB, the encoding the writer uses. */
    public static EncodedGeometry of(Geometry geometry) {
        return new EncodedGeometry(geometry, WRITER.get().write(geometry));
    }
}
