package io.zhili.geo.changes;

/**
 * The one outcome of every accepted change polygon, in the order the tests run (the first test that
 * holds decides): the attribute tests {@link #NOT_BUILT_UP} and {@link #LOW_CONFIDENCE}, the explaining
 * layers {@link #REGISTERED_BUILDING} and {@link #PERMITTED}, and then, on the fragments merged into one
 * structure, {@link #TOO_SMALL} and {@link #THIN}; what is left is a {@link #SUSPECT}. Polygons whose
 * geometry cannot be used never get an outcome: they are rejected ({@link ChangeRejectReason}).
 */
public enum ChangeOutcome {
    /** {@code change_class} is given and is not {@code BUILT_UP} (vegetation, bare soil, water, …). */
    NOT_BUILT_UP,
    /** {@code confidence} is below the minimum. */
    LOW_CONFIDENCE,
    /** At least the explained-overlap share is covered by footprints registered before {@code before_date}. */
    REGISTERED_BUILDING,
    /** At least the explained-overlap share lies inside NEW_BUILD/RENOVATION permits valid at {@code after_date}. */
    PERMITTED,
    /** The merged structure (all its fragments) covers less than the minimum area. */
    TOO_SMALL,
    /** The merged structure is thinner than the width threshold (a sliver along a road or field edge). */
    THIN,
    /** Nothing explains the change: a suspected illegal structure (违建图斑). */
    SUSPECT;

    /** Whether the polygon goes to {@code explained/} (every outcome but {@link #SUSPECT}). */
    public boolean explained() {
        return this != SUSPECT;
    }
}
