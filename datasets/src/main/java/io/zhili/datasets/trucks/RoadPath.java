package io.zhili.datasets.trucks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;

/**
 * A plausible road-like path between two points of a local frame: two to three straight legs along
 * a street grid of random orientation (the way a truck follows city blocks), each leg broken every
 * 300–600 m with a few metres of sideways wobble (roads are not ruler-straight).
 */
final class RoadPath {
    private static final double MIN_LEG_M = 120;

    private RoadPath() {
    }

    /**
     * Vertices from {@code a} to {@code b} via a waypoint beside their midpoint (up to a third of
     * their distance off the straight line): the way round a bay or a hill.
     */
    static List<Coordinate> buildVia(SplittableRandom rng, Coordinate a, Coordinate b) {
        double dx = b.x - a.x;
        double dy = b.y - a.y;
        double side = (rng.nextDouble() * 2 - 1) / 3;
        double along = 0.3 + 0.4 * rng.nextDouble();
        Coordinate w = new Coordinate(a.x + along * dx - side * dy, a.y + along * dy + side * dx);
        List<Coordinate> first = build(rng, a, w);
        List<Coordinate> second = build(rng, w, b);
        List<Coordinate> out = new ArrayList<>(first);
        out.addAll(second.subList(1, second.size()));
        return out;
    }

    /** Vertices from {@code a} to {@code b} (metres), both ends included exactly. */
    static List<Coordinate> build(SplittableRandom rng, Coordinate a, Coordinate b) {
        double theta = rng.nextDouble() * Math.PI / 2;
        double ux = Math.cos(theta);
        double uy = Math.sin(theta);
        double vx = -uy;
        double vy = ux;
        double dx = b.x - a.x;
        double dy = b.y - a.y;
        double du = dx * ux + dy * uy;
        double dv = dx * vx + dy * vy;
        double f = 0.3 + 0.4 * rng.nextDouble();
        double[][] uv = switch (rng.nextInt(4)) {
            case 0 -> new double[][] {{du, 0}, {du, dv}};
            case 1 -> new double[][] {{0, dv}, {du, dv}};
            case 2 -> new double[][] {{du * f, 0}, {du * f, dv}, {du, dv}};
            default -> new double[][] {{0, dv * f}, {du, dv * f}, {du, dv}};
        };
        List<Coordinate> corners = new ArrayList<>();
        corners.add(new Coordinate(a));
        for (int i = 0; i < uv.length; i++) {
            Coordinate c = i == uv.length - 1 ? new Coordinate(b)
                    : new Coordinate(a.x + uv[i][0] * ux + uv[i][1] * vx, a.y + uv[i][0] * uy + uv[i][1] * vy);
            Coordinate last = corners.get(corners.size() - 1);
            if (c.distance(last) < MIN_LEG_M && i < uv.length - 1) {
                continue;
            }
            corners.add(c);
        }
        List<Coordinate> out = new ArrayList<>();
        out.add(corners.get(0));
        for (int i = 1; i < corners.size(); i++) {
            Coordinate p = corners.get(i - 1);
            Coordinate q = corners.get(i);
            double len = p.distance(q);
            int pieces = Math.max(1, (int) Math.ceil(len / (300 + 300 * rng.nextDouble())));
            double nx = len == 0 ? 0 : -(q.y - p.y) / len;
            double ny = len == 0 ? 0 : (q.x - p.x) / len;
            for (int k = 1; k < pieces; k++) {
                double t = (double) k / pieces;
                double wobble = rng.nextGaussian() * 5;
                out.add(new Coordinate(p.x + t * (q.x - p.x) + wobble * nx, p.y + t * (q.y - p.y) + wobble * ny));
            }
            out.add(q);
        }
        return out;
    }
}
