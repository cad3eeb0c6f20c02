package io.zhili.datasets.trucks;

import io.zhili.geo.trucks.RuleType;

/**
 * What the generator plants on one leg of a truck's shift. Each positive scenario produces exactly
 * one episode of its {@link #rule()} in {@code truth/violations.csv}; the negative ones (rule null)
 * are look-alikes that must NOT alert.
 */
enum Scenario {
    /** First loaded departure before the permit's hours begin. */
    OFF_HOURS(RuleType.OFF_HOURS, true),
    /** Loaded excursion 250–450 m off the route for one to three minutes. */
    ROUTE_DEVIATION(RuleType.ROUTE_DEVIATION, true),
    /** Lid open for one to two and a half minutes while loaded and moving. */
    UNCOVERED_LOAD(RuleType.UNCOVERED_LOAD, true),
    /** Load falls by 1.6–5 t over one or two reports while driving. */
    SPILLAGE(RuleType.SPILLAGE, true),
    /** Four to seven minutes stopped beside the route while the load is tipped out. */
    ILLEGAL_DUMPING(RuleType.ILLEGAL_DUMPING, true),
    /** Eleven to sixteen minutes without reports while loaded and moving. */
    SIGNAL_LOSS(RuleType.SIGNAL_LOSS, true),
    /** Empty detour into a restricted zone whose hours apply. */
    RESTRICTED_ZONE(RuleType.RESTRICTED_ZONE, false),
    /** 66–85 km/h for 50 s to 2 min on the way back. */
    SPEEDING(RuleType.SPEEDING, false),
    /** Negative: empty detour into a restricted zone whose hours do not apply at night. */
    ZONE_OUTSIDE_HOURS(null, false),
    /** Negative: loaded truck queuing four to six minutes beside the route, load unchanged. */
    LOADED_QUEUE(null, true),
    /** Negative: twelve to twenty minutes without reports while driving empty. */
    EMPTY_SILENCE(null, false),
    /** Negative: empty truck taking a street 300 m off the route for a few minutes. */
    EMPTY_DETOUR(null, false);

    private final RuleType rule;
    private final boolean loadedLeg;

    Scenario(RuleType rule, boolean loadedLeg) {
        this.rule = rule;
        this.loadedLeg = loadedLeg;
    }

    /** The rule this scenario must trigger, or null for a negative scenario. */
    RuleType rule() {
        return rule;
    }

    /** Planted on a loaded (site → disposal) leg, else on an empty (disposal → site) leg. */
    boolean loadedLeg() {
        return loadedLeg;
    }

    boolean needsLoadSensor() {
        return this == OFF_HOURS || this == ROUTE_DEVIATION || this == UNCOVERED_LOAD || this == SPILLAGE
                || this == ILLEGAL_DUMPING || this == SIGNAL_LOSS || this == LOADED_QUEUE;
    }

    boolean needsZone() {
        return this == RESTRICTED_ZONE || this == ZONE_OUTSIDE_HOURS;
    }
}
