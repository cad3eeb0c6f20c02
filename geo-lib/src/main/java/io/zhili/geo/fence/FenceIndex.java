package io.zhili.geo.fence;

import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Candidates by envelope (JTS {@link STRtree}) over a list of {@link PolygonFence}s; the shared
 * engine of {@link SiteIndex} and {@link ZoneIndex}. Immutable and thread-safe after construction
 * (the tree is built eagerly).
 */
final class FenceIndex {
    private final PolygonFence[] fences;
    private final STRtree tree = new STRtree();

    FenceIndex(List<Geometry> areas) {
        fences = new PolygonFence[areas.size()];
        for (int i = 0; i < fences.length; i++) {
            fences[i] = new PolygonFence(areas.get(i));
            tree.insert(fences[i].envelope(), i);
        }
        tree.build();
    }

    /** Lowest index of a fence that {@code accept}s and contains the point, or -1. */
    int first(long cell, double lon, double lat, IntPredicate accept) {
        int[] best = {Integer.MAX_VALUE};
        tree.query(new Envelope(lon, lon, lat, lat), item -> {
            int i = (Integer) item;
            if (i < best[0] && accept.test(i) && fences[i].contains(cell, lon, lat)) {
                best[0] = i;
            }
        });
        return best[0] == Integer.MAX_VALUE ? -1 : best[0];
    }

    PolygonFence fence(int i) {
        return fences[i];
    }

    int size() {
        return fences.length;
    }

    /** A primitive int predicate (avoids boxing in the query visitor). */
    @FunctionalInterface
    interface IntPredicate {
        boolean test(int index);
    }
}
