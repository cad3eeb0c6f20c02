package io.zhili.jobs.live;

/**
 * A new case counted into one SURGE series (Flink POJO): the series' key {@code h3|kind|category}, its
 * parts, the case's report time and the areas of the case's position.
 */
public class SeriesCase {
    public String series;
    public long cell;
    public String category;
    public String classKind;
    public long reportedAt;
    public String districtCode;

    public SeriesCase() {
    }

    SeriesCase(String series, long cell, String category, String classKind, long reportedAt, String districtCode) {
        this.series = series;
        this.cell = cell;
        this.category = category;
        this.classKind = classKind;
        this.reportedAt = reportedAt;
        this.districtCode = districtCode;
    }
}
