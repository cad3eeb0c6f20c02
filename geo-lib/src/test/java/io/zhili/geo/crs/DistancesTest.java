package io.zhili.geo.crs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DistancesTest {
    /**
     * The WGS-84 ellipsoidal geodesic by Vincenty's inverse formula (0.5 mm accuracy, 1975), written
     * here as an independent reference.
     */
    private static double geodesic(double lon1, double lat1, double lon2, double lat2) {
        double a = 6378137.0;
        double f = 1 / 298.257223563;
        double b = a * (1 - f);
        double bigL = Math.toRadians(lon2 - lon1);
        double u1 = Math.atan((1 - f) * Math.tan(Math.toRadians(lat1)));
        double u2 = Math.atan((1 - f) * Math.tan(Math.toRadians(lat2)));
        double sinU1 = Math.sin(u1);
        double cosU1 = Math.cos(u1);
        double sinU2 = Math.sin(u2);
        double cosU2 = Math.cos(u2);
        double lambda = bigL;
        double sinSigma;
        double cosSigma;
        double sigma;
        double cos2Alpha;
        double cos2SigmaM;
        double lambdaPrev;
        int iterations = 0;
        do {
            double sinLambda = Math.sin(lambda);
            double cosLambda = Math.cos(lambda);
            sinSigma = Math.sqrt(Math.pow(cosU2 * sinLambda, 2) + Math.pow(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda, 2));
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            sigma = Math.atan2(sinSigma, cosSigma);
            double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cos2Alpha = 1 - sinAlpha * sinAlpha;
            cos2SigmaM = cosSigma - 2 * sinU1 * sinU2 / cos2Alpha;
            double c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
            lambdaPrev = lambda;
            lambda = bigL + (1 - c) * f * sinAlpha
                    * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        } while (Math.abs(lambda - lambdaPrev) > 1e-12 && ++iterations < 200);
        double uSq = cos2Alpha * (a * a - b * b) / (b * b);
        double bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        double bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        double deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return b * bigA * (sigma - deltaSigma);
    }

    @Test
    void vincentyReferenceMatchesPublishedFlindersPeakToBuninyong() {
        // Geoscience Australia's worked example (GRS80, same to 0.1 mm here): 54 972.271 m.
        assertEquals(54972.271, geodesic(144.424867889, -37.951033417, 143.926495528, -37.652821139), 0.01);
    }

    @Test
    void metresPerDegreeMatchWgs84ReferenceValues() {
        // Published WGS-84 values: 110 574.3 m per degree of latitude at the equator, 111 693.9 m at the pole
        // (meridional arc), 111 319.5 m per degree of longitude at the equator.
        assertEquals(110574.3, Distances.metersPerDegreeLat(0), 0.1);
        assertEquals(111693.9, Distances.metersPerDegreeLat(90), 0.1);
        assertEquals(111319.5, Distances.metersPerDegreeLon(0), 0.1);
        assertEquals(0.0, Distances.metersPerDegreeLon(90), 1e-9);
    }

    @Test
    void thirtyMetresInQingdaoIsWithinOneCentimetre() {
        double lon = 120.38;
        double lat = 36.07;
        double dLat = 30.0 / Distances.metersPerDegreeLat(lat);
        assertEquals(geodesic(lon, lat, lon, lat + dLat), Distances.meters(lon, lat, lon, lat + dLat), 0.01);
        assertEquals(30.0, geodesic(lon, lat, lon, lat + dLat), 0.01);
    }

    @Test
    void cityScaleDistancesAreWithinOneHundredthOfAPerCent() {
        double[][] pairs = {
            {120.38, 36.07, 120.45, 36.12},   // ~8.5 km across Shinan/Laoshan
            {120.0, 35.9, 120.9, 36.6},       // ~112 km, Huangdao to Jimo
            {120.38, 36.07, 120.3801, 36.0701},
            {116.39, 39.90, 116.41, 39.92},
        };
        for (double[] p : pairs) {
            double ref = geodesic(p[0], p[1], p[2], p[3]);
            double got = Distances.meters(p[0], p[1], p[2], p[3]);
            assertEquals(ref, got, ref * 1e-4, java.util.Arrays.toString(p));
        }
    }

    @Test
    void provinceScaleDistanceIsWithinHalfAPerCent() {
        double ref = geodesic(120.38, 36.07, 117.0, 36.65); // Qingdao to Jinan, ~ 310 km
        assertEquals(ref, Distances.meters(120.38, 36.07, 117.0, 36.65), ref * 0.005);
    }

    @Test
    void longitudeDifferenceWrapsAtAntimeridian() {
        assertEquals(Distances.meters(-179.999, 0, 179.999, 0), Distances.metersPerDegreeLon(0) * 0.002, 1e-6);
    }
}
