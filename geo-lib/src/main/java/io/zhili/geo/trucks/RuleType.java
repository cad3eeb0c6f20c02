package io.zhili.geo.trucks;

/** The muck-truck rules of docs/CONTRACTS.md ("Truck rules"), in the order the engine evaluates them; the name is the {@code rule} column. */
public enum RuleType {
    ROUTE_DEVIATION,
    RESTRICTED_ZONE,
    OFF_HOURS,
    UNCOVERED_LOAD,
    SPILLAGE,
    ILLEGAL_DUMPING,
    SPEEDING,
    SIGNAL_LOSS
}
