package io.zhili.geo.fence;

/** What a site is: where muck is dug ({@code CONSTRUCTION}) or where it may be dumped ({@code DISPOSAL}). */
public enum SiteKind {
    CONSTRUCTION,
    DISPOSAL
}
