package io.zhili.geo.crs;

/**
 * Fast ground distances for hot paths (nearest-component search, GPS jumps, stop detection).
 *
 * <p>{@link #meters} uses the local flat-earth approximation on the WGS-84 ellipsoid: the north and
 * east offsets are scaled by the meridional and prime-vertical radii of curvature at the mean
 * latitude. Against the exact geodesic it errs by under 0.01 % up to 50 km apart (the scale of a
 * city) and under 0.5 % up to about 500 km away from the poles; it is not meant for intercontinental
 * distances. Longitude differences are wrapped into -180..180.
 *
 * <p>All angles are degrees, distances metres. Stateless and thread-safe; non-finite input gives NaN.
 */
public final class Distances {
    private static final double A = 6378137.0;
    private static final double E2 = 6.69437999014e-3;
    private static final double RAD = Math.PI / 180.0;

    private Distances() {
    }

    /** Ground distance in metres between two lon/lat points. */
    public static double meters(double lon1, double lat1, double lon2, double lat2) {
        double meanLat = (lat1 + lat2) * 0.5 * RAD;
        double sin = Math.sin(meanLat);
        double w2 = 1.0 - E2 * sin * sin;
        double w = Math.sqrt(w2);
        double n = A / w;
        double m = A * (1.0 - E2) / (w2 * w);
        double dLon = lon2 - lon1;
        if (dLon > 180.0) {
            dLon -= 360.0;
        } else if (dLon < -180.0) {
            dLon += 360.0;
        }
        double dx = n * Math.cos(meanLat) * dLon * RAD;
        double dy = m * (lat2 - lat1) * RAD;
        return Math.sqrt(dx * dx + dy * dy);
    }

    /** Metres per degree of longitude along the parallel at {@code lat} (0 at the poles). */
    public static double metersPerDegreeLon(double lat) {
        double phi = lat * RAD;
        double sin = Math.sin(phi);
        return A / Math.sqrt(1.0 - E2 * sin * sin) * Math.cos(phi) * RAD;
    }

    /** Metres per degree of latitude along the meridian at {@code lat} (110 574 m at the equator). */
    public static double metersPerDegreeLat(double lat) {
        double sin = Math.sin(lat * RAD);
        double w2 = 1.0 - E2 * sin * sin;
        return A * (1.0 - E2) / (w2 * Math.sqrt(w2)) * RAD;
    }
}
