/**
 * What both jobs share: publishing a run atomically ({@link io.zhili.jobs.common.RunDirectory},
 * {@link io.zhili.jobs.common.RunCommit}, {@link io.zhili.jobs.common.RunCounts}), running a job with progress lines
 * ({@link io.zhili.jobs.common.JobRunner}), GeoParquet sinks for bounded and exactly-once streaming jobs
 * ({@link io.zhili.jobs.common.ParquetTableSink}, {@link io.zhili.jobs.common.CommittingParquetSink},
 * {@link io.zhili.jobs.common.RowEncoder}), and line-per-record file input ({@link io.zhili.jobs.common.LineBytesFormat}).
 */
package io.zhili.jobs.common;
