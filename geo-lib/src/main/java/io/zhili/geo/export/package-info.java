/**
 * Export of one output table to desktop-GIS formats for readers without GeoParquet support:
 * {@link io.zhili.geo.export.TableExport} reads the table's Parquet files (partition keys become columns),
 * filters rows with literal conditions ({@link io.zhili.geo.export.RowFilter}) and writes GeoPackage
 * ({@link io.zhili.geo.export.GeoPackageSink}) or FlatGeobuf ({@link io.zhili.geo.export.FlatGeobufSink}) with
 * the same columns and CRS. Contract: docs/CONTRACTS.md, "zhili export".
 */
package io.zhili.geo.export;
