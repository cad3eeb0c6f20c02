package io.zhili.jobs.trucks;

import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.LidState;
import java.util.Arrays;

/**
 * One truck's reports that arrived but whose event time the watermark has not passed yet, kept in
 * event-time order so the rule engine sees the truck's trace sorted. Reports with equal timestamps
 * keep their arrival order (the engine counts the later as a duplicate).
 *
 * <p><b>Layout.</b> One {@code long[]} of {@value #STRIDE} slots per report (timestamp, the five
 * doubles as raw bits, the lid ordinal), not an array per field nor a list of objects: every report
 * of every truck appends here, trucks arrive in no particular order, so each append is a cache miss
 * into a buffer last touched thousands of reports ago, and one array makes it one or two lines
 * instead of seven. The buffer lives in keyed state and a checkpoint writes it whole.
 *
 * <p>A Flink POJO (public fields, no-argument constructor). Not thread-safe: owned by one key.
 */
public class PendingPoints {
    /** Longs per report. */
    static final int STRIDE = 7;
    private static final LidState[] LIDS = LidState.values();
    private static final int INITIAL = 4;
    /** Capacity (reports) above which a mostly empty buffer is shrunk. */
    private static final int SHRINK_ABOVE = 64;

    /** Number of reports held. */
    public int size;
    /** {@link #STRIDE} longs per report, in event-time order. */
    public long[] slots = new long[INITIAL * STRIDE];

    public PendingPoints() {
    }

    /** Event time of the {@code i}-th buffered report. */
    public long ts(int i) {
        return slots[i * STRIDE];
    }

    /** Reports the buffer holds without growing. */
    public int capacity() {
        return slots.length / STRIDE;
    }

    /** Inserts {@code p} after every buffered report with a timestamp ≤ its own. */
    public void add(GpsPoint p) {
        if (size == capacity()) {
            resize(capacity() * 2, 0);
        }
        int i = size;
        while (i > 0 && slots[(i - 1) * STRIDE] > p.ts()) {
            i--;
        }
        int at = i * STRIDE;
        if (i < size) {
            System.arraycopy(slots, at, slots, at + STRIDE, (size - i) * STRIDE);
        }
        slots[at] = p.ts();
        slots[at + 1] = Double.doubleToRawLongBits(p.lon());
        slots[at + 2] = Double.doubleToRawLongBits(p.lat());
        slots[at + 3] = Double.doubleToRawLongBits(p.speedKmh());
        slots[at + 4] = Double.doubleToRawLongBits(p.heading());
        slots[at + 5] = Double.doubleToRawLongBits(p.loadT());
        slots[at + 6] = p.lid().ordinal();
        size++;
    }

    /** The {@code i}-th buffered report of truck {@code truckId}. */
    public GpsPoint get(String truckId, int i) {
        int at = i * STRIDE;
        return new GpsPoint(truckId, slots[at], Double.longBitsToDouble(slots[at + 1]),
                Double.longBitsToDouble(slots[at + 2]), Double.longBitsToDouble(slots[at + 3]),
                Double.longBitsToDouble(slots[at + 4]), LIDS[(int) slots[at + 6]], Double.longBitsToDouble(slots[at + 5]));
    }

    /**
     * Removes the first {@code n} reports. The buffer shrinks again once it is mostly empty: it lives in
     * keyed state, and a checkpoint writes the whole array, so one burst (such as the reports held
     * at start-up until the reference data has arrived) must not make every later checkpoint larger.
     */
    public void dropFirst(int n) {
        int rest = size - n;
        if (capacity() > SHRINK_ABOVE && rest <= capacity() / 4) {
            resize(Math.max(INITIAL, Integer.highestOneBit(Math.max(1, rest)) * 2), n);
        } else {
            System.arraycopy(slots, n * STRIDE, slots, 0, rest * STRIDE);
        }
        size = rest;
    }

    /** A new array of {@code capacity} reports holding the reports from index {@code from} on. */
    private void resize(int capacity, int from) {
        slots = Arrays.copyOfRange(slots, from * STRIDE, (from + capacity) * STRIDE);
    }
}
