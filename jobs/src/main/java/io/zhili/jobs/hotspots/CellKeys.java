package io.zhili.jobs.hotspots;

/**
 * Packs an H3 cell and a category index into one {@code long} for primitive hash maps. An H3 cell of
 * resolution r ≤ 11 has its lowest 3·(15−r) ≥ 12 bits set to 1 (unused digits), so those bits can carry
 * a category below 4096 and be restored on unpacking.
 */
final class CellKeys {
    static final int MAX_RESOLUTION = 11;
    private static final long LOW = 0xFFFL;
    /**
     * Periods one run can count: the statistics key a cell's counts by period index in the low bits, so
     * more periods would silently merge (the run is refused instead, see {@link #periodLimitProblem}).
     */
    static final int MAX_PERIODS = (int) LOW + 1;

    private CellKeys() {
    }

    /** The one-line refusal of a run over {@code periods} periods of {@code period}, or null when they fit. */
    static String periodLimitProblem(long periods, Period period, String what) {
        if (periods <= MAX_PERIODS) {
            return null;
        }
        return what + " " + periods + " " + period.name().toLowerCase() + " periods; one run counts at most "
                + MAX_PERIODS + ": use a coarser --period or split the dates into runs with --from/--to";
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
