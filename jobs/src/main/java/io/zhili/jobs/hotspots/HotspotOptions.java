package io.zhili.jobs.hotspots;

import io.zhili.geo.util.Timestamps;
import java.io.Serializable;
import java.time.LocalDate;

/**
 * Every setting of the hotspot job, with the defaults of docs/CONTRACTS.md ("zhili hotspots"). Serializable: it travels with the
 * job graph to the task managers.
 */
public final class HotspotOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** H3 resolution of the base grid; rollups are computed for each coarser resolution in {@link #rollups}. */
    public int resolution = 9;
    public int[] rollups = {8, 7};
    public Period period = Period.MONTH;
    /** k of the k-ring neighbourhood of Gi*. */
    public int ringK = 1;
    /** Radius of the nearest same-class component join, metres. */
    public double nearestRadiusMeters = 30.0;
    /** A component recurs when it has at least this many cases ... */
    public int recurrenceMinCases = 3;
    /** ... within this many days. */
    public int recurrenceWindowDays = 30;
    /** Apply the Benjamini-Hochberg false discovery rate correction to hot_class. */
    public boolean fdr = false;
    /** Significance level of the Mann-Kendall trend used by the emerging patterns. */
    public double trendAlpha = 0.05;
    /**
     * Bounding box of the city, used to refuse far-away coordinates when no areas layer is given:
     * Qingdao's ten districts lie inside it with a margin.
     */
    public double minLon = 119.3;
    public double maxLon = 121.2;
    public double minLat = 35.3;
    public double maxLat = 37.2;
    /** Split CSV inputs into byte ranges of about this size for parallel reading. */
    public long splitBytes = 32L << 20;
    /** City division code used as the area of the CITY level. */
    public String cityCode = "370200";
    /**
     * The date window of a scheduled run: only cases reported in [{@code from}, {@code to}) local
     * (Asia/Shanghai) dates are counted, and the outputs are published as the window's partitions.
     * Both null (the default): every case, whole tables.
     */
    public LocalDate from;
    public LocalDate to;

    public boolean windowed() {
        return from != null;
    }

    /** Epoch milliseconds of local midnight starting {@code date}. */
    public static long localMidnight(LocalDate date) {
        return date.atStartOfDay(Timestamps.CITY_ZONE).toInstant().toEpochMilli();
    }

    public boolean insideCityBox(double lon, double lat) {
        return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
    }
}
