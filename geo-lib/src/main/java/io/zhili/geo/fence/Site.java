package io.zhili.geo.fence;

import org.locationtech.jts.geom.Geometry;

/**
 * A construction or disposal site: one Polygon (or MultiPolygon) feature of {@code sites.geojson}.
 * Immutable and thread-safe (the geometry must not be modified after construction).
 *
 * @param siteId unique id
 * @param kind   construction or disposal
 * @param name   display name, may be empty
 * @param area   the site's outline, lon/lat
 */
public record Site(String siteId, SiteKind kind, String name, Geometry area) {
}
