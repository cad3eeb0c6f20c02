package io.zhili.geo.changes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Matches this round's suspects to the previous round's by intersection over union (IoU) of their
 * geometries (metres). Pairs at or above the threshold are matched one to one, best IoU first (ties by
 * previous index, then current index), so the result does not depend on input order beyond the
 * indexes themselves. Stateless.
 */
public final class RoundMatcher {
    private RoundMatcher() {
    }

    /** Intersection over union of two polygonal geometries, 0–1. */
    public static double iou(Geometry a, Geometry b) {
        if (!a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) {
            return 0;
        }
        double inter = OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION).getArea();
        double union = a.getArea() + b.getArea() - inter;
        return union > 0 ? inter / union : 0;
    }

    /**
     * For each current geometry the index of its matched previous geometry, or -1 when it matches none.
     */
    public static int[] match(List<Geometry> previous, List<Geometry> current, double minIou) {
        STRtree tree = new STRtree();
        for (int i = 0; i < previous.size(); i++) {
            tree.insert(previous.get(i).getEnvelopeInternal(), i);
        }
        List<double[]> pairs = new ArrayList<>();
        for (int c = 0; c < current.size(); c++) {
            for (Object o : tree.query(current.get(c).getEnvelopeInternal())) {
                int p = (Integer) o;
                double iou = iou(previous.get(p), current.get(c));
                if (iou >= minIou) {
                    pairs.add(new double[] {iou, p, c});
                }
            }
        }
        pairs.sort((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0])
                : x[1] != y[1] ? Double.compare(x[1], y[1]) : Double.compare(x[2], y[2]));
        int[] matched = new int[current.size()];
        Arrays.fill(matched, -1);
        boolean[] taken = new boolean[previous.size()];
        for (double[] pair : pairs) {
            int p = (int) pair[1];
            int c = (int) pair[2];
            if (!taken[p] && matched[c] < 0) {
                taken[p] = true;
                matched[c] = p;
            }
        }
        return matched;
    }
}
