package io.zhili.bench;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.crs.Distances;
import java.util.SplittableRandom;

/**
 * A deterministic Qingdao-like component registry for benchmarks: components lie along street
 * grids around the urban districts' centres, weighted roughly by population, with a Zipf-like class
 * mix (manhole covers, lamps and trees dominate; rare classes have a few hundred items), and queries
 * that are case reports a few metres from a component of the class they name, plus a share of
 * reports with no matching component nearby.
 */
final class QingdaoComponents {
    /** District centre lon, lat, weight, radius km: Shinan, Shibei, Licang, Laoshan, Huangdao, Chengyang, Jimo, Jiaozhou, Pingdu, Laixi. */
    private static final double[][] DISTRICTS = {
        {120.395, 36.067, 10, 4}, {120.375, 36.090, 14, 4}, {120.430, 36.160, 10, 5}, {120.470, 36.105, 9, 6},
        {120.180, 35.960, 18, 9}, {120.395, 36.305, 11, 7}, {120.450, 36.390, 9, 7}, {120.030, 36.280, 8, 6},
        {119.960, 36.785, 6, 5}, {120.520, 36.860, 5, 5},
    };
    static final int CLASSES = 102;

    final long[] ids;
    final int[] minorClass;
    final double[] lon;
    final double[] lat;
    /** The 102 component subclass codes of the shipped catalog (0101..0138, 0190, 0191, 0201..0217, ...). */
    final int[] classCodes;

    QingdaoComponents(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        classCodes = classCodes();
        double[] classCdf = zipfCdf(CLASSES, 1.1);
        double[] districtCdf = new double[DISTRICTS.length];
        double total = 0;
        for (int d = 0; d < DISTRICTS.length; d++) {
            total += DISTRICTS[d][2];
            districtCdf[d] = total;
        }
        ids = new long[n];
        minorClass = new int[n];
        lon = new double[n];
        lat = new double[n];
        int[] serial = new int[10_000];
        for (int i = 0; i < n; i++) {
            int d = pick(districtCdf, rnd.nextDouble() * total);
            double[] c = DISTRICTS[d];
            double kx = Distances.metersPerDegreeLon(c[1]);
            double ky = Distances.metersPerDegreeLat(c[1]);
            // Density falls off from the centre; components sit on a 150 m street grid, either side of the road.
            double r = Math.abs(rnd.nextGaussian()) * c[3] * 1000 / 2;
            double a = rnd.nextDouble(2 * Math.PI);
            double x = r * Math.cos(a);
            double y = r * Math.sin(a);
            if (rnd.nextBoolean()) {
                x = Math.round(x / 150) * 150 + rnd.nextGaussian() * 8;
            } else {
                y = Math.round(y / 150) * 150 + rnd.nextGaussian() * 8;
            }
            int cls = classCodes[pick(classCdf, rnd.nextDouble())];
            minorClass[i] = cls;
            lon[i] = c[0] + x / kx;
            lat[i] = c[1] + y / ky;
            int division = 370202 + d; // well-formed division codes, one per district
            // Serials count per class over the whole city, so ids are unique (the largest class has ~440 k).
            ids[i] = division * 10_000_000_000L + cls * 1_000_000L + ++serial[cls];
        }
    }

    /**
     * {@code count} queries as {lon[], lat[], class[]}: 80 % are a case a few metres (GPS noise,
     * sigma 8 m) from a component of the named class, 20 % a random class at a random component's place.
     */
    double[][] queries(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] qLon = new double[count];
        double[] qLat = new double[count];
        double[] qCls = new double[count];
        for (int q = 0; q < count; q++) {
            int i = rnd.nextInt(ids.length);
            double kx = Distances.metersPerDegreeLon(lat[i]);
            double ky = Distances.metersPerDegreeLat(lat[i]);
            qLon[q] = lon[i] + rnd.nextGaussian() * 8 / kx;
            qLat[q] = lat[i] + rnd.nextGaussian() * 8 / ky;
            qCls[q] = rnd.nextInt(5) == 0 ? classCodes[rnd.nextInt(CLASSES)] : minorClass[i];
        }
        return new double[][] {qLon, qLat, qCls};
    }

    private static int[] classCodes() {
        // The shipped catalog's component subclasses: 85 national and 17 of Qingdao's local ones.
        int[] codes = ClassCatalog.standard().minors(ClassKind.COMPONENT).stream()
                .mapToInt(c -> Integer.parseInt(c.code())).toArray();
        if (codes.length != CLASSES) {
            throw new IllegalStateException("expected " + CLASSES + " component subclasses, the catalog has " + codes.length);
        }
        return codes;
    }

    private static double[] zipfCdf(int n, double exponent) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, exponent);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private static int pick(double[] cdf, double u) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
