package io.zhili.datasets.trucks;

import io.zhili.geo.trucks.RuleType;

/**
 * One planted violation as written to {@code truth/violations.csv}: the truck, the rule it must
 * trigger and the event times of the first and last report showing it (epoch ms).
 */
public record TruthEpisode(String truckId, RuleType rule, long startMs, long endMs) {
}
