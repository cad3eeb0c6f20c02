package io.zhili.jobs.hotspots;

import io.zhili.geo.stats.IntCountHistogram;

/**
 * Handling-speed figures of one area, period and category (Flink POJO, partial): case and closure counts
 * and exact histograms of whole minutes from report to dispatch and to close, which merge without loss.
 */
public class AreaPartial {
    public String areaLevel;
    public String areaId;
    public int period;
    public int category;
    public long cases;
    public long closed;
    public IntCountHistogram dispatchMinutes;
    public IntCountHistogram closeMinutes;

    public AreaPartial() {
    }

    AreaPartial(String areaLevel, String areaId, int period, int category) {
        this.areaLevel = areaLevel;
        this.areaId = areaId;
        this.period = period;
        this.category = category;
        this.dispatchMinutes = new IntCountHistogram();
        this.closeMinutes = new IntCountHistogram();
    }

    String key() {
        return areaLevel + '|' + areaId + '|' + period + '|' + category;
    }

    AreaPartial merge(AreaPartial other) {
        cases += other.cases;
        closed += other.closed;
        dispatchMinutes.merge(other.dispatchMinutes);
        closeMinutes.merge(other.closeMinutes);
        return this;
    }
}
