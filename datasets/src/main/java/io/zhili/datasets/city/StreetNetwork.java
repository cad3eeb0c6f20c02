package io.zhili.datasets.city;

import io.zhili.datasets.areas.District;
import io.zhili.datasets.areas.QingdaoAreas;
import io.zhili.datasets.areas.Town;
import io.zhili.datasets.sampling.AliasTable;
import io.zhili.datasets.sampling.Seeds;
import io.zhili.geo.crs.Distances;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;

/**
 * A synthetic street network of one district, along which components stand and events happen: a
 * slightly irregular street grid around every {@link Town} (denser and busier towards its centre),
 * arterial roads joining each town to its two nearest towns, and a sparse lattice of village roads
 * (2.5 km) over the whole district; everything clipped to the district outline, so it never crosses
 * Jiaozhou Bay or a district border.
 *
 * <p>The network is a fixed part of the synthetic city (independent of the user's seed). Points are drawn
 * with {@link #sample}: a street segment with probability proportional to length x intensity, a uniform
 * position along it, and a perpendicular offset to a random side (a manhole in the carriageway, a tree on
 * the pavement), always inside the district.
 *
 * <p>Immutable after {@link #build}; {@link #sample} is thread-safe (the caller passes its own random
 * generator and output array).
 */
public final class StreetNetwork {
    private static final double ARTERIAL_WEIGHT = 0.15;
    private static final double LATTICE_WEIGHT = 0.015;
    private static final double LATTICE_SPACING_M = 2500;

    private final District district;
    private final IndexedPointInAreaLocator inside;
    private final double[] x0;
    private final double[] y0;
    private final double[] dx;
    private final double[] dy;
    /** Degrees of lon/lat per metre along the unit normal of each segment. */
    private final double[] nx;
    private final double[] ny;
    private final double totalMeters;
    private final AliasTable segments;

