package io.zhili.geo.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTReader;

class GeoParquetWriterTest {
    @TempDir
    Path dir;

    static final TableSchema ALL_TYPES = TableSchema.builder()
            .string("h3").int32("h3_res").timestampMillis("period_start").int64("cases").float64("rate")
            .bool("hot").geometry("geometry")
            .optionalString("note").optionalInt32("o_int").optionalInt64("o_long").optionalFloat64("gi_z")
            .optionalBool("o_bool").optionalTimestampMillis("closed_at").optionalGeometry("o_geom")
            .build();

    static final String CELL_A = "POLYGON ((120.3 36.0, 120.4 36.0, 120.4 36.1, 120.3 36.1, 120.3 36.0))";
    static final String CELL_B = "POLYGON ((120.35 36.05, 120.5 36.05, 120.5 36.2, 120.35 36.05))";

    static Connection duck() throws Exception {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    static String sqlPath(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    static byte[] blob(ResultSet rs, String column) throws java.sql.SQLException {
        java.sql.Blob b = rs.getBlob(column);
        return b.getBytes(1, (int) b.length());
    }

    private Path writeAllTypes() throws Exception {
        WKTReader wkt = new WKTReader();
        Path file = dir.resolve("out/cells.parquet");
        try (GeoParquetWriter w = GeoParquetWriter.open(file, ALL_TYPES)) {
            w.write("8931aa4a1a3ffff", 9, 1735689600000L, 42L, 1.5, true, wkt.read(CELL_A),
                    "青岛 \"市南\", 区", 7, 8L, -2.58, false, Instant.ofEpochMilli(1735693200123L),
                    wkt.read("POINT (120.38 36.07)"));
            w.write("8931aa4a1a7ffff", 9, Instant.parse("2025-01-02T00:00:00Z"), 0L, 0.0, false, wkt.read(CELL_B),
                    null, null, null, null, null, null, null);
            assertEquals(2, w.rowCount());
        }
        return file;
    }

    @Test
    void duckDbReadsEveryColumnTypeBack() throws Exception {
        Path file = writeAllTypes();
        try (Connection c = duck(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT h3, h3_res, epoch_ms(period_start) AS ps, cases, rate, hot, geometry,"
                     + " note, o_int, o_long, gi_z, o_bool, epoch_ms(closed_at) AS ca, o_geom"
                     + " FROM read_parquet(" + sqlPath(file) + ") ORDER BY h3")) {
            assertTrue(rs.next());
            assertEquals("8931aa4a1a3ffff", rs.getString("h3"));
            assertEquals(9, rs.getInt("h3_res"));
            assertEquals(1735689600000L, rs.getLong("ps"));
            assertEquals(42L, rs.getLong("cases"));
            assertEquals(1.5, rs.getDouble("rate"));
            assertTrue(rs.getBoolean("hot"));
            byte[] wkb = blob(rs, "geometry");
            // Little-endian byte order marker, then WKB type 3 (Polygon), then 1 ring of 5 points.
            assertArrayEquals(new byte[] {1, 3, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0}, java.util.Arrays.copyOf(wkb, 13));
            Geometry g = new WKBReader().read(wkb);
            assertTrue(g.equalsExact(new WKTReader().read(CELL_A)));
            assertEquals("青岛 \"市南\", 区", rs.getString("note"));
            assertEquals(7, rs.getInt("o_int"));
            assertEquals(8L, rs.getLong("o_long"));
            assertEquals(-2.58, rs.getDouble("gi_z"));
            assertFalse(rs.getBoolean("o_bool"));
            assertEquals(1735693200123L, rs.getLong("ca"));
            assertEquals("POINT (120.38 36.07)", new WKBReader().read(blob(rs, "o_geom")).toText());

            assertTrue(rs.next());
            assertEquals("8931aa4a1a7ffff", rs.getString("h3"));
            assertEquals(1735776000000L, rs.getLong("ps"));
            assertEquals(0L, rs.getLong("cases"));
            assertFalse(rs.getBoolean("hot"));
            for (String optional : List.of("note", "o_int", "o_long", "gi_z", "o_bool", "ca", "o_geom")) {
                assertNull(rs.getObject(optional), optional);
            }
            assertFalse(rs.next());
        }
    }

    @Test
    void duckDbSeesParquetTypesIncludingUtcTimestamps() throws Exception {
        Path file = writeAllTypes();
        Map<String, String> types = new HashMap<>();
        Map<String, String> nullable = new HashMap<>();
        try (Connection c = duck(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + sqlPath(file) + ")")) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        assertEquals("VARCHAR", types.get("h3"));
        assertEquals("INTEGER", types.get("h3_res"));
        assertEquals("TIMESTAMP WITH TIME ZONE", types.get("period_start"));
        assertEquals("TIMESTAMP WITH TIME ZONE", types.get("closed_at"));
        assertEquals("BIGINT", types.get("cases"));
        assertEquals("DOUBLE", types.get("rate"));
        assertEquals("BOOLEAN", types.get("hot"));
        assertEquals("BLOB", types.get("geometry"));
        try (Connection c = duck(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, repetition_type FROM parquet_schema(" + sqlPath(file)
                     + ") WHERE name IN ('h3', 'gi_z')")) {
            while (rs.next()) {
                nullable.put(rs.getString(1), rs.getString(2));
            }
        }
        assertEquals(Map.of("h3", "REQUIRED", "gi_z", "OPTIONAL"), nullable);
        try (Connection c = duck(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT compression FROM parquet_metadata(" + sqlPath(file) + ")")) {
            assertTrue(rs.next());
            assertEquals("SNAPPY", rs.getString(1));
            assertFalse(rs.next());
        }
    }

    @Test
    void geoMetadataHasPolygonTypeAndBboxOfAllRows() throws Exception {
        Path file = writeAllTypes();
        String json;
        try (Connection c = duck(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT decode(value) FROM parquet_kv_metadata(" + sqlPath(file)
                     + ") WHERE decode(key) = 'geo'")) {
            assertTrue(rs.next(), "no geo key in the footer");
            json = rs.getString(1);
        }
        GeoParquetMetadata geo = GeoParquetMetadata.parse(json);
        assertEquals("1.1.0", geo.version());
        assertEquals("geometry", geo.primaryColumn());
        assertEquals(List.of("geometry", "o_geom"), List.copyOf(geo.columns().keySet()));
        GeoParquetMetadata.Column primary = geo.columns().get("geometry");
        assertEquals("WKB", primary.encoding());
        assertEquals(List.of("Polygon"), primary.geometryTypes());
        assertArrayEquals(new double[] {120.3, 36.0, 120.5, 36.2}, primary.bbox());
        assertNull(primary.crs(), "default OGC:CRS84 is written by omitting crs");
        assertArrayEquals(new double[] {120.38, 36.07, 120.38, 36.07}, geo.columns().get("o_geom").bbox());
        assertEquals(geo, GeoParquetMetadata.read(file).orElseThrow());
        assertTrue(json.startsWith("{\"version\":\"1.1.0\",\"primary_column\":\"geometry\",\"columns\":{\"geometry\":"
                + "{\"encoding\":\"WKB\",\"geometry_types\":[\"Polygon\"],\"bbox\":[120.3,36.0,120.5,36.2]}"), json);
    }

    @Test
    void tableWithoutGeometryHasNoGeoKey() throws Exception {
        Path file = dir.resolve("plain.parquet");
        try (GeoParquetWriter w = GeoParquetWriter.open(file, TableSchema.builder().string("a").int64("n").build())) {
            w.write("x", 1L);
        }
        assertTrue(GeoParquetMetadata.read(file).isEmpty());
    }

    @Test
    void geometryColumnWithOnlyNullsHasEmptyTypesAndNoBbox() throws Exception {
        Path file = dir.resolve("nulls.parquet");
        try (GeoParquetWriter w = GeoParquetWriter.open(file,
                TableSchema.builder().string("id").optionalGeometry("geometry").build())) {
            w.write("a", null);
        }
        GeoParquetMetadata.Column col = GeoParquetMetadata.read(file).orElseThrow().columns().get("geometry");
        assertEquals(List.of(), col.geometryTypes());
        assertNull(col.bbox());
    }

    @Test
    void nullInRequiredColumnIsRefusedNamingTheColumn() throws Exception {
        try (GeoParquetWriter w = GeoParquetWriter.open(dir.resolve("r.parquet"), ALL_TYPES)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.write("c", 9, 0L, null, 1.0, true, new WKTReader().read(CELL_A),
                            null, null, null, null, null, null, null));
            assertEquals("column 'cases' is required but the value is null", e.getMessage());
            assertEquals(0, w.rowCount());
        }
    }

    @Test
    void wrongValueTypeAndCountAreRefused() throws Exception {
        TableSchema schema = TableSchema.builder().string("id").int32("res").timestampMillis("ts").build();
        Path file = dir.resolve("t.parquet");
        try (GeoParquetWriter w = GeoParquetWriter.open(file, schema)) {
            assertEquals("column 'res' (int32) expects an integral number (Long, Integer, Short, Byte), got Double 9.5",
                    assertThrows(IllegalArgumentException.class, () -> w.write("a", 9.5, 0L)).getMessage());
            assertEquals("column 'res' (int32): 4294967296 does not fit in 32 bits",
                    assertThrows(IllegalArgumentException.class, () -> w.write("a", 1L << 32, 0L)).getMessage());
            assertEquals("column 'ts' (timestamp_millis) expects epoch milliseconds (Long) or an Instant, got String 2025",
                    assertThrows(IllegalArgumentException.class, () -> w.write("a", 9, "2025")).getMessage());
            assertEquals("expected 3 values [id, res, ts], got 2",
                    assertThrows(IllegalArgumentException.class, () -> w.write("a", 9)).getMessage());
            w.write("ok", 9, 5L);
        }
        try (Connection c = duck(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), min(id) FROM read_parquet(" + sqlPath(file) + ")")) {
            rs.next();
            assertEquals(1, rs.getLong(1), "refused rows must leave nothing in the file");
            assertEquals("ok", rs.getString(2));
        }
    }

    @Test
    void duplicateColumnNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TableSchema.builder().string("a").int32("a").build());
    }
}
