/**
 * Synthetic muck-truck data with ground truth: the reference world of sites, permits with routes, zones and
 * trucks ({@link io.zhili.datasets.trucks.FleetBuilder}), a simulated night shift per truck with planted rule
 * violations ({@link io.zhili.datasets.trucks.TruckSimulator}), the GPS files in both input formats with noise
 * ({@link io.zhili.datasets.trucks.TraceWriter}) and the scoring of detected alerts against the truth
 * ({@link io.zhili.datasets.trucks.TruthScore}). Entry point: {@link io.zhili.datasets.trucks.TruckDataGenerator}.
 */
package io.zhili.datasets.trucks;
