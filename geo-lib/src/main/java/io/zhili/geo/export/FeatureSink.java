package io.zhili.geo.export;

import java.io.IOException;
import org.locationtech.jts.geom.Geometry;

/**
 * Receives the exported rows of one table and writes them in a desktop GIS format. Implementations
 * write to a file of their own and produce a complete file only on {@link #finish()}.
 * Not thread-safe.
 */
interface FeatureSink extends AutoCloseable {

    /**
     * Writes one feature.
     *
     * @param values   typed values in column order (null for null); the geometry column's slot is ignored
     * @param geometry the geometry, or null
     * @param wkb      the geometry as the table holds it (ISO WKB), or null
     */
    void write(Object[] values, Geometry geometry, byte[] wkb) throws IOException;

    /** Completes the file (headers, extents, counts). */
    void finish() throws IOException;

    /** Releases resources; after a failure the file is incomplete and the caller deletes it. */
    @Override
    void close() throws IOException;
}
