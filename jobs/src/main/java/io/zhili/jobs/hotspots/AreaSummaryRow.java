package io.zhili.jobs.hotspots;

/** One row of {@code area_summary} (Flink POJO); percentiles are null where no case reached the step. */
public class AreaSummaryRow {
    public String areaLevel;
    public String areaId;
    public String period;
    public long periodStart;
    public String category;
    public String kind;
    public long cases;
    public long closed;
    public double closureRate;
    public Double p50DispatchMin;
    public Double p90DispatchMin;
    public Double p50CloseMin;
    public Double p90CloseMin;

    public AreaSummaryRow() {
    }
}
