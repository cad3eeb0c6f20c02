package io.zhili.geo.changes;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * The candidate fragments that belong to one structure (see {@link FragmentMerger}).
 *
 * @param fragments the change polygons, sorted by change_id
 * @param plane     their union in EPSG:4549 metres (a MultiPolygon when fragments do not touch)
 * @param area      the union's area in m²
 * @param width     {@link ShapeMeasures#equivalentWidth} of the structure with gaps between fragments closed
 */
public record Structure(List<ChangePolygon> fragments, Geometry plane, double area, double width) {
    public Structure {
        fragments = List.copyOf(fragments);
    }

    /** The fragments' change_ids in order. */
    public List<String> changeIds() {
        return fragments.stream().map(ChangePolygon::changeId).toList();
    }

    /** The latest after_date of the fragments (the day the structure was last seen). */
    public int afterDay() {
        return fragments.stream().mapToInt(ChangePolygon::afterDay).max().orElseThrow();
    }
}
