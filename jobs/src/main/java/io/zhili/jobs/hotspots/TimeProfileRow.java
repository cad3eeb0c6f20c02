package io.zhili.jobs.hotspots;

/** One row of {@code time_profile} (Flink POJO). */
public class TimeProfileRow {
    public String areaLevel;
    public String areaId;
    public String category;
    public String kind;
    public int dayOfWeek;
    public int hour;
    public long cases;

    public TimeProfileRow() {
    }
}
