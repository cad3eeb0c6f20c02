package io.zhili.geo.trucks;

/**
 * State of a muck truck's cargo cover (篷布/顶盖), as reported by the lid sensor.
 * {@link #UNKNOWN} means the truck has no lid sensor or did not report it; rules never treat an
 * unknown lid as open.
 */
public enum LidState {
    CLOSED,
    OPEN,
    UNKNOWN
}
