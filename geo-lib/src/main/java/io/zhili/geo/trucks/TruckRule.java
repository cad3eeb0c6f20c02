package io.zhili.geo.trucks;

import java.util.function.Consumer;

/**
 * One muck-truck rule. The {@link TruckRuleEngine} calls {@link #onPoint} for every accepted report
 * of a truck in event order, {@link #end} when evidence must be closed (a report gap, a re-anchor,
 * end of input) and {@link #onSilence} when event time passes without reports. A rule keeps its
 * memory only in the {@link TruckState} slot of its {@link RuleType}; an instance holds only its
 * configuration and is thread-safe.
 */
public interface TruckRule {
    RuleType type();

    /**
     * Evaluates one accepted report; may emit the episode that this report ends.
     * {@code state} still describes the previous report while this runs.
     */
    void onPoint(PointFacts facts, TruckState state, Consumer<Alert> out);

    /** Closes this rule's open evidence, emitting it when it qualifies. */
    void end(TruckState state, Consumer<Alert> out);

    /** Event time {@code eventTime} has passed with no report since {@code state.lastTs}. */
    default void onSilence(TruckState state, long eventTime, Consumer<Alert> out) {
    }
}
