package io.zhili.geo.fence;

/** Kind of a zone in {@code zones.geojson}; muck trucks may not enter a {@code RESTRICTED} zone while its hours apply. */
public enum ZoneKind {
    RESTRICTED
}
