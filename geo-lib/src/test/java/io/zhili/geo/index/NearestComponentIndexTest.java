package io.zhili.geo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.crs.Distances;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NearestComponentIndexTest {
    private static final double LON = 120.38;
    private static final double LAT = 36.07;

    /** {lon, lat} of the point {@code east}, {@code north} metres from (LON, LAT). */
    private static double[] offset(double east, double north) {
        return new double[] {LON + east / Distances.metersPerDegreeLon(LAT), LAT + north / Distances.metersPerDegreeLat(LAT)};
    }

    private static NearestComponentIndex threeCovers() {
        double[] a = offset(10, 0);
        double[] b = offset(0, 25);
        double[] c = offset(-5, 0); // class 118 (street light), nearer but the wrong class
        return NearestComponentIndex.build(
                new long[] {3702020103000001L, 3702020103000002L, 3702020118000001L},
                new int[] {103, 103, 118},
                new double[] {a[0], b[0], c[0]},
                new double[] {a[1], b[1], c[1]});
    }

    @Test
    void nearestOfTheClassWithinRadius() {
        NearestComponentIndex index = threeCovers();
        int pos = index.nearest(LON, LAT, 103, 30);
        assertEquals(0, pos);
        assertEquals(3702020103000001L, index.id(pos));
        assertEquals(103, index.minorClass(pos));
        assertEquals(2, index.nearest(LON, LAT, 118, 30));
    }

    @Test
    void radiusIsInclusiveAndExcludesFartherComponents() {
        NearestComponentIndex index = threeCovers();
        assertEquals(-1, index.nearest(LON, LAT, 103, 9.9));
        assertEquals(0, index.nearest(LON, LAT, 103, 10.0 + 1e-9));
        double[] q = offset(0, 30); // 5 m from b, ~31.6 m from a
        assertEquals(1, index.nearest(q[0], q[1], 103, 30));
    }

    @Test
    void unknownClassBadPointAndBadRadiusGiveMinusOne() {
        NearestComponentIndex index = threeCovers();
        assertEquals(-1, index.nearest(LON, LAT, 304, 1000));
        assertEquals(-1, index.nearest(LON, LAT, 10_000, 1000));
        assertEquals(-1, index.nearest(Double.NaN, LAT, 103, 30));
        assertEquals(-1, index.nearest(LON, LAT, 103, Double.NaN));
        assertEquals(-1, index.nearest(LON, LAT, 103, -1));
    }

    @Test
    void equalDistancesGoToTheLowerId() {
        double[] east = offset(12, 0);
        double[] west = offset(-12, 0);
        NearestComponentIndex index = NearestComponentIndex.build(
                new long[] {3702020103000009L, 3702020103000004L},
                new int[] {103, 103},
                new double[] {east[0], west[0]},
                new double[] {LAT, LAT});
        assertEquals(1, index.nearest(LON, LAT, 103, 30));
    }

    @Test
    void positionLooksUpIds() {
        NearestComponentIndex index = threeCovers();
        assertEquals(1, index.position(3702020103000002L));
        assertEquals(-1, index.position(3702020103000003L));
        assertEquals(3, index.size());
        assertEquals(offset(0, 25)[1], index.lat(1), 0);
        assertEquals(offset(0, 25)[0], index.lon(1), 0);
    }

    @Test
    void badComponentsAreRejectedWithTheirId() {
        assertEquals("component 7 at position 1: bad coordinates 200.0, 36.0",
                assertThrows(IllegalArgumentException.class, () -> NearestComponentIndex.build(
                        new long[] {6, 7}, new int[] {103, 103}, new double[] {120, 200}, new double[] {36, 36})).getMessage());
        assertEquals("component 6 at position 0: class 12345 is not a 4-digit code",
                assertThrows(IllegalArgumentException.class, () -> NearestComponentIndex.build(
                        new long[] {6}, new int[] {12345}, new double[] {120}, new double[] {36})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> NearestComponentIndex.build(
                new long[] {6, 6}, new int[] {103, 103}, new double[] {120, 120.1}, new double[] {36, 36}));
        assertThrows(IllegalArgumentException.class, () -> NearestComponentIndex.build(
                new long[] {6}, new int[] {103, 104}, new double[] {120}, new double[] {36}));
    }

    @Test
    void emptyIndexFindsNothing() {
        NearestComponentIndex index = NearestComponentIndex.build(new long[0], new int[0], new double[0], new double[0]);
        assertEquals(-1, index.nearest(LON, LAT, 103, 30));
        assertEquals(-1, index.position(1));
    }

    @Test
    void ringCountGrowsWithRadius() {
        NearestComponentIndex index = threeCovers();
        assertEquals(1, index.ringsFor(30), "a 30 m query at res 10 reads one ring");
        assertEquals(2, index.ringsFor(64), "res-10 edges around Qingdao are 60-69 m");
        assertTrue(index.ringsFor(200) > index.ringsFor(30));
    }

    /** Every answer equals a brute-force scan, for dense clusters and radii across ring boundaries. */
    @Test
    void agreesWithBruteForceOnClusteredData() {
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 20_000;
        long[] ids = new long[n];
        int[] cls = new int[n];
        double[] lon = new double[n];
        double[] lat = new double[n];
        for (int i = 0; i < n; i++) {
            // 40 street clusters of ~800 m with 5 classes: many same-class neighbours per cell.
            int cluster = rnd.nextInt(40);
            double[] c = offset((cluster % 8) * 900 + rnd.nextDouble(800), (cluster / 8) * 900 + rnd.nextDouble(800));
            ids[i] = 3702020100000001L + rnd.nextInt(1_000_000) * 1_000_000L + i;
            cls[i] = 101 + rnd.nextInt(5);
            lon[i] = c[0];
            lat[i] = c[1];
        }
        for (int res : new int[] {9, 10}) {
            NearestComponentIndex index = NearestComponentIndex.build(ids, cls, lon, lat, res);
            for (int q = 0; q < 3000; q++) {
                double[] p = offset(rnd.nextDouble(-100, 7400), rnd.nextDouble(-100, 4600));
                int c = 101 + rnd.nextInt(5);
                double radius = new double[] {5, 30, 64, 150, 400}[q % 5];
                int expected = -1;
                double bestD = Double.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    if (cls[i] != c) {
                        continue;
                    }
                    double d = Distances.meters(p[0], p[1], lon[i], lat[i]);
                    if (d <= radius && (d < bestD || (d == bestD && ids[i] < ids[expected]))) {
                        bestD = d;
                        expected = i;
                    }
                }
                int got = index.nearest(p[0], p[1], c, radius);
                if (got != expected && got >= 0 && expected >= 0) {
                    // Only a sub-micrometre disagreement between the two distance formulas is tolerable.
                    double dGot = Distances.meters(p[0], p[1], lon[got], lat[got]);
                    assertEquals(bestD, dGot, 1e-6, "query " + q + " res " + res);
                } else {
                    assertEquals(expected, got, "query " + q + " radius " + radius + " res " + res);
                }
            }
        }
    }
}
