package io.zhili.datasets.trucks;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;

/**
 * A polyline in a {@link LocalFrame} (metres) walked by arc length: the position and direction at
 * any distance from its start. Immutable.
 */
final class PathLine {
    private final double[] xs;
    private final double[] ys;
    private final double[] cum;

    PathLine(List<Coordinate> points) {
        int n = points.size();
        xs = new double[n];
        ys = new double[n];
        cum = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = points.get(i).x;
            ys[i] = points.get(i).y;
            if (i > 0) {
                cum[i] = cum[i - 1] + Math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
            }
        }
    }

    double length() {
        return cum[cum.length - 1];
    }

    int size() {
        return xs.length;
    }

    Coordinate vertex(int i) {
        return new Coordinate(xs[i], ys[i]);
    }

    /** Segment index containing arc length {@code s} (clamped to the line). */
    private int segment(double s) {
        int lo = 0;
        int hi = cum.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cum[mid] <= s) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** {x, y} at arc length {@code s}, clamped to [0, length]. */
    double[] at(double s) {
        double c = Math.max(0, Math.min(length(), s));
        int i = segment(c);
        double segLen = cum[i + 1] - cum[i];
        double f = segLen == 0 ? 0 : (c - cum[i]) / segLen;
        return new double[] {xs[i] + f * (xs[i + 1] - xs[i]), ys[i] + f * (ys[i + 1] - ys[i])};
    }

    /** Unit direction {dx, dy} of the segment at arc length {@code s}. */
    double[] direction(double s) {
        int i = segment(Math.max(0, Math.min(length(), s)));
        double dx = xs[i + 1] - xs[i];
        double dy = ys[i + 1] - ys[i];
        double len = Math.hypot(dx, dy);
        return len == 0 ? new double[] {1, 0} : new double[] {dx / len, dy / len};
    }

    /** Arc length of the point of the line nearest to (x, y). */
    double project(double x, double y) {
        double best = Double.POSITIVE_INFINITY;
        double bestS = 0;
        for (int i = 0; i + 1 < xs.length; i++) {
            double dx = xs[i + 1] - xs[i];
            double dy = ys[i + 1] - ys[i];
            double len2 = dx * dx + dy * dy;
            double f = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - xs[i]) * dx + (y - ys[i]) * dy) / len2));
            double px = xs[i] + f * dx;
            double py = ys[i] + f * dy;
            double d = Math.hypot(x - px, y - py);
            if (d < best) {
                best = d;
                bestS = cum[i] + f * Math.sqrt(len2);
            }
        }
        return bestS;
    }

    /** Distance in metres from (x, y) to the line. */
    double distance(double x, double y) {
        double[] p = at(project(x, y));
        return Math.hypot(x - p[0], y - p[1]);
    }

    /** The same line walked from its end to its start. */
    PathLine reversed() {
        Coordinate[] cs = new Coordinate[xs.length];
        for (int i = 0; i < xs.length; i++) {
            cs[xs.length - 1 - i] = new Coordinate(xs[i], ys[i]);
        }
        return new PathLine(List.of(cs));
    }
}
