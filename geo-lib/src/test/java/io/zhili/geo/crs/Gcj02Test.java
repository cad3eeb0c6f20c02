package io.zhili.geo.crs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Gcj02Test {
    /** 1e-9° is about 0.1 mm: the published pairs agree to the last printed digits. */
    private static final double EXACT = 1e-9;

    // Pairs published with googollee/eviltransform's test suite (wgsLat, wgsLng, gcjLat, gcjLng).
    @Test
    void fromWgs84MatchesPublishedShanghaiPair() {
        assertArrayEquals(new double[] {121.531541859215, 31.17530398364597}, Gcj02.fromWgs84(121.5272106, 31.1774276), EXACT);
    }

    @Test
    void fromWgs84MatchesPublishedShenzhenPair() {
        assertArrayEquals(new double[] {113.9171764808363, 22.540796131694766}, Gcj02.fromWgs84(113.912316, 22.543847), EXACT);
    }

    @Test
    void fromWgs84MatchesPublishedBeijingPair() {
        assertArrayEquals(new double[] {116.38404722455657, 39.91334545536069}, Gcj02.fromWgs84(116.377817, 39.911954), EXACT);
    }

    // wandergis/coordtransform README: wgs84togcj02(116.404, 39.915).
    @Test
    void fromWgs84MatchesCoordtransformExample() {
        assertArrayEquals(new double[] {116.41024449916938, 39.91640428150164}, Gcj02.fromWgs84(116.404, 39.915), EXACT);
    }

    @Test
    void toWgs84InvertsPublishedPairsWithinOneCentimetre() {
        double[][] pairs = {
            {121.5272106, 31.1774276, 121.531541859215, 31.17530398364597},
            {113.912316, 22.543847, 113.9171764808363, 22.540796131694766},
            {116.377817, 39.911954, 116.38404722455657, 39.91334545536069},
        };
        for (double[] p : pairs) {
            double[] wgs = Gcj02.toWgs84(p[2], p[3]);
            assertTrue(Distances.meters(wgs[0], wgs[1], p[0], p[1]) < 0.01, "inverse error < 0.01 m");
        }
    }

    @Test
    void toWgs84IsBelowOneCentimetreAcrossQingdao() {
        for (double lon = 119.5; lon <= 121.0; lon += 0.05) {
            for (double lat = 35.5; lat <= 37.1; lat += 0.05) {
                double[] gcj = Gcj02.fromWgs84(lon, lat);
                double[] back = Gcj02.toWgs84(gcj[0], gcj[1]);
                assertTrue(Distances.meters(back[0], back[1], lon, lat) < 0.01, "at " + lon + "," + lat);
            }
        }
    }

    @Test
    void offsetAroundQingdaoIsThreeToSixHundredMetres() {
        double[] gcj = Gcj02.fromWgs84(120.38, 36.07);
        double m = Distances.meters(120.38, 36.07, gcj[0], gcj[1]);
        assertTrue(m > 300 && m < 600, "offset " + m + " m");
    }

    @Test
    void pointsOutsideChinaAreUnchanged() {
        assertTrue(Gcj02.outsideChina(2.35, 48.85));
        assertTrue(Gcj02.outsideChina(139.69, 35.68)); // Tokyo: east of the box
        assertFalse(Gcj02.outsideChina(120.38, 36.07));
        assertArrayEquals(new double[] {2.35, 48.85}, Gcj02.fromWgs84(2.35, 48.85), 0);
        assertArrayEquals(new double[] {2.35, 48.85}, Gcj02.toWgs84(2.35, 48.85), 0);
        assertEquals(Double.NaN, Gcj02.fromWgs84(Double.NaN, 36)[0]);
    }
}
