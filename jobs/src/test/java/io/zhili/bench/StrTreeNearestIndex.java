package io.zhili.bench;

import io.zhili.geo.crs.Distances;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The alternative that lost the benchmark, kept here for comparison: one JTS STR-tree of point
 * envelopes per subclass, queried with the radius' bounding box and the same squared local metric
 * distance and tie rule as {@link io.zhili.geo.index.NearestComponentIndex}.
 */
final class StrTreeNearestIndex {
    private final STRtree[] trees = new STRtree[10_000];
    private final long[] ids;
    private final double[] lon;
    private final double[] lat;

    StrTreeNearestIndex(long[] ids, int[] minorClass, double[] lon, double[] lat) {
        this.ids = ids;
        this.lon = lon;
        this.lat = lat;
        for (int i = 0; i < ids.length; i++) {
            STRtree t = trees[minorClass[i]];
            if (t == null) {
                t = new STRtree();
                trees[minorClass[i]] = t;
            }
            t.insert(new Envelope(lon[i], lon[i], lat[i], lat[i]), i);
        }
        for (STRtree t : trees) {
            if (t != null) {
                t.build();
            }
        }
    }

    int nearest(double qLon, double qLat, int minorClass, double radiusMeters) {
        STRtree t = minorClass >= 0 && minorClass < trees.length ? trees[minorClass] : null;
        if (t == null) {
            return -1;
        }
        double kx = Distances.metersPerDegreeLon(qLat);
        double ky = Distances.metersPerDegreeLat(qLat);
        double dLon = radiusMeters / kx;
        double dLat = radiusMeters / ky;
        double[] best = {radiusMeters * radiusMeters, -1};
        t.query(new Envelope(qLon - dLon, qLon + dLon, qLat - dLat, qLat + dLat), item -> {
            int p = (Integer) item;
            double dx = (lon[p] - qLon) * kx;
            double dy = (lat[p] - qLat) * ky;
            double d2 = dx * dx + dy * dy;
            int b = (int) best[1];
            if (d2 < best[0] || (d2 == best[0] && (b < 0 || ids[p] < ids[b]))) {
                best[0] = d2;
                best[1] = p;
            }
        });
        return (int) best[1];
    }
}
