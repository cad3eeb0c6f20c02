/**
 * Writing a generated table twice, as an RFC 4180 CSV and as typed Parquet parts
 * ({@link io.zhili.datasets.output.TableOutput}), so jobs are exercised on both input formats.
 */
package io.zhili.datasets.output;
