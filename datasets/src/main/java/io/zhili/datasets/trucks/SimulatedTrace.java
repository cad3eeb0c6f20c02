package io.zhili.datasets.trucks;

import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.LidState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One truck's clean reports in event order, already in the protocol's units (whole seconds,
 * 1e-6 degree, 0.1 km/h, whole degrees, 0.1 t) so that the JSON and JT/T 808 files carry identical
 * values, plus the violations planted in them. Primitive arrays: the full fleet holds about nine
 * million reports.
 */
final class SimulatedTrace {
    private static final LidState[] LIDS = LidState.values();
    final TruckSpec truck;
    final List<TruthEpisode> truth = new ArrayList<>();
    int size;
    long[] ts = new long[1024];
    int[] lonE6 = new int[1024];
    int[] latE6 = new int[1024];
    short[] speedDeci = new short[1024];
    short[] heading = new short[1024];
    byte[] lid = new byte[1024];
    /** Load in 0.1 t, or -1 when the truck has no load sensor. */
    short[] loadDeci = new short[1024];

    SimulatedTrace(TruckSpec truck) {
        this.truck = truck;
    }

    void add(long t, double lon, double lat, double speedKmh, int headingDeg, LidState lidState, double loadT) {
        if (size == ts.length) {
            int n = size * 2;
            ts = Arrays.copyOf(ts, n);
            lonE6 = Arrays.copyOf(lonE6, n);
            latE6 = Arrays.copyOf(latE6, n);
            speedDeci = Arrays.copyOf(speedDeci, n);
            heading = Arrays.copyOf(heading, n);
            lid = Arrays.copyOf(lid, n);
            loadDeci = Arrays.copyOf(loadDeci, n);
        }
        ts[size] = t;
        lonE6[size] = (int) Math.round(lon * 1e6);
        latE6[size] = (int) Math.round(lat * 1e6);
        speedDeci[size] = (short) Math.round(speedKmh * 10);
        heading[size] = (short) (((headingDeg % 360) + 360) % 360);
        lid[size] = (byte) lidState.ordinal();
        loadDeci[size] = Double.isNaN(loadT) ? -1 : (short) Math.round(Math.max(0, loadT) * 10);
        size++;
    }

    double lon(int i) {
        return lonE6[i] / 1e6;
    }

    double lat(int i) {
        return latE6[i] / 1e6;
    }

    double speed(int i) {
        return speedDeci[i] / 10.0;
    }

    double load(int i) {
        return loadDeci[i] < 0 ? Double.NaN : loadDeci[i] / 10.0;
    }

    GpsPoint point(int i) {
        return new GpsPoint(truck.plate(), ts[i], lon(i), lat(i), speed(i), heading[i], LIDS[lid[i]], load(i));
    }
}
