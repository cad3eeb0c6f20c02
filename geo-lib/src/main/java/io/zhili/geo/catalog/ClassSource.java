package io.zhili.geo.catalog;

/**
 * Where a class of the catalog comes from: the national standard (GB/T 30428.2, the CJ/T 214-2007
 * lineage) or a local extension of one city. Cities extend the standard (Qingdao registers 102 component
 * subclasses, 85 of them national), so a catalog marks each row; the jobs treat both alike, the generator
 * draws national classes unless a scenario needs a local one.
 */
public enum ClassSource {
    /** A class of the national standard. */
    NATIONAL,
    /** A city's own extension of the standard. */
    LOCAL
}
