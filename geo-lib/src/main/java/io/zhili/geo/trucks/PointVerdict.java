package io.zhili.geo.trucks;

/**
 * What the engine did with one report. Only {@link #ACCEPTED} points reach the rules; the job counts
 * the others (docs/CONTRACTS.md, "Truck rules": duplicates and jumps are counted and dropped from rule evaluation).
 */
public enum PointVerdict {
    /** Evaluated by the rules. */
    ACCEPTED,
    /** Same truck and event time as the previous accepted report. */
    DUPLICATE,
    /** Implied speed from the previous accepted report above {@link RuleConfig#jumpSpeedKmh()}. */
    JUMP,
    /** Event time before the previous accepted report: the caller did not deliver in event order. */
    OUT_OF_ORDER
}
