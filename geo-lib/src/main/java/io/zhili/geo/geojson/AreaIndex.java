package io.zhili.geo.geojson;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Which area of a level contains a point: an STR-tree of area envelopes per level, then an exact
 * point-in-polygon test with JTS's {@link IndexedPointInAreaLocator} (the index that
 * {@code PreparedPolygon} uses for points, called directly so that no {@code Point} is built per
 * query). A point on an area's boundary counts as inside it; where areas of one level overlap, the
 * one listed first wins, so the answer is deterministic.
 *
 * <p>Built once; immutable and thread-safe for reads (the trees are built eagerly and the locators'
 * lazy indexes are synchronised by JTS).
 */
public final class AreaIndex {
    private final Map<AreaLevel, Level> levels = new EnumMap<>(AreaLevel.class);

    private static final class Level {
        final STRtree tree = new STRtree();
        final List<String> ids = new ArrayList<>();
        final List<IndexedPointInAreaLocator> locators = new ArrayList<>();
    }

    /** Indexes {@code areas} (any levels, any order; an empty list gives an index that finds nothing). */
    public AreaIndex(List<Area> areas) {
        for (Area a : areas) {
            Level level = levels.computeIfAbsent(a.level(), k -> new Level());
            int ordinal = level.ids.size();
            level.ids.add(a.areaId());
            level.locators.add(new IndexedPointInAreaLocator(a.geometry()));
            level.tree.insert(a.geometry().getEnvelopeInternal(), ordinal);
        }
        for (Level level : levels.values()) {
            level.tree.build();
        }
    }

    /** The {@code area_id} of the area of {@code level} that contains the point, or {@code null}. */
    public String areaAt(AreaLevel level, double lon, double lat) {
        Level l = levels.get(level);
        if (l == null || !Double.isFinite(lon) || !Double.isFinite(lat)) {
            return null;
        }
        Coordinate p = new Coordinate(lon, lat);
        int[] best = {Integer.MAX_VALUE};
        l.tree.query(new Envelope(lon, lon, lat, lat), item -> {
            int ordinal = (Integer) item;
            if (ordinal < best[0] && l.locators.get(ordinal).locate(p) != Location.EXTERIOR) {
                best[0] = ordinal;
            }
        });
        return best[0] == Integer.MAX_VALUE ? null : l.ids.get(best[0]);
    }

    /** Whether any area of {@code level} was indexed. */
    public boolean hasLevel(AreaLevel level) {
        return levels.containsKey(level);
    }
}
