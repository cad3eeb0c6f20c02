package io.zhili.jobs.hotspots;

/** A case attached to a component, for the recurrence analysis (Flink POJO). */
public class CaseEvent {
    public long componentId;
    public int minorClass;
    public double lon;
    public double lat;
    public long reportedAt;

    public CaseEvent() {
    }

    public CaseEvent(long componentId, int minorClass, double lon, double lat, long reportedAt) {
        this.componentId = componentId;
        this.minorClass = minorClass;
        this.lon = lon;
        this.lat = lat;
        this.reportedAt = reportedAt;
    }
}
