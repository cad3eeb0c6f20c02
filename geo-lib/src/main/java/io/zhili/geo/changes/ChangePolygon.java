package io.zhili.geo.changes;

import org.locationtech.jts.geom.Geometry;

/**
 * One accepted change polygon (变化图斑) between two image dates.
 *
 * @param changeId    the input's id
 * @param beforeDay   epoch day of the earlier image
 * @param afterDay    epoch day of the later image
 * @param confidence  the detector's confidence, 0–1
 * @param changeClass BUILT_UP, VEGETATION, BARE_SOIL, WATER, …; null when the detector gives none
 * @param plane       the (repaired) polygon in EPSG:4549 metres
 */
public record ChangePolygon(String changeId, int beforeDay, int afterDay, double confidence, String changeClass,
                            Geometry plane) {
}
