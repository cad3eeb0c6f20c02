package io.zhili.geo.geojson;

import org.locationtech.jts.geom.Geometry;

/**
 * One area of the areas layer: an administrative district, street or management grid.
 * Immutable and thread-safe as long as nobody mutates the geometry (JTS geometries are mutable).
 *
 * @param areaId the {@code area_id} property, unique within its level
 * @param name display name ({@code name} property; the id when the file has none)
 * @param level district, street or grid
 * @param geometry a valid Polygon or MultiPolygon in lon/lat, SRID 4326
 */
public record Area(String areaId, String name, AreaLevel level, Geometry geometry) {
}
