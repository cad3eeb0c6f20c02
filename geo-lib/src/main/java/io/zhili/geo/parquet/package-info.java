/**
 * GeoParquet 1.1 output without Hadoop: table schemas ({@link io.zhili.geo.parquet.TableSchema},
 * {@link io.zhili.geo.parquet.ColumnType}), one-file and Hive-partitioned writers
 * ({@link io.zhili.geo.parquet.GeoParquetWriter}, {@link io.zhili.geo.parquet.PartitionedTableWriter}) and the
 * {@code geo} footer metadata ({@link io.zhili.geo.parquet.GeoParquetMetadata}). Every output table of
 * docs/CONTRACTS.md is written through these classes. Writers are single-threaded.
 */
package io.zhili.geo.parquet;
