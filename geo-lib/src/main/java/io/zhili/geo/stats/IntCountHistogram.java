package io.zhili.geo.stats;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Exact, mergeable histogram of non-negative whole numbers (e.g. handling durations in whole
 * minutes): value → count in a primitive open-addressing hash map, so that millions of values cost a
 * few kilobytes when they take a few thousand distinct values, and partial histograms of a Flink
 * aggregation combine exactly with {@link #merge(IntCountHistogram)}.
 *
 * <p><b>Percentiles</b> are exact over the values added:
 * <ul>
 * <li>{@link #percentile(double)} — <em>nearest rank</em>: the smallest value v such that at least
 *     ⌈q·N⌉ of the N values are ≤ v (q = 0 gives the minimum). Always a value that occurred.</li>
 * <li>{@link #percentileLinear(double)} — <em>linear interpolation</em> between closest ranks
 *     (Hyndman and Fan's type 7; numpy's default, DuckDB's {@code quantile_cont}): with the values
 *     sorted x_0 ≤ … ≤ x_{N−1} and h = (N−1)·q, x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋).</li>
 * </ul>
 * Both give NaN on an empty histogram. q·N within 1e-9 of a whole number counts as that number, so
 * that a decimal q such as 0.1 behaves as written despite binary rounding.
 *
 * <p><b>Serialisation</b> ({@link #toBytes()}/{@link #fromBytes(byte[])}): a format byte (1), the
 * number of distinct values, then per distinct value in ascending order the gap from the previous
 * value and the count, all as unsigned LEB128 varints: typically 2–4 bytes per distinct value.
 *
 * <p>Not thread-safe: one instance per accumulator, as Flink gives each aggregation.
 */
public final class IntCountHistogram {

    private static final int EMPTY = -1;
    private static final byte FORMAT = 1;
    private static final double RANK_TOLERANCE = 1e-9;

    private int[] keys;
    private long[] counts;
    private int size;
    private long total;

    // Sorted view for percentiles, rebuilt after a change.
    private int[] sortedValues;
    private long[] cumulative;

    /** An empty histogram. */
    public IntCountHistogram() {
        allocate(16);
    }

    /** Adds one occurrence of {@code value}. */
    public void add(int value) {
        add(value, 1);
    }

    /**
     * Adds {@code count} occurrences of {@code value}; a count of 0 changes nothing.
     *
     * @throws IllegalArgumentException if value or count is negative (durations from inconsistent
     *                                  timestamps must be rejected before they get here)
     */
    public void add(int value, long count) {
        if (value < 0) {
            throw new IllegalArgumentException("histogram values must be >= 0, got " + value);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count + " for value " + value);
        }
        if (count == 0) {
            return;
        }
        int slot = slotOf(value);
        if (keys[slot] == EMPTY) {
            keys[slot] = value;
            size++;
        }
        counts[slot] += count;
        total += count;
        sortedValues = null;
        if (size * 2 > keys.length) {
            grow(); // load factor <= 1/2 keeps linear probes short
        }
    }

    /** Adds every occurrence counted in {@code other} to this histogram; {@code other} is unchanged. */
    public void merge(IntCountHistogram other) {
        int[] otherKeys = other.keys;
        long[] otherCounts = other.counts;
        for (int i = 0; i < otherKeys.length; i++) {
            if (otherKeys[i] != EMPTY) {
                add(otherKeys[i], otherCounts[i]);
            }
        }
    }

    /** Number of values added, N. */
    public long count() {
        return total;
    }

    /** Whether no value was added. */
    public boolean isEmpty() {
        return total == 0;
    }

    /** Number of distinct values. */
    public int distinctValues() {
        return size;
    }

    /** How many times {@code value} was added (0 for a value never added, negative ones included). */
    public long countOf(int value) {
        if (value < 0) {
            return 0;
        }
        int slot = slotOf(value);
        return keys[slot] == EMPTY ? 0 : counts[slot];
    }

    /**
     * Nearest-rank percentile (see the class comment), q in [0, 1]; NaN when empty.
     *
     * @throws IllegalArgumentException if q is outside [0, 1]
     */
    public double percentile(double q) {
        checkQuantile(q);
        if (total == 0) {
            return Double.NaN;
        }
        sortIfNeeded();
        long rank = Math.max(1, (long) Math.ceil(q * total - RANK_TOLERANCE));
        return valueAtRank(rank - 1);
    }

    /**
     * Linearly interpolated percentile (type 7, see the class comment), q in [0, 1]; NaN when empty.
     *
     * @throws IllegalArgumentException if q is outside [0, 1]
     */
    public double percentileLinear(double q) {
        checkQuantile(q);
        if (total == 0) {
            return Double.NaN;
        }
        sortIfNeeded();
        double h = (total - 1) * q;
        long lo = (long) Math.floor(h + RANK_TOLERANCE);
        double fraction = Math.max(0, h - lo);
        int low = valueAtRank(lo);
        if (fraction == 0 || lo + 1 >= total) {
            return low;
        }
        return low + fraction * (valueAtRank(lo + 1) - (double) low);
    }

    /** Compact binary form (see the class comment). */
    public byte[] toBytes() {
        sortIfNeeded();
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 + size * 4);
        out.write(FORMAT);
        writeVarint(out, size);
        long previous = 0;
        for (int r = 0; r < size; r++) {
            int value = sortedValues[r];
            writeVarint(out, value - previous);
            writeVarint(out, cumulative[r] - (r == 0 ? 0 : cumulative[r - 1]));
            previous = value;
        }
        return out.toByteArray();
    }

    /**
     * Reads the form written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not such a form (unknown format, truncated,
     *                                  trailing bytes, zero counts or values beyond the int range)
     */
    public static IntCountHistogram fromBytes(byte[] bytes) {
        Reader in = new Reader(bytes);
        int format = in.nextByte();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown histogram format " + format + ", expected " + FORMAT);
        }
        long distinct = in.nextVarint();
        if (distinct > bytes.length) {
            throw new IllegalArgumentException("histogram claims " + distinct + " values in " + bytes.length + " bytes");
        }
        IntCountHistogram histogram = new IntCountHistogram();
        long value = 0;
        for (long r = 0; r < distinct; r++) {
            long gap = in.nextVarint();
            value += gap;
            if ((r > 0 && gap == 0) || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("histogram value #" + r + " is repeated or beyond the int range");
            }
            long count = in.nextVarint();
            if (count == 0) {
                throw new IllegalArgumentException("histogram value " + value + " has a zero count");
            }
            histogram.add((int) value, count);
        }
        if (in.position != bytes.length) {
            throw new IllegalArgumentException((bytes.length - in.position) + " trailing bytes after the histogram");
        }
        return histogram;
    }

    /** Equal when both hold the same values with the same counts. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IntCountHistogram other) || other.size != size || other.total != total) {
            return false;
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && other.countOf(keys[i]) != counts[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(total);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                h += keys[i] * 31 + Long.hashCode(counts[i]); // order-free: slots differ between equal maps
            }
        }
        return h;
    }

    @Override
    public String toString() {
        return "IntCountHistogram{count=" + total + ", distinct=" + size + "}";
    }

    private int valueAtRank(long rank) {
        int r = Arrays.binarySearch(cumulative, 0, size, rank + 1);
        // cumulative[r] is the number of values <= sortedValues[r]; the first entry reaching rank+1 holds it
        return sortedValues[r >= 0 ? r : -r - 1];
    }

    private void sortIfNeeded() {
        if (sortedValues != null) {
            return;
        }
        // value (31 bits) in the high half, slot in the low half: one primitive sort orders both
        long[] packed = new long[size];
        int m = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                packed[m++] = ((long) keys[i] << 32) | i;
            }
        }
        Arrays.sort(packed);
        int[] values = new int[size];
        long[] cum = new long[size];
        long running = 0;
        for (int r = 0; r < size; r++) {
            values[r] = (int) (packed[r] >>> 32);
            running += counts[(int) packed[r]];
            cum[r] = running;
        }
        sortedValues = values;
        cumulative = cum;
    }

    private int slotOf(int value) {
        int mask = keys.length - 1;
        int h = value * 0x9E3779B9;
        int slot = (h ^ (h >>> 16)) & mask;
        while (keys[slot] != EMPTY && keys[slot] != value) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldCounts = counts;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    private void allocate(int capacity) {
        keys = new int[capacity];
        Arrays.fill(keys, EMPTY);
        counts = new long[capacity];
    }

    private static void checkQuantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], was " + q);
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Cursor over serialised bytes that names what is wrong instead of overrunning. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int nextByte() {
            if (position >= bytes.length) {
                throw new IllegalArgumentException("histogram bytes truncated at byte " + position);
            }
            return bytes[position++] & 0xFF;
        }

        long nextVarint() {
            long v = 0;
            for (int shift = 0; shift < 63; shift += 7) {
                int b = nextByte();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("histogram varint longer than 9 bytes at byte " + position);
        }
    }
}
