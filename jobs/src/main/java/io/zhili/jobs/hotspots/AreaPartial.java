package io.zhili.jobs.hotspots;

import io.zhili.geo.stats.IntCountHistogram;
import java.util.Arrays;

/**
 * Handling-speed figures of one area, period and category (Flink POJO, partial): case and closure counts
 * and the whole minutes from report to dispatch and to close. The join appends minutes to plain int
 * arrays, because one case feeds up to nine groups and appending is far cheaper there than hashing; the
 * final merge counts each group's minutes into an {@link IntCountHistogram} for exact percentiles.
 */
public class AreaPartial {
    public String areaLevel;
    public String areaId;
    public int period;
    public int category;
    public long cases;
    public long closed;
    public int[] dispatchMinutes;
    public int dispatchCount;
    public int[] closeMinutes;
    public int closeCount;

    public AreaPartial() {
    }

    AreaPartial(String areaLevel, String areaId, int period, int category) {
        this.areaLevel = areaLevel;
        this.areaId = areaId;
        this.period = period;
        this.category = category;
        this.dispatchMinutes = new int[4];
        this.closeMinutes = new int[4];
    }

    String key() {
        return areaLevel + '|' + areaId + '|' + period + '|' + category;
    }

    void addDispatch(int minutes) {
        if (dispatchCount == dispatchMinutes.length) {
            dispatchMinutes = Arrays.copyOf(dispatchMinutes, dispatchCount * 2);
        }
        dispatchMinutes[dispatchCount++] = minutes;
    }

    void addClose(int minutes) {
        if (closeCount == closeMinutes.length) {
            closeMinutes = Arrays.copyOf(closeMinutes, closeCount * 2);
        }
        closeMinutes[closeCount++] = minutes;
    }

    /** Drops the unused tail of the arrays before the partial is sent. */
    AreaPartial trimmed() {
        dispatchMinutes = Arrays.copyOf(dispatchMinutes, dispatchCount);
        closeMinutes = Arrays.copyOf(closeMinutes, closeCount);
        return this;
    }

    AreaPartial merge(AreaPartial other) {
        cases += other.cases;
        closed += other.closed;
        dispatchMinutes = append(dispatchMinutes, dispatchCount, other.dispatchMinutes, other.dispatchCount);
        dispatchCount += other.dispatchCount;
        closeMinutes = append(closeMinutes, closeCount, other.closeMinutes, other.closeCount);
        closeCount += other.closeCount;
        return this;
    }

    private static int[] append(int[] a, int n, int[] b, int m) {
        int[] out = a.length >= n + m ? a : Arrays.copyOf(a, Math.max(n + m, a.length * 2));
        System.arraycopy(b, 0, out, n, m);
        return out;
    }

    static IntCountHistogram histogram(int[] values, int count) {
        IntCountHistogram h = new IntCountHistogram();
        for (int i = 0; i < count; i++) {
            h.add(values[i]);
        }
        return h;
    }
}
