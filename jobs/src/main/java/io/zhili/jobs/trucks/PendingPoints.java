package io.zhili.jobs.trucks;

import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.LidState;
import java.util.Arrays;

/**
 * One truck's reports that arrived but whose event time the watermark has not passed yet, kept in
 * event-time order so the rule engine sees the truck's trace sorted. Primitive columns rather than a
 * list of objects: the buffer lives in keyed state for every truck and is rewritten on every report.
 * Reports with equal timestamps keep their arrival order (the engine counts the later as a duplicate).
 *
 * <p>A Flink POJO (public fields, no-argument constructor). Not thread-safe: owned by one key.
 */
public class PendingPoints {
    private static final LidState[] LIDS = LidState.values();

    public int size;
    public long[] ts = new long[4];
    public double[] lon = new double[4];
    public double[] lat = new double[4];
    public double[] speedKmh = new double[4];
    public double[] heading = new double[4];
    public double[] loadT = new double[4];
    public byte[] lid = new byte[4];

    public PendingPoints() {
    }

    /** Inserts {@code p} after every buffered report with a timestamp ≤ its own. */
    public void add(GpsPoint p) {
        if (size == ts.length) {
            grow();
        }
        int i = size;
        while (i > 0 && ts[i - 1] > p.ts()) {
            i--;
        }
        if (i < size) {
            int n = size - i;
            System.arraycopy(ts, i, ts, i + 1, n);
            System.arraycopy(lon, i, lon, i + 1, n);
            System.arraycopy(lat, i, lat, i + 1, n);
            System.arraycopy(speedKmh, i, speedKmh, i + 1, n);
            System.arraycopy(heading, i, heading, i + 1, n);
            System.arraycopy(loadT, i, loadT, i + 1, n);
            System.arraycopy(lid, i, lid, i + 1, n);
        }
        ts[i] = p.ts();
        lon[i] = p.lon();
        lat[i] = p.lat();
        speedKmh[i] = p.speedKmh();
        heading[i] = p.heading();
        loadT[i] = p.loadT();
        lid[i] = (byte) p.lid().ordinal();
        size++;
    }

    /** The {@code i}-th buffered report of truck {@code truckId}. */
    public GpsPoint get(String truckId, int i) {
        return new GpsPoint(truckId, ts[i], lon[i], lat[i], speedKmh[i], heading[i], LIDS[lid[i]], loadT[i]);
    }

    /** Removes the first {@code n} reports. */
    public void dropFirst(int n) {
        int rest = size - n;
        System.arraycopy(ts, n, ts, 0, rest);
        System.arraycopy(lon, n, lon, 0, rest);
        System.arraycopy(lat, n, lat, 0, rest);
        System.arraycopy(speedKmh, n, speedKmh, 0, rest);
        System.arraycopy(heading, n, heading, 0, rest);
        System.arraycopy(loadT, n, loadT, 0, rest);
        System.arraycopy(lid, n, lid, 0, rest);
        size = rest;
    }

    private void grow() {
        int n = ts.length * 2;
        ts = Arrays.copyOf(ts, n);
        lon = Arrays.copyOf(lon, n);
        lat = Arrays.copyOf(lat, n);
        speedKmh = Arrays.copyOf(speedKmh, n);
        heading = Arrays.copyOf(heading, n);
        loadT = Arrays.copyOf(loadT, n);
        lid = Arrays.copyOf(lid, n);
    }
}
