package io.zhili.geo.index;

/**
 * Position of each key in a {@code long[]}: a primitive open-addressing hash index (linear probing,
 * load factor at most 1/2) that stores only {@code int} positions and compares against the caller's
 * key array, so a map of 1.9 M ids costs 16 MiB instead of the ~130 MiB of a
 * {@code HashMap<Long, Integer>}, with no boxing on lookup.
 *
 * <p>The key array is kept by reference and must not change after {@link #of(long[])}. Immutable
 * and thread-safe after construction.
 */
public final class LongPositions {
    private final long[] keys;
    /** position + 1 per slot; 0 marks an empty slot. */
    private final int[] slots;
    private final int mask;

    private LongPositions(long[] keys, int[] slots) {
        this.keys = keys;
        this.slots = slots;
        this.mask = slots.length - 1;
    }

    /**
     * Indexes {@code keys} (any values; at most 2^29 of them).
     *
     * @throws IllegalArgumentException naming the key and both positions when a key repeats
     */
    public static LongPositions of(long[] keys) {
        if (keys.length > (1 << 29)) {
            throw new IllegalArgumentException("too many keys: " + keys.length);
        }
        int capacity = Integer.highestOneBit(Math.max(2, keys.length) * 2 - 1) << 1;
        int[] slots = new int[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < keys.length; i++) {
            long key = keys[i];
            int s = (int) mix(key) & mask;
            while (slots[s] != 0) {
                if (keys[slots[s] - 1] == key) {
                    throw new IllegalArgumentException("duplicate key " + key + " at positions " + (slots[s] - 1) + " and " + i);
                }
                s = (s + 1) & mask;
            }
            slots[s] = i + 1;
        }
        return new LongPositions(keys, slots);
    }

    /** The position of {@code key} in the indexed array, or -1 when absent. */
    public int position(long key) {
        int s = (int) mix(key) & mask;
        int p;
        while ((p = slots[s]) != 0) {
            if (keys[p - 1] == key) {
                return p - 1;
            }
            s = (s + 1) & mask;
        }
        return -1;
    }

    /** The number of indexed keys. */
    public int size() {
        return keys.length;
    }

    /** MurmurHash3's 64-bit finaliser: component ids share long common prefixes, so spread every bit. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
