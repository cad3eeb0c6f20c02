package io.zhili.jobs.hotspots;

/** One row of {@code forecast/cells/} (Flink POJO): the forecast of a base cell and category. */
public class ForecastCellRow {
    public long h3;
    public String category;
    public String kind;
    public double weeklyLevel;
    public String nextPeriod;
    public double expectedNext;
    public double lower90;
    public double upper90;
    /** Median of the predictive count: the point forecast that minimises the absolute error. */
    public double medianNext;

    public ForecastCellRow() {
    }
}
