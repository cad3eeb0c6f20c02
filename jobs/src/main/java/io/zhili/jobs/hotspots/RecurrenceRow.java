package io.zhili.jobs.hotspots;

/** One row of {@code component_recurrence} (Flink POJO). */
public class RecurrenceRow {
    public String componentId;
    public String minorClass;
    public long cases;
    /** The most cases of this component within any window of the configured length. */
    public long windowCases;
    public long firstAt;
    public long lastAt;
    public double lon;
    public double lat;

    public RecurrenceRow() {
    }
}
