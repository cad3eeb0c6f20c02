package io.zhili.geo.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;

class FenceIndexTest {
    private static final GeometryFactory GF = new GeometryFactory();

    private static Geometry wkt(String s) throws Exception {
        return new WKTReader(GF).read(s);
    }

    /** Overlapping fences of very different sizes, a hole, a multipolygon and a sliver. */
    private static List<Geometry> layer() throws Exception {
        List<Geometry> areas = new ArrayList<>();
        areas.add(wkt("POLYGON ((120.300 36.100, 120.304 36.100, 120.304 36.103, 120.300 36.103, 120.300 36.100))"));
        areas.add(wkt("POLYGON ((120.302 36.101, 120.306 36.1005, 120.307 36.104, 120.3025 36.1045, 120.302 36.101))"));
        areas.add(wkt("POLYGON ((120.29 36.09, 120.33 36.09, 120.33 36.12, 120.29 36.12, 120.29 36.09),"
                + " (120.295 36.095, 120.32 36.095, 120.32 36.115, 120.295 36.115, 120.295 36.095))"));
        areas.add(wkt("MULTIPOLYGON (((120.310 36.100, 120.312 36.100, 120.311 36.102, 120.310 36.100)),"
                + " ((120.313 36.100, 120.316 36.100, 120.316 36.101, 120.313 36.101, 120.313 36.100)))"));
        areas.add(wkt("POLYGON ((120.300 36.1060, 120.310 36.1060, 120.310 36.10601, 120.300 36.10601, 120.300 36.1060))"));
        for (int i = 0; i < 40; i++) {
            double x = 120.29 + 0.001 * i;
            double y = 36.09 + 0.0007 * (i % 13);
            areas.add(wkt("POLYGON ((" + x + " " + y + ", " + (x + 0.003) + " " + y + ", " + (x + 0.003) + " " + (y + 0.0025)
                    + ", " + x + " " + (y + 0.0025) + ", " + x + " " + y + "))"));
        }
        return areas;
    }

    private static int bruteForce(List<Geometry> areas, double lon, double lat, FenceIndex.IntPredicate accept) {
        for (int i = 0; i < areas.size(); i++) {
            if (accept.test(i) && areas.get(i).covers(GF.createPoint(new Coordinate(lon, lat)))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void lowestContainingFenceEqualsJtsCoversEverywhere() throws Exception {
        List<Geometry> areas = layer();
        FenceIndex index = new FenceIndex(areas);
        Random random = new Random(7);
        int inside = 0;
        for (int k = 0; k < 60_000; k++) {
            double lon = 120.285 + 0.05 * random.nextDouble();
            double lat = 36.085 + 0.04 * random.nextDouble();
            int expected = bruteForce(areas, lon, lat, i -> true);
            assertEquals(expected, index.first(lon, lat, i -> true), lon + "," + lat);
            inside += expected >= 0 ? 1 : 0;
        }
        assertTrue(inside > 10_000, "the sample must hit the fences often: " + inside);
    }

    @Test
    void verticesEdgesAndRasterLinesAreDecidedExactly() throws Exception {
        List<Geometry> areas = layer();
        FenceIndex index = new FenceIndex(areas);
        List<Coordinate> probes = new ArrayList<>();
        for (Geometry g : areas) {
            Coordinate[] cs = g.getCoordinates();
            for (int i = 0; i + 1 < cs.length; i++) {
                probes.add(cs[i]);
                probes.add(new Coordinate((cs[i].x + cs[i + 1].x) / 2, (cs[i].y + cs[i + 1].y) / 2));
                probes.add(new Coordinate(Math.nextUp(cs[i].x), cs[i].y));
                probes.add(new Coordinate(Math.nextDown(cs[i].x), Math.nextDown(cs[i].y)));
            }
        }
        // Points exactly on raster lines: a regular sweep at the polygons' own decimal spacing.
        for (double lon = 120.29; lon <= 120.33; lon += 0.0005) {
            for (double lat = 36.09; lat <= 36.12; lat += 0.0005) {
                probes.add(new Coordinate(lon, lat));
            }
        }
        for (Coordinate c : probes) {
            assertEquals(bruteForce(areas, c.x, c.y, i -> true), index.first(c.x, c.y, i -> true), c.x + "," + c.y);
        }
    }

    @Test
    void acceptSkipsFencesButKeepsIndexOrder() throws Exception {
        List<Geometry> areas = layer();
        FenceIndex index = new FenceIndex(areas);
        // (120.3030, 36.1020) lies in fences 0 and 1 (and in the hole of 2).
        assertEquals(0, index.first(120.3030, 36.1020, i -> true));
        assertEquals(1, index.first(120.3030, 36.1020, i -> i != 0));
        assertEquals(bruteForce(areas, 120.3030, 36.1020, i -> i > 1), index.first(120.3030, 36.1020, i -> i > 1));
        Random random = new Random(11);
        for (int k = 0; k < 20_000; k++) {
            double lon = 120.285 + 0.05 * random.nextDouble();
            double lat = 36.085 + 0.04 * random.nextDouble();
            assertEquals(bruteForce(areas, lon, lat, i -> i % 3 != 0), index.first(lon, lat, i -> i % 3 != 0));
        }
    }

    @Test
    void mostCellsAreAnsweredWithoutGeometry() throws Exception {
        FenceIndex index = new FenceIndex(List.of(
                wkt("POLYGON ((120.300 36.100, 120.304 36.100, 120.304 36.103, 120.300 36.103, 120.300 36.100))")));
        // 16 cells across the longer side: 16 x 12 cells plus a partial ring; the inner 14 x 10 are whole.
        assertTrue(index.insideEntryCount() >= 140, "inside " + index.insideEntryCount() + " of " + index.cellCount());
        assertTrue(index.cellCount() <= 18 * 14, "cells " + index.cellCount());
    }

    @Test
    void emptyLayerContainsNothing() {
        FenceIndex index = new FenceIndex(List.of());
        assertEquals(-1, index.first(120.3, 36.1, i -> true));
        assertEquals(0, index.size());
    }

    @Test
    void aProvinceSizedZoneKeepsTheRasterBounded() throws Exception {
        FenceIndex index = new FenceIndex(List.of(
                wkt("POLYGON ((115 34, 123 34, 123 38, 115 38, 115 34))"),
                wkt("POLYGON ((120.300 36.100, 120.301 36.100, 120.301 36.101, 120.300 36.101, 120.300 36.100))")));
        assertTrue(index.cellCount() <= 2_000_000, "cells " + index.cellCount());
        assertEquals(0, index.first(120.3005, 36.1005, i -> true));
        assertEquals(1, index.first(120.3005, 36.1005, i -> i == 1));
        assertEquals(-1, index.first(123.5, 36, i -> true));
    }
}
