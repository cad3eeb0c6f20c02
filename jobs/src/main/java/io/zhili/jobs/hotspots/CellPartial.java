package io.zhili.jobs.hotspots;

/**
 * A partial count for one base-resolution cell (Flink POJO): cases of a category in a period, or, with
 * {@link #EXPOSURE} as period, the components of a category in the cell. Partial counts from several
 * subtasks are summed by the statistics stage.
 */
public class CellPartial {
    /** Period value marking a component (exposure) count. */
    public static final int EXPOSURE = -1;

    public long cell;
    public int period;
    public int category;
    public long count;

    public CellPartial() {
    }

    public CellPartial(long cell, int period, int category, long count) {
        this.cell = cell;
        this.period = period;
        this.category = category;
        this.count = count;
    }
}
