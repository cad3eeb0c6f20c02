package io.zhili.geo.crs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class Cgcs2000GaussKrugerTest {
    private final Cgcs2000GaussKruger gk = Cgcs2000GaussKruger.get();

    /**
     * Krüger's n-series for the transverse Mercator (to n³, sub-millimetre within 3° of the central
     * meridian) on the CGCS2000 ellipsoid, written here independently of GeoTools as the reference.
     */
    private static double[] kruger(double lon, double lat) {
        double a = 6378137.0;
        double f = 1 / 298.257222101;
        double n = f / (2 - f);
        double bigA = a / (1 + n) * (1 + n * n / 4 + n * n * n * n / 64);
        double[] alpha = {n / 2 - 2 * n * n / 3 + 5 * n * n * n / 16, 13 * n * n / 48 - 3 * n * n * n / 5, 61 * n * n * n / 240};
        double e = 2 * Math.sqrt(n) / (1 + n);
        double phi = Math.toRadians(lat);
        double dl = Math.toRadians(lon - 120);
        double t = Math.sinh(atanh(Math.sin(phi)) - e * atanh(e * Math.sin(phi)));
        double xi = Math.atan2(t, Math.cos(dl));
        double eta = atanh(Math.sin(dl) / Math.sqrt(1 + t * t));
        double x = eta;
        double y = xi;
        for (int j = 1; j <= 3; j++) {
            x += alpha[j - 1] * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
            y += alpha[j - 1] * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
        }
        return new double[] {500000 + bigA * x, bigA * y};
    }

    private static double atanh(double v) {
        return 0.5 * Math.log((1 + v) / (1 - v));
    }

    @Test
    void pointOnCentralMeridianHasFalseEastingAndMeridianArcNorthing() {
        double[] p = gk.project(120.0, 36.0);
        assertEquals(500000.000, p[0], 0.0005);
        assertEquals(3985542.670, p[1], 0.001);
    }

    @Test
    void qingdaoPointsMatchKrugerSeriesToOneMillimetre() {
        double[][] points = {{120.38, 36.07}, {121.5, 37.0}, {119.6, 35.6}, {120.9, 36.4}};
        for (double[] ll : points) {
            double[] expected = kruger(ll[0], ll[1]);
            double[] p = gk.project(ll[0], ll[1]);
            assertEquals(expected[0], p[0], 0.001, "easting at " + ll[0] + "," + ll[1]);
            assertEquals(expected[1], p[1], 0.001, "northing at " + ll[0] + "," + ll[1]);
        }
        // Values of the reference itself, so that a broken reference cannot hide a broken projection.
        assertEquals(534231.975, kruger(120.38, 36.07)[0], 0.001);
        assertEquals(3993376.682, kruger(120.38, 36.07)[1], 0.001);
    }

    @Test
    void unprojectInvertsProjectToMicrodegrees() {
        double[] p = gk.project(120.38, 36.07);
        double[] ll = gk.unproject(p[0], p[1]);
        assertEquals(120.38, ll[0], 1e-9);
        assertEquals(36.07, ll[1], 1e-9);
    }

    @Test
    void geometryProjectionCarriesSridAndMetricLength() throws ParseException {
        Geometry line = new WKTReader().read("LINESTRING (120.38 36.07, 120.39 36.07)");
        Geometry projected = gk.project(line);
        assertEquals(Cgcs2000GaussKruger.SRID, projected.getSRID());
        // 0.01° of longitude at 36.07°N is 901.3 m on the ellipsoid; GK scale 0.38° off the CM adds ~18 ppm.
        assertEquals(Distances.metersPerDegreeLon(36.07) * 0.01, projected.getLength(), 0.05);
        Geometry back = gk.unproject(projected);
        assertEquals(4326, back.getSRID());
        Point start = ((org.locationtech.jts.geom.LineString) back).getStartPoint();
        assertEquals(120.38, start.getX(), 1e-9);
        assertEquals(36.07, start.getY(), 1e-9);
    }
}
