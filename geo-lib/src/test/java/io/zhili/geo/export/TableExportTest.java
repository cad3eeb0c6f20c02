package io.zhili.geo.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.parquet.GeoParquetWriter;
import io.zhili.geo.parquet.TableSchema;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKBReader;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.GeometryType;

/**
 * {@link TableExport} on a point table shaped like the truck job's {@code alerts} (nulls, booleans,
 * timestamps, two files): the GeoPackage read back through SQLite (application id, required tables, CRS,
 * geometry blob header and WKB, values), the FlatGeobuf header read back with the reference implementation.
 */
class TableExportTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final TableSchema SCHEMA = TableSchema.builder().string("alert_id").string("rule").int64("start_ts_ms")
            .timestampMillis("start_ts").optionalString("site").optionalFloat64("speed").bool("closed").geometry("geometry").build();

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeTable() throws Exception {
        try (GeoParquetWriter w = GeoParquetWriter.open(dir.resolve("run/alerts/part-0.parquet"), SCHEMA)) {
            w.write("a-1", "SPEEDING", 1763998200000L, Instant.ofEpochMilli(1763998200000L), null, 71.5, true,
                    GF.createPoint(new Coordinate(120.38, 36.07)));
            w.write("a-2", "ILLEGAL_DUMPING", 1763998260000L, Instant.ofEpochMilli(1763998260000L), "S-7", null, false,
                    GF.createPoint(new Coordinate(120.40, 36.10)));
        }
        try (GeoParquetWriter w = GeoParquetWriter.open(dir.resolve("run/alerts/part-1.parquet"), SCHEMA)) {
            w.write("a-3", "SPEEDING", 1763998320000L, Instant.ofEpochMilli(1763998320000L), "S-1", 90.0, false,
                    GF.createPoint(new Coordinate(120.50, 36.20)));
        }
    }

    @Test
    void testGeoPackageHoldsTheRequiredTablesValuesAndGeometryBlobs() throws Exception {
        Path out = dir.resolve("alerts.gpkg");
        TableExport.Summary s = TableExport.export(dir.resolve("run"), "alerts", TableExport.Format.GPKG,
                List.of("rule=SPEEDING"), out);
        assertEquals(3, s.rowsRead());
        assertEquals(2, s.features());
        assertEquals("POINT", s.geometryType());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out); Statement st = c.createStatement()) {
            try (ResultSet r = st.executeQuery("PRAGMA application_id")) {
                assertEquals(0x47504B47, r.getInt(1));
            }
            try (ResultSet r = st.executeQuery("SELECT table_name, data_type, srs_id, min_x, max_x FROM gpkg_contents")) {
                assertEquals("alerts", r.getString(1));
                assertEquals("features", r.getString(2));
                assertEquals(4326, r.getInt(3));
                assertEquals(120.38, r.getDouble(4), 1e-12);
                assertEquals(120.50, r.getDouble(5), 1e-12);
            }
            try (ResultSet r = st.executeQuery("SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns")) {
                assertEquals("geometry", r.getString(1));
                assertEquals("POINT", r.getString(2));
                assertEquals(4326, r.getInt(3));
            }
            try (ResultSet r = st.executeQuery("SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = 4326")) {
                assertEquals("EPSG", r.getString(1));
                assertEquals(4326, r.getInt(2));
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT alert_id, start_ts, site, speed, closed, geometry FROM alerts ORDER BY fid")) {
                while (r.next()) {
                    byte[] blob = r.getBytes(6);
                    assertEquals('G', blob[0]);
                    assertEquals('P', blob[1]);
                    ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
                    assertEquals(0b11, blob[3], "little-endian, envelope minx/maxx/miny/maxy");
                    assertEquals(4326, b.getInt(4));
                    byte[] wkb = java.util.Arrays.copyOfRange(blob, 8 + 32, blob.length);
                    Point p = (Point) new WKBReader().read(wkb);
                    assertEquals(p.getX(), b.getDouble(8), 0);
                    assertEquals(p.getY(), b.getDouble(24), 0);
                    rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getObject(4) + " "
                            + r.getInt(5) + " " + p.getX());
                }
            }
            assertEquals(List.of("a-1 2025-11-24T15:30:00.000Z null 71.5 1 120.38", "a-3 2025-11-24T15:32:00.000Z S-1 90.0 0 120.5"),
                    rows);
        }
    }

    @Test
    void testFlatGeobufHeaderDescribesTheLayer() throws Exception {
        Path out = dir.resolve("alerts.fgb");
        TableExport.Summary s = TableExport.export(dir.resolve("run"), "alerts", TableExport.Format.FGB,
                List.of("start_ts>=2025-11-24T15:31:00Z"), out);
        assertEquals(2, s.features());
        byte[] bytes = Files.readAllBytes(out);
        HeaderMeta h = HeaderMeta.read(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        assertEquals(GeometryType.Point, h.geometryType);
        assertEquals(2, h.featuresCount);
        assertEquals(4326, h.srid);
        assertEquals(120.40, h.envelope.getMinX(), 1e-12);
        assertEquals(36.20, h.envelope.getMaxY(), 1e-12);
        assertEquals(List.of("alert_id", "rule", "start_ts_ms", "start_ts", "site", "speed", "closed"),
                h.columns.stream().map(c -> c.name).toList());
        assertArrayEquals(new byte[] {(byte) ColumnType.String, (byte) ColumnType.String, (byte) ColumnType.Long,
                (byte) ColumnType.DateTime, (byte) ColumnType.String, (byte) ColumnType.Double, (byte) ColumnType.Bool},
                toBytes(h.columns.stream().map(c -> c.type).toList()));
        assertTrue(h.columns.get(4).nullable);
        assertFalse(h.columns.get(0).nullable);
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().startsWith(".alerts.fgb")), "no temporary files left");
    }

    @Test
    void testWhereRefusesWhatItCannotCompare() throws Exception {
        List<ExportColumn> columns = ExportColumn.read(dir.resolve("run/alerts/part-0.parquet")).columns();
        assertThrows(IllegalArgumentException.class, () -> RowFilter.parse(List.of("geometry=POINT"), columns, "alerts"));
        assertThrows(IllegalArgumentException.class, () -> RowFilter.parse(List.of("speed=fast"), columns, "alerts"));
        assertThrows(IllegalArgumentException.class, () -> RowFilter.parse(List.of("rule<SPEEDING"), columns, "alerts"));
        assertThrows(IllegalArgumentException.class, () -> RowFilter.parse(List.of("no such"), columns, "alerts"));
        RowFilter nullSite = RowFilter.parse(List.of("site="), columns, "alerts");
        Object[] row = new Object[columns.size()];
        assertTrue(nullSite.test(row));
        row[4] = "S-1";
        assertFalse(nullSite.test(row));
    }

    private static byte[] toBytes(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
