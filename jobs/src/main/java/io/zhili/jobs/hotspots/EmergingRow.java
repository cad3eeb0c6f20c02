package io.zhili.jobs.hotspots;

/** One row of {@code emerging} (Flink POJO): the pattern of a base cell's Gi* series and its count trend. */
public class EmergingRow {
    public long h3;
    public String category;
    public String kind;
    public String pattern;
    /** Hot or cold pattern; NO_PATTERN rows are neither. */
    public String spot;
    public double mkZ;
    public double mkP;

    public EmergingRow() {
    }
}