    private StreetNetwork(District district, List<double[]> segs) {
        this.district = district;
        this.inside = new IndexedPointInAreaLocator(district.geometry());
        int n = segs.size();
        x0 = new double[n];
        y0 = new double[n];
        dx = new double[n];
        dy = new double[n];
        nx = new double[n];
        ny = new double[n];
        double[] weights = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] s = segs.get(i);
            x0[i] = s[0];
            y0[i] = s[1];
            dx[i] = s[2] - s[0];
            dy[i] = s[3] - s[1];
            double lat = (s[1] + s[3]) / 2;
            double mx = dx[i] * Distances.metersPerDegreeLon(lat);
            double my = dy[i] * Distances.metersPerDegreeLat(lat);
            double len = Math.hypot(mx, my);
            // Unit normal (-uy, ux) in metres, expressed in degrees per metre.
            nx[i] = len > 0 ? -my / len / Distances.metersPerDegreeLon(lat) : 0;
            ny[i] = len > 0 ? mx / len / Distances.metersPerDegreeLat(lat) : 0;
            weights[i] = len * s[4];
            total += len;
        }
        this.totalMeters = total;
        this.segments = new AliasTable(weights);
    }

    /** Builds the network of {@code district}; deterministic (a fixed layout seed per district code). */
    public static StreetNetwork build(District district) {
        SplittableRandom layout = Seeds.stream(0x51_7E_E7L, Long.parseLong(district.code()));
        List<double[]> segs = new ArrayList<>();
        Geometry outline = district.geometry();
        List<Town> towns = district.towns();
        for (Town t : towns) {
            double angle = layout.nextDouble(0, Math.PI / 2);
            townGrid(t, angle, layout, outline, segs);
            townGrid(t, angle + Math.PI / 2, layout, outline, segs);
        }
        for (int i = 0; i < towns.size(); i++) {
            for (int j : nearest(towns, i, 2)) {
                if (j > i || !isNearest(towns, j, i, 2)) {
                    road(towns.get(i).lon(), towns.get(i).lat(), towns.get(j).lon(), towns.get(j).lat(),
                            300, layout, outline, ARTERIAL_WEIGHT, segs);
                }
            }
        }
        lattice(outline, layout, segs);
        return new StreetNetwork(district, segs);
    }

    public District district() {
        return district;
    }

    /** Number of straight street segments. */
    public int segmentCount() {
        return x0.length;
    }

    /** Total street length, metres. */
    public double lengthMeters() {
        return totalMeters;
    }

    /**
     * Draws a point beside a street, {@code minOffsetM..maxOffsetM} metres from its centre line on a random
     * side, inside the district; writes lon into {@code out[0]} and lat into {@code out[1]}.
     */
    public void sample(SplittableRandom random, double minOffsetM, double maxOffsetM, double[] out) {
        Coordinate probe = new Coordinate();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int s = segments.sample(random);
            double t = random.nextDouble();
            double off = minOffsetM + (maxOffsetM - minOffsetM) * random.nextDouble();
            if (random.nextBoolean()) {
                off = -off;
            }
            // Near a border the offset may leave the district: retry with a smaller one, then another spot.
            for (int shrink = 0; shrink < 3; shrink++) {
                probe.x = x0[s] + t * dx[s] + off * nx[s];
                probe.y = y0[s] + t * dy[s] + off * ny[s];
                if (inside.locate(probe) == Location.INTERIOR) {
                    out[0] = probe.x;
                    out[1] = probe.y;
                    return;
                }
                off = -off / 2;
            }
        }
        throw new IllegalStateException("cannot place a point in district " + district.code());
    }

    /** True when the point lies strictly inside the district. */
    public boolean contains(double lon, double lat) {
        return inside.locate(new Coordinate(lon, lat)) == Location.INTERIOR;
    }

    private static void townGrid(Town t, double angle, SplittableRandom layout, Geometry outline, List<double[]> segs) {
        double r = t.radiusKm() * 1000;
        double ux = Math.cos(angle);
        double uy = Math.sin(angle);
        double mLon = Distances.metersPerDegreeLon(t.lat());
        double mLat = Distances.metersPerDegreeLat(t.lat());
        int k = (int) Math.floor(r / t.spacingM());
        for (int i = -k; i <= k; i++) {
            double o = (i + layout.nextDouble(-0.15, 0.15)) * t.spacingM();
            double half = Math.sqrt(Math.max(0, r * r - o * o));
            if (half < t.spacingM()) {
                continue;
            }
            Coordinate[] pts = new Coordinate[5];
            for (int p = 0; p < pts.length; p++) {
                double along = -half + 2 * half * p / (pts.length - 1);
                double across = o + layout.nextDouble(-0.08, 0.08) * t.spacingM();
                double mx = along * ux - across * uy;
                double my = along * uy + across * ux;
                pts[p] = new Coordinate(t.lon() + mx / mLon, t.lat() + my / mLat);
            }
            clip(pts, outline, segs, t, r);
        }
    }

    /** Clips a polyline to the district and adds its pieces; {@code town} null for roads of fixed weight. */
    private static void clip(Coordinate[] pts, Geometry outline, List<double[]> segs, Town town, double radiusM) {
        clip(pts, outline, segs, town, radiusM, 0);
    }

    private static void clip(Coordinate[] pts, Geometry outline, List<double[]> segs, Town town, double radiusM,
                             double fixedWeight) {
        LineString line = QingdaoAreas.GEOMETRY.createLineString(pts);
        if (!line.getEnvelopeInternal().intersects(outline.getEnvelopeInternal())) {
            return;
        }
        Geometry cut = line.intersection(outline);
        for (int g = 0; g < cut.getNumGeometries(); g++) {
            Coordinate[] cs = cut.getGeometryN(g).getCoordinates();
            for (int i = 0; i + 1 < cs.length; i++) {
                double weight = fixedWeight;
                if (town != null) {
                    double mx = ((cs[i].x + cs[i + 1].x) / 2 - town.lon()) * Distances.metersPerDegreeLon(town.lat());
                    double my = ((cs[i].y + cs[i + 1].y) / 2 - town.lat()) * Distances.metersPerDegreeLat(town.lat());
                    weight = town.weight() * (1 - 0.6 * Math.min(1, Math.hypot(mx, my) / radiusM));
                }
                if (cs[i].equals2D(cs[i + 1])) {
                    continue;
                }
                segs.add(new double[] {cs[i].x, cs[i].y, cs[i + 1].x, cs[i + 1].y, weight});
            }
        }
    }

    private static void road(double lon0, double lat0, double lon1, double lat1, double wiggleM,
                             SplittableRandom layout, Geometry outline, double weight, List<double[]> segs) {
        int n = 8;
        double mLon = Distances.metersPerDegreeLon(lat0);
        double mLat = Distances.metersPerDegreeLat(lat0);
        double ex = (lon1 - lon0) * mLon;
        double ey = (lat1 - lat0) * mLat;
        double len = Math.hypot(ex, ey);
        if (len == 0) {
            return;
        }
        Coordinate[] pts = new Coordinate[n + 1];
        for (int p = 0; p <= n; p++) {
            double f = (double) p / n;
            double w = (p == 0 || p == n) ? 0 : layout.nextDouble(-wiggleM, wiggleM);
            double mx = f * ex - w * ey / len;
            double my = f * ey + w * ex / len;
            pts[p] = new Coordinate(lon0 + mx / mLon, lat0 + my / mLat);
        }
        clip(pts, outline, segs, null, 0, weight);
    }

    private static void lattice(Geometry outline, SplittableRandom layout, List<double[]> segs) {
        Envelope e = outline.getEnvelopeInternal();
        double mLat = Distances.metersPerDegreeLat(e.centre().y);
        double mLon = Distances.metersPerDegreeLon(e.centre().y);
        for (double y = e.getMinY() + LATTICE_SPACING_M / mLat / 2; y < e.getMaxY(); y += LATTICE_SPACING_M / mLat) {
            road(e.getMinX(), y, e.getMaxX(), y, 150, layout, outline, LATTICE_WEIGHT, segs);
        }
        for (double x = e.getMinX() + LATTICE_SPACING_M / mLon / 2; x < e.getMaxX(); x += LATTICE_SPACING_M / mLon) {
            road(x, e.getMinY(), x, e.getMaxY(), 150, layout, outline, LATTICE_WEIGHT, segs);
        }
    }

    private static int[] nearest(List<Town> towns, int i, int k) {
        int n = towns.size();
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        Town a = towns.get(i);
        java.util.Arrays.sort(order, (p, q) -> Double.compare(
                Distances.meters(a.lon(), a.lat(), towns.get(p).lon(), towns.get(p).lat()),
                Distances.meters(a.lon(), a.lat(), towns.get(q).lon(), towns.get(q).lat())));
        int m = Math.min(k, n - 1);
        int[] out = new int[m];
        for (int j = 0; j < m; j++) {
            out[j] = order[j + 1];
        }
        return out;
    }

    private static boolean isNearest(List<Town> towns, int from, int to, int k) {
        for (int j : nearest(towns, from, k)) {
            if (j == to) {
                return true;
            }
        }
        return false;
    }
}
