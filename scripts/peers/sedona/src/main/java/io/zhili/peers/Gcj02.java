package io.zhili.peers;

/**
 * GCJ-02 ("Mars coordinates") to WGS-84, the published offset polynomial inverted by fixed-point iteration
 * to 1e-9 degrees, as the PostGIS peer's PL/pgSQL does; positions outside China are returned unchanged.
 */
final class Gcj02 {
    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;

    private Gcj02() {
    }

    static double[] toWgs84(double lon, double lat) {
        if (!(lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271)) {
            return new double[] {lon, lat};
        }
        double wlon = lon;
        double wlat = lat;
        for (int i = 0; i < 30; i++) {
            double[] d = offset(wlon, wlat);
            double elon = wlon + d[0] - lon;
            double elat = wlat + d[1] - lat;
            wlon -= elon;
            wlat -= elat;
            if (Math.abs(elon) < 1e-9 && Math.abs(elat) < 1e-9) {
                break;
            }
        }
        return new double[] {wlon, wlat};
    }

    /** GCJ-02 offset at a WGS-84 position: {dlon, dlat} in degrees. */
    static double[] offset(double lon, double lat) {
        double x = lon - 105.0;
        double y = lat - 35.0;
        double pi = Math.PI;
        double dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
                + (20.0 * Math.sin(6.0 * x * pi) + 20.0 * Math.sin(2.0 * x * pi)) * 2.0 / 3.0
                + (20.0 * Math.sin(y * pi) + 40.0 * Math.sin(y / 3.0 * pi)) * 2.0 / 3.0
                + (160.0 * Math.sin(y / 12.0 * pi) + 320 * Math.sin(y * pi / 30.0)) * 2.0 / 3.0;
        double dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
                + (20.0 * Math.sin(6.0 * x * pi) + 20.0 * Math.sin(2.0 * x * pi)) * 2.0 / 3.0
                + (20.0 * Math.sin(x * pi) + 40.0 * Math.sin(x / 3.0 * pi)) * 2.0 / 3.0
                + (150.0 * Math.sin(x / 12.0 * pi) + 300.0 * Math.sin(x / 30.0 * pi)) * 2.0 / 3.0;
        double rad = Math.toRadians(lat);
        double magic = 1 - EE * Math.sin(rad) * Math.sin(rad);
        double sq = Math.sqrt(magic);
        return new double[] {(dlon * 180.0) / (A / sq * Math.cos(rad) * pi),
                (dlat * 180.0) / ((A * (1 - EE)) / (magic * sq) * pi)};
    }
}
