package io.zhili.jobs.live;

/**
 * A validated case event joined to the registry (Flink POJO): the case's state so far, in WGS-84, with
 * its base H3 cell and areas. Missing lifecycle timestamps are {@link io.zhili.geo.util.Timestamps#EMPTY};
 * {@code componentId} is null for a case attached to no component. Not thread-safe.
 */
public class LiveCase {
    public String caseId;
    /** {@code COMPONENT} or {@code EVENT}. */
    public String kind;
    /** 4-digit minor class (the component's class when joined to one). */
    public String minorClass;
    /** 16-digit component id, or null. */
    public String componentId;
    public double lon;
    public double lat;
    /** Base-resolution H3 cell. */
    public long cell;
    public String districtCode;
    public String streetCode;
    public String gridCode;
    public long reportedAt;
    public long verifiedAt;
    public long dispatchedAt;
    public long disposedAt;
    public long closedAt;
    /** The latest present lifecycle timestamp: the event's time. */
    public long eventTime;

    public LiveCase() {
    }

    /** The 2-digit major class. */
    public String major() {
        return minorClass.substring(0, 2);
    }

    @Override
    public String toString() {
        return "LiveCase{" + caseId + ' ' + kind + ' ' + minorClass + " at " + eventTime + '}';
    }
}
