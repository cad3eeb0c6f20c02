package io.zhili.geo.catalog;

/**
 * The two families of the national city-management class standard: city <b>components</b>
 * (部件, physical objects with a registry entry: manhole covers, lamps, bins…) and <b>events</b>
 * (事件, occurrences: exposed rubbish, store-front operation…). The same code means different
 * classes in the two families (component 0101 is a water-supply manhole cover, event 0101 an
 * unauthorised structure), so a class is always looked up by kind and code.
 */
public enum ClassKind {
    COMPONENT,
    EVENT
}
