/**
 * The {@code zhili changes} Flink batch job: change polygons read in parallel splits
 * ({@link io.zhili.jobs.changes.ReadChanges}, {@link io.zhili.jobs.changes.PolygonRows}), screened against the
 * footprint and permit index built once per JVM ({@link io.zhili.jobs.changes.IndexSide}), one outcome per
 * change id ({@link io.zhili.jobs.changes.ChangeLedgerOperator}), fragments merged and matched with the previous
 * round ({@link io.zhili.jobs.changes.SuspectOperator}), written as GeoParquet and published with
 * {@code cases.csv}, {@code run.json} and {@code _SUCCESS} ({@link io.zhili.jobs.changes.ChangesRun}).
 * Screening logic lives in geo-lib's {@code io.zhili.geo.changes}.
 */
package io.zhili.jobs.changes;
