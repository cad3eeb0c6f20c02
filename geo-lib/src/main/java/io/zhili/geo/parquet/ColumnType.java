package io.zhili.geo.parquet;

/**
 * The value types a {@link TableSchema} column may have, each with the Parquet physical type and
 * logical annotation it is written as.
 *
 * <ul>
 *   <li>{@link #STRING}: {@code BINARY (STRING)}, UTF-8; values are {@link CharSequence} or enums (their name).</li>
 *   <li>{@link #INT32}: {@code INT32}; values are {@link Integer}, {@link Short}, {@link Byte} or a {@link Long}
 *       that fits.</li>
 *   <li>{@link #INT64}: {@code INT64}; values are any integral {@link Number} up to {@link Long}.</li>
 *   <li>{@link #FLOAT64}: {@code DOUBLE}; values are any {@link Number}.</li>
 *   <li>{@link #BOOLEAN}: {@code BOOLEAN}; values are {@link Boolean}.</li>
 *   <li>{@link #TIMESTAMP_MILLIS}: {@code INT64 TIMESTAMP(MILLIS, isAdjustedToUTC=true)}; values are epoch
 *       milliseconds as an integral {@link Number} or a {@link java.time.Instant}.</li>
 *   <li>{@link #GEOMETRY}: {@code BINARY} holding 2D little-endian WKB in EPSG:4326 longitude/latitude
 *       (GeoParquet's OGC:CRS84); values are JTS {@link org.locationtech.jts.geom.Geometry}.</li>
 * </ul>
 */
public enum ColumnType {
    STRING,
    INT32,
    INT64,
    FLOAT64,
    BOOLEAN,
    TIMESTAMP_MILLIS,
    GEOMETRY
}
