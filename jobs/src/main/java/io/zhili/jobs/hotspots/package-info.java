/**
 * The hotspot maps batch job, {@code zhili hotspots}: the job graph ({@link io.zhili.jobs.hotspots.HotspotJob}),
 * its run (checks, split planning, publishing: {@link io.zhili.jobs.hotspots.HotspotRun}), the row parsers of
 * the input contracts, the registry, join and statistics operators, and the output tables
 * ({@link io.zhili.jobs.hotspots.HotspotTables}). Inputs, outputs and statistics are specified in
 * docs/CONTRACTS.md; the stages are mapped in docs/ARCHITECTURE.md.
 */
package io.zhili.jobs.hotspots;
