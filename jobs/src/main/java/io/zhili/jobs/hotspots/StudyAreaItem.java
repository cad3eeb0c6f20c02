package io.zhili.jobs.hotspots;

/**
 * What every statistics subtask must know about the whole run (Flink POJO, broadcast): a cell of the
 * study area (a base cell with at least one component or case) or, when {@code cell} is 0, a period
 * that holds cases, so every category's series covers the same periods.
 */
public class StudyAreaItem {
    public long cell;
    public int period;

    public StudyAreaItem() {
    }

    public StudyAreaItem(long cell, int period) {
        this.cell = cell;
        this.period = period;
    }
}
