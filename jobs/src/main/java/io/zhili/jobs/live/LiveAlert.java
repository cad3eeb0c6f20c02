package io.zhili.jobs.live;

/**
 * One record of the {@code alerts/} table and the {@code city-alerts} topic (Flink POJO; columns in
 * docs/CONTRACTS.md, "zhili live"). Absent optional values are null, {@code p} is NaN for the kinds without
 * one and {@code endedAt} {@link Long#MIN_VALUE} except on a SURGE's CLOSED record. Not thread-safe.
 */
public class LiveAlert {
    public String alertId;
    public String kind;
    public String status;
    public String h3;
    public String category;
    public String classKind;
    public String componentId;
    public String caseId;
    public String districtCode;
    public String streetCode;
    public String gridCode;
    public long observed;
    public double expected;
    public double p = Double.NaN;
    public long startedAt;
    public long decidedAt;
    public long endedAt = Long.MIN_VALUE;
    public double lon;
    public double lat;
    public String detail;

    public LiveAlert() {
    }

    @Override
    public String toString() {
        return kind + ' ' + status + ' ' + h3 + ' ' + category + " case=" + caseId + " component=" + componentId
                + " started=" + startedAt + " decided=" + decidedAt + " observed=" + observed;
    }
}
