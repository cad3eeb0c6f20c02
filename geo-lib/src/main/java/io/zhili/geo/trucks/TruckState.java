package io.zhili.geo.trucks;

import io.zhili.geo.fence.RouteCorridor;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Everything the rules remember about one truck between reports: the last accepted report, one
 * open-episode slot per {@link RuleType} and the current stop. Plain public fields and primitive
 * arrays with a public no-argument constructor, so Flink's POJO serializer can keep it in a keyed
 * {@code ValueState} (and Java serialization works too).
 *
 * <p>Owned by one truck's key; not thread-safe. Only the engine and the rules change it.
 */
public class TruckState implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int RULES = RuleType.values().length;
    static final long NONE = Long.MIN_VALUE;

    /** The truck's key, set from its first report. */
    public String truckId;
    /** Event time of the last report seen, accepted or not (catches a duplicate of a rejected jump). */
    public long lastSeenTs = NONE;

    // The last accepted report.
    public long lastTs = NONE;
    public double lastLon;
    public double lastLat;
    public double lastSpeedKmh;
    public double lastLoadT = Double.NaN;
    public boolean lastAtSite;
    /** First valid permit at the last accepted report, or null. */
    public String lastPermitId;
    /** The last accepted report was loaded and moving: a silence after it is a SIGNAL_LOSS. */
    public boolean lastLoadedMoving;
    /** Consecutive reports rejected as jumps since the last accepted one. */
    public int jumpRun;
    /** {@link #lastTs} of the report after which SIGNAL_LOSS was already emitted, or NONE. */
    public long signalLossAfterTs = NONE;

    // One open episode per rule, indexed by RuleType.ordinal().
    public boolean[] open = new boolean[RULES];
    public long[] startTs = new long[RULES];
    public long[] endTs = new long[RULES];
    public int[] points = new int[RULES];
    public double[] lon = new double[RULES];
    public double[] lat = new double[RULES];
    /** Rule-specific evidence: max distance, max speed, tonnes lost... */
    public double[] measure = new double[RULES];
    /** Rule-specific second evidence value: e.g. the load before a spillage, 1 when a zone visit was loaded. */
    public double[] measure2 = new double[RULES];
    public String[] permitId = new String[RULES];
    public String[] ref = new String[RULES];

    // The current stop (ILLEGAL_DUMPING).
    public long stopStartTs = NONE;
    public long stopEndTs;
    public double stopLon;
    public double stopLat;
    public int stopPoints;
    public double stopLoadBeforeT = Double.NaN;
    public double stopLoadNowT = Double.NaN;
    public boolean stopAtSite;
    public String stopPermitId;

    /**
     * Per corridor of the truck's permits (in {@code ReferenceLayers.corridorsOf} order), the route
     * segment that last had the truck within its corridor ({@link RouteCorridor#distanceIfOutside}).
     * A speed-up only: any value, or none, gives the same answers.
     */
    public int[] corridorHints;

    public TruckState() {
    }

    /** {@link #corridorHints} sized for {@code corridors} corridors; reset when the permits changed. */
    int[] corridorHints(int corridors) {
        if (corridorHints == null || corridorHints.length != corridors) {
            corridorHints = new int[corridors];
            Arrays.fill(corridorHints, RouteCorridor.NO_HINT);
        }
        return corridorHints;
    }

    /** True when any episode or stop is open, i.e. the state holds evidence not yet emitted. */
    public boolean hasOpenEvidence() {
        if (stopStartTs != NONE) {
            return true;
        }
        for (boolean b : open) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** True before the first accepted report. */
    public boolean isEmpty() {
        return lastTs == NONE;
    }

    void openEpisode(RuleType r, long ts, double lon, double lat, String permit) {
        int i = r.ordinal();
        open[i] = true;
        startTs[i] = ts;
        endTs[i] = ts;
        points[i] = 1;
        this.lon[i] = lon;
        this.lat[i] = lat;
        measure[i] = 0;
        measure2[i] = 0;
        permitId[i] = permit;
        ref[i] = null;
    }

    void extendEpisode(RuleType r, long ts) {
        int i = r.ordinal();
        endTs[i] = ts;
        points[i]++;
    }

    void clearEpisode(RuleType r) {
        int i = r.ordinal();
        open[i] = false;
        permitId[i] = null;
        ref[i] = null;
    }

    void clearStop() {
        stopStartTs = NONE;
        stopPoints = 0;
        stopLoadBeforeT = Double.NaN;
        stopLoadNowT = Double.NaN;
        stopAtSite = false;
        stopPermitId = null;
    }

    @Override
    public String toString() {
        return "TruckState{lastTs=" + lastTs + ", open=" + Arrays.toString(open) + ", stopStartTs=" + stopStartTs + '}';
    }
}
