package io.zhili.geo.crs;

/**
 * GCJ-02, the obfuscated datum of Chinese web maps (AMap, Tencent, WeChat mini-program locations),
 * and its conversion from and to WGS-84.
 *
 * <p>The forward transform is the widely published formula (Krasovsky 1940 ellipsoid parameters,
 * {@code a = 6378245 m}, {@code e² = 0.00669342162296594323}); around Qingdao it moves a point by
 * 300–600 m. There is no closed-form inverse: {@link #toWgs84} iterates the forward transform until the
 * residual is below 1e-9 degrees (about 0.1 mm), far inside the 0.01 m contract.
 *
 * <p>Points {@link #outsideChina outside China's bounding box} are returned unchanged, as every
 * implementation of the formula does. All coordinates are degrees, longitude first. Stateless and
 * thread-safe. Non-finite input gives non-finite output.
 */
public final class Gcj02 {
    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    private static final double INVERSE_TOLERANCE_DEG = 1e-9;
    private static final int INVERSE_MAX_ITERATIONS = 30;

    private Gcj02() {
    }

    /** WGS-84 {@code (lon, lat)} to GCJ-02 {@code {lon, lat}}. */
    public static double[] fromWgs84(double lon, double lat) {
        if (outsideChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        double[] d = offset(lon, lat);
        return new double[] {lon + d[0], lat + d[1]};
    }

    /** GCJ-02 {@code (lon, lat)} to WGS-84 {@code {lon, lat}}, error below 0.01 m. */
    public static double[] toWgs84(double lon, double lat) {
        if (outsideChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        // Fixed-point iteration w <- w - (f(w) - g): the offset varies slowly (gradient ~1e-5),
        // so each step gains about five digits and 3-4 steps reach the tolerance.
        double wLon = lon;
        double wLat = lat;
        for (int i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
            double[] d = offset(wLon, wLat);
            double errLon = wLon + d[0] - lon;
            double errLat = wLat + d[1] - lat;
            wLon -= errLon;
            wLat -= errLat;
            if (Math.abs(errLon) < INVERSE_TOLERANCE_DEG && Math.abs(errLat) < INVERSE_TOLERANCE_DEG) {
                break;
            }
        }
        return new double[] {wLon, wLat};
    }

    /**
     * Whether the point lies outside the rough bounding box of China where GCJ-02 applies
     * (longitude 72.004..137.8347, latitude 0.8293..55.8271); non-finite points count as outside.
     */
    public static boolean outsideChina(double lon, double lat) {
        return !(lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271);
    }

    /** The GCJ-02 offset {dLon, dLat} in degrees at a WGS-84 point inside China. */
    private static double[] offset(double lon, double lat) {
        double x = lon - 105.0;
        double y = lat - 35.0;
        double dLat = transformLat(x, y);
        double dLon = transformLon(x, y);
        double radLat = Math.toRadians(lat);
        double sin = Math.sin(radLat);
        double magic = 1 - EE * sin * sin;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {dLon, dLat};
    }

    private static double transformLat(double x, double y) {
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double transformLon(double x, double y) {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}
