/**
 * The muck-truck model and rules, no Flink: GPS reports ({@link io.zhili.geo.trucks.GpsPoint}) decoded from
 * JSON ({@link io.zhili.geo.trucks.GpsJsonParser} with its fast path) with reasons for refusals
 * ({@link io.zhili.geo.trucks.GpsRejectReason}), the eight rules ({@link io.zhili.geo.trucks.RuleType}, one
 * {@link io.zhili.geo.trucks.TruckRule} each) with their thresholds ({@link io.zhili.geo.trucks.RuleConfig}), and
 * the engine that runs them per truck in event order ({@link io.zhili.geo.trucks.TruckRuleEngine}, state in
 * {@link io.zhili.geo.trucks.TruckState}), emitting {@link io.zhili.geo.trucks.Alert}s and spillage cases
 * ({@link io.zhili.geo.trucks.SpillageCase}). Rules and thresholds are specified in docs/CONTRACTS.md
 * ("Truck rules"). An engine is single-threaded; the reference layers it reads are shared.
 */
package io.zhili.geo.trucks;
