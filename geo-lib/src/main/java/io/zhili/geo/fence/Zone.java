package io.zhili.geo.fence;

import org.locationtech.jts.geom.Geometry;

/**
 * A restricted zone: one Polygon (or MultiPolygon) feature of {@code zones.geojson}. Muck trucks may
 * not be inside while the zone's local {@code hours} apply. Immutable and thread-safe.
 *
 * @param zoneId unique id
 * @param kind   always RESTRICTED today
 * @param hours  local hours when the ban applies
 * @param area   the zone's outline, lon/lat
 */
public record Zone(String zoneId, ZoneKind kind, HoursWindow hours, Geometry area) {
}
