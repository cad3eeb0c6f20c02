package io.zhili.geo.trucks;

/**
 * What the engine works out once about an accepted report before the rules look at it: the
 * thresholds applied (loaded, moving, stopped), where it is (site, active zone) and what the
 * truck's permits say (valid permits, hours, distance from the corridors). The previous accepted
 * report is still in {@link TruckState} while the rules run.
 *
 * <p>One mutable instance per engine, refilled for every report: not thread-safe.
 */
public final class PointFacts {
    GpsPoint point;
    boolean loaded;
    boolean moving;
    boolean stopped;
    /** Position in the site index, or -1. */
    int site;
    /** Position of an active restricted zone containing the point, or -1. */
    int zone;
    String zoneId;
    /** Valid permits of the truck on the report's local date. */
    int validPermits;
    /** First valid permit, or null. */
    String permitId;
    /** Some valid permit's hours include the report time. */
    boolean withinPermitHours;
    /** Deviation evaluated (loaded, moving, not at a site, some valid permit). */
    boolean deviationChecked;
    /** Outside every valid corridor (only when {@link #deviationChecked}). */
    boolean outsideCorridors;
    /** Distance to the nearest valid route when outside, metres. */
    double routeDistanceM;
    /** Permit of the nearest valid route when outside. */
    String nearestPermitId;
    /** The previous accepted report exists and follows without a break (no episode gap, no re-anchor). */
    boolean hasPrevious;
    /** Milliseconds since the previous accepted report, or -1 for a truck's first report. */
    long sincePreviousMs;
    /** This report was accepted after {@link RuleConfig#jumpReanchorPoints()} jump rejections. */
    boolean reanchored;
    /** Corridor half-width of the nearest valid route when outside, metres. */
    double nearestCorridorM;

    public GpsPoint point() {
        return point;
    }

    public boolean loaded() {
        return loaded;
    }

    public boolean moving() {
        return moving;
    }

    public boolean stopped() {
        return stopped;
    }

    /** Position in the site index of the site the report is at, or -1. */
    public int site() {
        return site;
    }

    public boolean atSite() {
        return site >= 0;
    }

    /** Id of an active restricted zone containing the report, or null. */
    public String zoneId() {
        return zoneId;
    }

    public int validPermits() {
        return validPermits;
    }

    /** First valid permit of the truck on the report's local date, or null. */
    public String permitId() {
        return permitId;
    }

    public boolean withinPermitHours() {
        return withinPermitHours;
    }

    /** True when the report is loaded, at no site, with a valid permit, and outside every valid corridor. */
    public boolean outsideCorridors() {
        return deviationChecked && outsideCorridors;
    }

    /** Distance to the nearest valid route in metres when {@link #outsideCorridors()}, else NaN. */
    public double routeDistanceM() {
        return routeDistanceM;
    }

    /** Milliseconds since the truck's previous accepted report, -1 for its first. */
    public long sincePreviousMs() {
        return sincePreviousMs;
    }

    /** The previous accepted report follows without a break (gap or re-anchor). */
    public boolean hasPrevious() {
        return hasPrevious;
    }
}
