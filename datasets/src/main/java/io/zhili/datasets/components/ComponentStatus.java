package io.zhili.datasets.components;

/**
 * The {@code status} column of the components table: the registry's record of a component's condition.
 * About 96.5 % are NORMAL, 3 % DAMAGED (known faults not yet repaired; components that fail often are
 * more likely damaged) and 0.5 % REMOVED (taken out of service but kept in the registry). Cases are only
 * reported against components that are not REMOVED.
 */
public enum ComponentStatus {
    NORMAL,
    DAMAGED,
    REMOVED
}
