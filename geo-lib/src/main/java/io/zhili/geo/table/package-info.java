/**
 * Input tables as text rows, whatever the format: CSV (RFC 4180) and Parquet readers behind one
 * interface ({@link io.zhili.geo.table.TableReader}), resolution of a command-line PATH to data files
 * ({@link io.zhili.geo.table.TableFiles}), byte-range splits of large CSV files ({@link io.zhili.geo.table.CsvSplits}),
 * a CSV writer, and the reject reasons of the components and cases tables ({@link io.zhili.geo.table.RejectReason}).
 * The accepted formats are in docs/CONTRACTS.md ("Input tables"). Readers are single-threaded; a bad
 * row is a value, an unreadable file a {@link io.zhili.geo.table.TableInputException}.
 */
package io.zhili.geo.table;
