package io.zhili.jobs.changes;

import io.zhili.geo.geojson.Feature;
import io.zhili.geo.geojson.GeoJsonReader;
import io.zhili.jobs.hotspots.InputSplit;
import io.zhili.jobs.hotspots.SplitRows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTReader;

/**
 * Reads the rows of a polygon input split, whatever its format: GeoParquet (the {@code geometry} column
 * as WKB), CSV (a {@code geometry} column as WKT or hex WKB) through the hotspot job's split reader
 * ({@link SplitRows}), or a GeoJSON FeatureCollection (one split per file, properties by name). Each
 * row comes with the values of the requested columns, its geometry or why it has none, its line (the
 * feature number in GeoJSON) and its raw text. Not thread-safe: one instance per task.
 */
final class PolygonRows {
    /** One row; {@code values} is null for a malformed row (wrong number of fields). */
    static final class Row {
        String[] values;
        Geometry geometry;
        String geometryProblem;
        long line;
        String raw;
    }

    interface Visitor {
        void row(Row row) throws Exception;
    }

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private final WKBReader wkb = new WKBReader(WGS84);
    private final WKTReader wkt = new WKTReader(WGS84);

    /** Whether a split is a GeoJSON file. */
    static boolean isGeoJson(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        return name.endsWith(".geojson") || name.endsWith(".json");
    }

    /**
     * Reads every row of {@code split}; {@code columns} are looked up by name, those not in
     * {@code optional} must exist (a missing column fails the input with one line).
     */
    void read(InputSplit split, String input, String[] columns, List<String> optional, Visitor visitor) throws Exception {
        Row row = new Row();
        if (isGeoJson(split.path)) {
            List<Feature> features = GeoJsonReader.read(Path.of(split.path));
            for (Feature f : features) {
                row.values = new String[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    Object v = f.properties().get(columns[i]);
                    row.values[i] = v == null ? "" : v.toString();
                }
                row.geometry = f.geometry();
                row.geometryProblem = f.geometry() == null ? "feature has no geometry" : null;
                row.line = f.index() + 1L;
                row.raw = raw(f.properties(), f.geometry());
                visitor.row(row);
            }
            return;
        }
        requireColumns(List.of(split.header), input, split.path, columns, optional);
        int[] index = new int[columns.length];
        List<String> header = List.of(split.header);
        for (int i = 0; i < columns.length; i++) {
            index[i] = header.indexOf(columns[i]);
        }
        int geometry = header.indexOf("geometry");
        SplitRows.read(split, (fields, line, raw) -> {
            row.line = line;
            row.raw = raw;
            if (fields == null) {
                row.values = null;
                row.geometry = null;
                row.geometryProblem = null;
            } else {
                row.values = new String[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    row.values[i] = index[i] < 0 || fields[index[i]] == null ? "" : fields[index[i]].trim();
                }
                parseGeometry(fields[geometry], row);
            }
            visitor.row(row);
        });
    }

    private void parseGeometry(String text, Row row) {
        row.geometry = null;
        row.geometryProblem = null;
        if (text == null || text.isBlank()) {
            row.geometryProblem = "geometry is empty";
            return;
        }
        String t = text.trim();
        try {
            row.geometry = isHex(t) ? wkb.read(WKBReader.hexToBytes(t)) : wkt.read(t);
        } catch (ParseException | RuntimeException e) {
            row.geometryProblem = "geometry is neither WKB nor WKT: " + e.getMessage();
        }
    }

    private static boolean isHex(String s) {
        if (s.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static String raw(Map<String, Object> properties, Geometry g) {
        String text = properties + " " + (g == null ? "null" : g.toText());
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }

    /** Checks that a table's header has the {@code columns} (less {@code optional}) and a {@code geometry} column. */
    static void requireColumns(List<String> header, String input, String file, String[] columns, List<String> optional) {
        for (String c : columns) {
            if (!optional.contains(c) && !header.contains(c)) {
                throw new IllegalArgumentException(input + ": " + file + " has no column '" + c + "' (has " + header + ")");
            }
        }
        if (!header.contains("geometry")) {
            throw new IllegalArgumentException(input + ": " + file + " has no column 'geometry' (has " + header + ")");
        }
    }

    /**
     * The splits of a polygon input: one per GeoJSON file, else the hotspot job's planner (CSV ranges,
     * Parquet files). Checks every file before the job starts, so a wrong one fails with one line: table
     * headers must have the {@code columns} (less {@code optional}) and {@code geometry}; GeoJSON files
     * must parse.
     */
    static List<InputSplit> plan(String input, Path pathOrDir, long splitBytes, String[] columns, List<String> optional) {
        List<Path> geojson = new ArrayList<>();
        if (java.nio.file.Files.isRegularFile(pathOrDir) && isGeoJson(pathOrDir.toString())) {
            geojson.add(pathOrDir);
        } else if (java.nio.file.Files.isDirectory(pathOrDir)) {
            try (var files = java.nio.file.Files.list(pathOrDir)) {
                files.filter(p -> isGeoJson(p.toString()) && !p.getFileName().toString().startsWith("."))
                        .sorted().forEach(geojson::add);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(input + ": cannot list " + pathOrDir + ": " + e.getMessage());
            }
        }
        if (geojson.isEmpty()) {
            for (Path file : io.zhili.geo.table.TableFiles.list(pathOrDir)) {
                try (io.zhili.geo.table.TableReader r = io.zhili.geo.table.TableReader.open(file)) {
                    requireColumns(r.columns(), input, file.toString(), columns, optional);
                }
            }
            // Columns checked above (with the optional ones); the planner only cuts the splits.
            return io.zhili.jobs.hotspots.InputPlanner.plan(input, pathOrDir, splitBytes, new String[0]);
        }
        List<InputSplit> splits = new ArrayList<>();
        for (Path file : geojson) {
            // Parsed once here so that a broken file fails the run at start with one line, not inside a task
            // (GeoJSON inputs are the small ones; millions of polygons belong in GeoParquet).
            try {
                GeoJsonReader.read(file);
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalArgumentException(input + ": " + e.getMessage(), e);
            }
        }
        for (int i = 0; i < geojson.size(); i++) {
            InputSplit s = new InputSplit();
            s.input = input;
            s.fileIndex = i;
            s.path = geojson.get(i).toString();
            s.header = new String[0];
            splits.add(s);
        }
        return splits;
    }
}
