package io.zhili.jobs.hotspots;

/** One row of {@code forecast/hour_of_week/} (Flink POJO): a category's share of its weekly cases in one hour. */
public class HourOfWeekRow {
    public String category;
    public String kind;
    public int hourOfWeek;
    public double share;

    public HourOfWeekRow() {
    }

    public HourOfWeekRow(String category, String kind, int hourOfWeek, double share) {
        this.category = category;
        this.kind = kind;
        this.hourOfWeek = hourOfWeek;
        this.share = share;
    }
}
