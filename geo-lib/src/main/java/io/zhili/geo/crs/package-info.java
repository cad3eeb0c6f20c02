/**
 * Coordinate reference systems and distances: GCJ-02 to and from WGS-84 ({@link io.zhili.geo.crs.Gcj02}),
 * CGCS2000 3-degree Gauss-Krüger EPSG:4549 ({@link io.zhili.geo.crs.Cgcs2000GaussKruger}) and fast ground
 * distances for hot paths ({@link io.zhili.geo.crs.Distances}). Stateless and thread-safe.
 */
package io.zhili.geo.crs;
