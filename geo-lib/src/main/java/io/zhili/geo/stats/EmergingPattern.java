package io.zhili.geo.stats;

/**
 * ArcGIS Pro's emerging hot spot patterns ("How Emerging Hot Spot Analysis works", Space Time
 * Pattern Mining toolbox). Hot spot patterns carry the bare ArcGIS names; cold spot patterns the same
 * names with a {@code COLD_} prefix. {@link #contractName()} gives the bare name for both, as the
 * {@code pattern} column of the {@code emerging} output contract spells it, and {@link #cold()} tells
 * them apart. See {@link EmergingHotSpots} for the definitions. Immutable and thread-safe.
 */
public enum EmergingPattern {
    NEW("New Hot Spot"),
    CONSECUTIVE("Consecutive Hot Spot"),
    INTENSIFYING("Intensifying Hot Spot"),
    PERSISTENT("Persistent Hot Spot"),
    DIMINISHING("Diminishing Hot Spot"),
    SPORADIC("Sporadic Hot Spot"),
    OSCILLATING("Oscillating Hot Spot"),
    HISTORICAL("Historical Hot Spot"),
    COLD_NEW("New Cold Spot"),
    COLD_CONSECUTIVE("Consecutive Cold Spot"),
    COLD_INTENSIFYING("Intensifying Cold Spot"),
    COLD_PERSISTENT("Persistent Cold Spot"),
    COLD_DIMINISHING("Diminishing Cold Spot"),
    COLD_SPORADIC("Sporadic Cold Spot"),
    COLD_OSCILLATING("Oscillating Cold Spot"),
    COLD_HISTORICAL("Historical Cold Spot"),
    NO_PATTERN("No Pattern Detected");

    private static final String COLD_PREFIX = "COLD_";

    private final String label;
    private final String contractName;
    private final boolean cold;

    EmergingPattern(String label) {
        this.label = label;
        this.cold = name().startsWith(COLD_PREFIX);
        this.contractName = cold ? name().substring(COLD_PREFIX.length()) : name();
    }

    /** The output-contract name: NEW, CONSECUTIVE, …, HISTORICAL or NO_PATTERN, the same for hot and cold. */
    public String contractName() {
        return contractName;
    }

    /** Whether this is a cold spot pattern. */
    public boolean cold() {
        return cold;
    }

    /** ArcGIS's display label, e.g. "Oscillating Cold Spot". */
    public String label() {
        return label;
    }

    /** The cold counterpart of a hot pattern; {@link #NO_PATTERN} and cold patterns map to themselves. */
    EmergingPattern asCold() {
        return cold || this == NO_PATTERN ? this : valueOf(COLD_PREFIX + name());
    }
}
