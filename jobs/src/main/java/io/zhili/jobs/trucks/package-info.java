/**
 * The muck-truck streaming job, {@code zhili trucks}: the job graph ({@link io.zhili.jobs.trucks.TruckMonitorJob}),
 * its run with production sources and sinks ({@link io.zhili.jobs.trucks.TruckRun}), decoding
 * ({@link io.zhili.jobs.trucks.GpsDecodeFunction}), the keyed rules function around geo-lib's engine
 * ({@link io.zhili.jobs.trucks.TruckMonitorFunction}, {@link io.zhili.jobs.trucks.TruckBatchingOperator}), the
 * broadcast reference data ({@link io.zhili.jobs.trucks.ReferenceSnapshot}), the Kafka endpoints
 * ({@link io.zhili.jobs.trucks.TruckKafka}) and the output tables ({@link io.zhili.jobs.trucks.TruckTables}).
 * Formats, rules and outputs are specified in docs/CONTRACTS.md.
 */
package io.zhili.jobs.trucks;
