package io.zhili.geo.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.parquet.GeoParquetMetadata;
import io.zhili.geo.table.TableFiles;
import io.zhili.geo.table.TableInputException;
import io.zhili.geo.table.TableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.wololo.flatgeobuf.generated.GeometryType;

/**
 * Exports one output table of a run ({@code DIR/NAME/}: its Parquet files, Hive partition folders
 * included) to a file that desktop GIS opens without Parquet support: GeoPackage or FlatGeobuf, with
 * the same columns (partition keys such as {@code period} become columns when the files lack them), the
 * same geometry type and the CRS of the GeoParquet metadata. Files are read with geo-lib's
 * {@link TableReader}; the output is written beside {@code out} and renamed onto it when complete, so a
 * failed export leaves no partial file.
 *
 * <p>Stateless; each call works on its own files.
 */
public final class TableExport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Output formats. */
    public enum Format {
        /** OGC GeoPackage (SQLite). */
        GPKG,
        /** FlatGeobuf. */
        FGB
    }

    /**
     * What an export wrote.
     *
     * @param rowsRead     rows in the table's files
     * @param features     rows written (those that passed the filter)
     * @param columns      columns written, geometry included
     * @param geometryType geometry type name written (e.g. {@code POLYGON}, {@code GEOMETRY})
     * @param srid         EPSG code of the CRS
     */
    public record Summary(long rowsRead, long features, List<ExportColumn> columns, String geometryType, int srid) {
    }

    private TableExport() {
    }

    /**
     * The export of table {@code table} of run directory {@code runDir}.
     *
     * @param where {@link RowFilter} conditions, all of which a row must meet
     * @throws IllegalArgumentException with a one-line reason for a missing run, an unknown table, an
     *                                  unknown column or a bad condition
     * @throws TableInputException      when a file of the table cannot be read or the files disagree
     * @throws IOException              when the output cannot be written
     */
    public static Summary export(Path runDir, String table, Format format, List<String> where, Path out) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException("--from " + runDir + ": no such run directory");
        }
        if (!table.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("--table '" + table + "' must be a table name such as hotspot_cells");
        }
        Path tableDir = runDir.resolve(table);
        if (!Files.isDirectory(tableDir)) {
            throw new IllegalArgumentException("unknown table '" + table + "' in " + runDir + " (tables: "
                    + String.join(", ", tablesIn(runDir)) + ")");
        }
        List<Path> files = TableFiles.list(tableDir).stream().filter(f -> f.toString().endsWith(".parquet")).toList();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("table '" + table + "' in " + runDir + " has no Parquet files");
        }
        ExportColumn.FileSchema first = ExportColumn.read(files.get(0));
        List<String> partitionKeys = new ArrayList<>();
        for (String key : partitionValues(tableDir, files.get(0)).keySet()) {
            if (first.columns().stream().noneMatch(c -> c.name().equals(key))) {
                partitionKeys.add(key);
            }
        }
        List<ExportColumn> columns = new ArrayList<>(first.columns());
        partitionKeys.forEach(k -> columns.add(new ExportColumn(k, ExportColumn.Kind.TEXT, false)));
        RowFilter filter = RowFilter.parse(where, columns, table);
        int geometryIndex = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).kind() == ExportColumn.Kind.GEOMETRY) {
                geometryIndex = i;
            }
        }
        String geometryType = geometryTypeName(first.geo());
        int srid = srid(first.geo(), files.get(0));

        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + out.getFileName(), ".tmp");
        Files.delete(tmp); // SQLite wants to create the file itself
        long read = 0;
        long written = 0;
        WKBReader wkbReader = new WKBReader();
        try {
            try (FeatureSink sink = format == Format.GPKG
                    ? new GeoPackageSink(tmp, table, columns, geometryType, srid)
                    : new FlatGeobufSink(tmp, table, columns, fgbType(geometryType), srid)) {
                Object[] row = new Object[columns.size()];
                for (Path file : files) {
                    ExportColumn.FileSchema schema = ExportColumn.read(file);
                    if (!schema.columns().equals(first.columns())) {
                        throw new TableInputException(file + ": columns differ from " + files.get(0) + " of the same table");
                    }
                    Map<String, String> partition = partitionValues(tableDir, file);
                    try (TableReader reader = TableReader.open(file)) {
                        int fileColumns = first.columns().size();
                        while (reader.next()) {
                            read++;
                            for (int i = 0; i < fileColumns; i++) {
                                row[i] = value(columns.get(i), reader.get(i), file, reader.rowNumber());
                            }
                            for (int i = 0; i < partitionKeys.size(); i++) {
                                row[fileColumns + i] = partition.get(partitionKeys.get(i));
                            }
                            if (!filter.test(row)) {
                                continue;
                            }
                            byte[] wkb = geometryIndex < 0 ? null : (byte[]) row[geometryIndex];
                            Geometry g = null;
                            if (wkb != null) {
                                try {
                                    g = wkbReader.read(wkb);
                                } catch (ParseException e) {
                                    throw new TableInputException(file + ": row " + reader.rowNumber() + ": geometry is not WKB: "
                                            + e.getMessage());
                                }
                            }
                            sink.write(row, g, wkb);
                            written++;
                        }
                    }
                }
                sink.finish();
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Summary(read, written, List.copyOf(columns), geometryType, srid);
    }

    /** Folders of a run that hold tables (not hidden, not {@code _}-prefixed), sorted. */
    static List<String> tablesIn(Path runDir) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> list = Files.list(runDir)) {
            list.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.startsWith("_")).forEach(names::add);
        }
        return new ArrayList<>(names);
    }

    /** {@code key=value} folders between the table folder and a file, in order. */
    static Map<String, String> partitionValues(Path tableDir, Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        Path rel = tableDir.relativize(file.getParent() == null ? file : file.getParent());
        for (Path part : rel) {
            String s = part.toString();
            int eq = s.indexOf('=');
            if (eq > 0) {
                out.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        return out;
    }

    /** One cell as the reader renders it (text; "" for null) converted to the column's kind. */
    private static Object value(ExportColumn c, String text, Path file, long row) {
        if (text.isEmpty()) {
            return c.kind() == ExportColumn.Kind.TEXT && !c.nullable() ? "" : null;
        }
        try {
            return switch (c.kind()) {
                case INT -> Integer.valueOf(text);
                case LONG -> Long.valueOf(text);
                case DOUBLE -> Double.valueOf(text);
                case BOOLEAN -> Boolean.valueOf(text);
                case TIMESTAMP -> Instant.ofEpochMilli(Long.parseLong(text));
                case DATE -> LocalDate.parse(text);
                case BINARY, GEOMETRY -> HEX.parseHex(text);
                case TEXT -> text;
            };
        } catch (RuntimeException e) {
            throw new TableInputException(file + ": row " + row + ": column " + c.name() + ": unexpected value '" + text + "'");
        }
    }

    /** ISO-8601 UTC with milliseconds, as both formats store date-times. */
    static String isoMillis(Instant t) {
        return ISO_MILLIS.format(t);
    }

    /** The single geometry type of the GeoParquet metadata in upper case, else {@code GEOMETRY}. */
    static String geometryTypeName(GeoParquetMetadata geo) {
        if (geo == null) {
            return "GEOMETRY";
        }
        GeoParquetMetadata.Column c = geo.columns().get(geo.primaryColumn());
        if (c == null || c.geometryTypes().size() != 1) {
            return "GEOMETRY";
        }
        String t = c.geometryTypes().get(0).toUpperCase(Locale.ROOT);
        return switch (t) {
            case "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION" -> t;
            default -> "GEOMETRY";
        };
    }

    private static byte fgbType(String name) {
        return (byte) switch (name) {
            case "POINT" -> GeometryType.Point;
            case "LINESTRING" -> GeometryType.LineString;
            case "POLYGON" -> GeometryType.Polygon;
            case "MULTIPOINT" -> GeometryType.MultiPoint;
            case "MULTILINESTRING" -> GeometryType.MultiLineString;
            case "MULTIPOLYGON" -> GeometryType.MultiPolygon;
            default -> GeometryType.Unknown;
        };
    }

    /**
     * The EPSG code of the primary geometry column's CRS: 4326 for GeoParquet's default (OGC:CRS84, the
     * same datum and axes as GIS software uses EPSG:4326 for) and for a PROJJSON whose {@code id} is
     * EPSG:4326 or OGC:CRS84.
     *
     * @throws TableInputException for any other CRS (both formats would need its full definition)
     */
    static int srid(GeoParquetMetadata geo, Path file) {
        if (geo == null) {
            return 4326;
        }
        GeoParquetMetadata.Column c = geo.columns().get(geo.primaryColumn());
        if (c == null || c.crs() == null) {
            return 4326;
        }
        try {
            JsonNode id = JSON.readTree(c.crs()).path("id");
            String authority = id.path("authority").asText("");
            String code = id.path("code").asText("");
            if ((authority.equals("EPSG") && code.equals("4326")) || (authority.equals("OGC") && code.equals("CRS84"))) {
                return 4326;
            }
            throw new TableInputException(file + ": CRS " + authority + ":" + code + " is not supported by zhili export (EPSG:4326 only)");
        } catch (IOException e) {
            throw new TableInputException(file + ": GeoParquet CRS is not PROJJSON: " + e.getMessage());
        }
    }
}
