package io.zhili.jobs.hotspots;

/** Cases of one area and category in one day-of-week × hour slot (Flink POJO, partial sums). */
public class TimeProfilePartial {
    public String areaLevel;
    public String areaId;
    public int category;
    /** ISO day of week, 1 = Monday. */
    public int dayOfWeek;
    public int hour;
    public long cases;

    public TimeProfilePartial() {
    }

    public TimeProfilePartial(String areaLevel, String areaId, int category, int dayOfWeek, int hour, long cases) {
        this.areaLevel = areaLevel;
        this.areaId = areaId;
        this.category = category;
        this.dayOfWeek = dayOfWeek;
        this.hour = hour;
        this.cases = cases;
    }

    String key() {
        return areaLevel + '|' + areaId + '|' + category + '|' + dayOfWeek + '|' + hour;
    }
}
