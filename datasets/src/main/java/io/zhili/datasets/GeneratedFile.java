package io.zhili.datasets;

/**
 * One file written by the generator.
 *
 * @param path   path relative to the output directory, with {@code /} separators
 * @param rows   data rows (CSV rows without the header, Parquet rows, GeoJSON features)
 * @param bytes  file size
 * @param sha256 lower-case hex SHA-256 of the file's bytes (two runs with the same seed give the same)
 */
public record GeneratedFile(String path, long rows, long bytes, String sha256) {
}
