package io.zhili.jobs.hotspots;

/**
 * Packs an H3 cell and a category index into one {@code long} for primitive hash maps. An H3 cell of
 * resolution r ≤ 11 has its lowest 3·(15−r) ≥ 12 bits set to 1 (unused digits), so those bits can carry
 * a category below 4096 and be restored on unpacking.
 */
final class CellKeys {
    static final int MAX_RESOLUTION = 11;
    private static final long LOW = 0xFFFL;

    private CellKeys() {
    }

    static long pack(long cell, int category) {
        return (cell & ~LOW) | category;
    }

    static long cell(long key) {
        return key | LOW;
    }

    static int category(long key) {
        return (int) (key & LOW);
    }
}
