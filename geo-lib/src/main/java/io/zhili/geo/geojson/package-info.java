/**
 * GeoJSON (RFC 7946) reading and writing ({@link io.zhili.geo.geojson.GeoJsonReader},
 * {@link io.zhili.geo.geojson.GeoJsonWriter}, {@link io.zhili.geo.geojson.Feature}) and the optional areas layer
 * with its point-in-area index ({@link io.zhili.geo.geojson.AreaLayer}, {@link io.zhili.geo.geojson.AreaIndex},
 * {@link io.zhili.geo.geojson.AreaLevel}). Every problem is a one-line {@link io.zhili.geo.geojson.GeoJsonException}
 * naming the file and feature.
 */
package io.zhili.geo.geojson;
