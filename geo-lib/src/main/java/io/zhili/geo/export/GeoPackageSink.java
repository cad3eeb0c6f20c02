package io.zhili.geo.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Writes a GeoPackage 1.3 file (OGC 12-128r18) through SQLite: the required {@code gpkg_spatial_ref_sys}
 * (with EPSG:4326), {@code gpkg_contents} and {@code gpkg_geometry_columns}, and one feature table with an
 * integer primary key {@code fid}, the geometry as a GeoPackage binary (header with envelope, then the
 * table's WKB unchanged) and every other column with its GeoPackage type. Values are bound as parameters;
 * table and column names are quoted identifiers, so no text of the data or the command line becomes SQL.
 * Not thread-safe.
 */
final class GeoPackageSink implements FeatureSink {
    /** {@code PRAGMA application_id} of a GeoPackage: "GPKG". */
    static final int APPLICATION_ID = 0x47504B47;
    /** {@code PRAGMA user_version} of GeoPackage 1.3.0. */
    static final int USER_VERSION = 10300;
    private static final String WGS84_WKT = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
            + "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
            + "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]";
    private static final int BATCH = 5_000;

    private final Connection db;
    private final PreparedStatement insert;
    private final List<ExportColumn> columns;
    private final int srid;
    private final String table;
    private final Envelope extent = new Envelope();
    private int pending;

    /**
     * Creates the file's tables.
     *
     * @param geometryType GeoPackage geometry type name (e.g. {@code POLYGON}, {@code GEOMETRY})
     */
    GeoPackageSink(Path file, String table, List<ExportColumn> columns, String geometryType, int srid) throws IOException {
        this.columns = columns;
        this.srid = srid;
        this.table = table;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA application_id = " + APPLICATION_ID);
                s.execute("PRAGMA user_version = " + USER_VERSION);
                // A fresh file written once: no rollback journal needed; the caller publishes it by rename.
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
                s.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, "
                        + "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, "
                        + "description TEXT)");
                s.execute("CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, "
                        + "identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT "
                        + "(strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, "
                        + "srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))");
                s.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
                        + "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, "
                        + "CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name), "
                        + "CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), "
                        + "CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))");
            }
            try (PreparedStatement srs = db.prepareStatement("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)")) {
                addSrs(srs, "Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system");
                addSrs(srs, "Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system");
                addSrs(srs, "WGS 84 geodetic", 4326, "EPSG", 4326, WGS84_WKT, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid");
                srs.executeBatch();
            }
            String geometryColumn = null;
            StringBuilder create = new StringBuilder("CREATE TABLE ").append(quote(table)).append(" (")
                    .append(quote(fidName(columns))).append(" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL");
            StringBuilder names = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (ExportColumn c : columns) {
                create.append(", ").append(quote(c.name())).append(' ')
                        .append(c.kind() == ExportColumn.Kind.GEOMETRY ? geometryType : sqlType(c.kind()));
                if (c.kind() == ExportColumn.Kind.GEOMETRY) {
                    geometryColumn = c.name();
                }
                names.append(names.length() == 0 ? "" : ", ").append(quote(c.name()));
                marks.append(marks.length() == 0 ? "?" : ", ?");
            }
            create.append(')');
            try (Statement s = db.createStatement()) {
                s.execute(create.toString());
            }
            try (PreparedStatement p = db.prepareStatement("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
                    + "VALUES (?, 'features', ?, ?)")) {
                p.setString(1, table);
                p.setString(2, table);
                p.setInt(3, srid);
                p.executeUpdate();
            }
            if (geometryColumn != null) {
                try (PreparedStatement p = db.prepareStatement("INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)")) {
                    p.setString(1, table);
                    p.setString(2, geometryColumn);
                    p.setString(3, geometryType);
                    p.setInt(4, srid);
                    p.executeUpdate();
                }
            }
            db.setAutoCommit(false);
            insert = db.prepareStatement("INSERT INTO " + quote(table) + " (" + names + ") VALUES (" + marks + ")");
        } catch (SQLException e) {
            throw new IOException(file + ": cannot write GeoPackage: " + e.getMessage(), e);
        }
    }

    private static void addSrs(PreparedStatement p, String name, int id, String org, int code, String def, String desc)
            throws SQLException {
        p.setString(1, name);
        p.setInt(2, id);
        p.setString(3, org);
        p.setInt(4, code);
        p.setString(5, def);
        p.setString(6, desc);
        p.addBatch();
    }

    /** {@code fid}, unless the table has a column of that name. */
    private static String fidName(List<ExportColumn> columns) {
        String name = "fid";
        while (true) {
            String n = name;
            if (columns.stream().noneMatch(c -> c.name().equalsIgnoreCase(n))) {
                return name;
            }
            name = "gpkg_" + name;
        }
    }

    /** An SQL identifier in double quotes, inner quotes doubled: any name stays a name. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String sqlType(ExportColumn.Kind kind) {
        return switch (kind) {
            case INT, LONG -> "INTEGER";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case TEXT -> "TEXT";
            case TIMESTAMP -> "DATETIME";
            case DATE -> "DATE";
            case BINARY -> "BLOB";
            case GEOMETRY -> "GEOMETRY";
        };
    }

    @Override
    public void write(Object[] values, Geometry geometry, byte[] wkb) throws IOException {
        try {
            for (int i = 0; i < columns.size(); i++) {
                int at = i + 1;
                Object v = values[i];
                ExportColumn c = columns.get(i);
                if (c.kind() == ExportColumn.Kind.GEOMETRY) {
                    if (wkb == null) {
                        insert.setNull(at, Types.BLOB);
                    } else {
                        insert.setBytes(at, geometryBlob(geometry, wkb, srid));
                        if (!geometry.isEmpty()) {
                            extent.expandToInclude(geometry.getEnvelopeInternal());
                        }
                    }
                } else if (v == null) {
                    insert.setNull(at, Types.NULL);
                } else if (v instanceof Integer n) {
                    insert.setInt(at, n);
                } else if (v instanceof Long n) {
                    insert.setLong(at, n);
                } else if (v instanceof Double d) {
                    insert.setDouble(at, d);
                } else if (v instanceof Boolean b) {
                    insert.setInt(at, b ? 1 : 0);
                } else if (v instanceof byte[] bytes) {
                    insert.setBytes(at, bytes);
                } else if (v instanceof Instant t) {
                    insert.setString(at, TableExport.isoMillis(t));
                } else if (v instanceof LocalDate d) {
                    insert.setString(at, d.toString());
                } else {
                    insert.setString(at, v.toString());
                }
            }
            insert.addBatch();
            if (++pending == BATCH) {
                insert.executeBatch();
                pending = 0;
            }
        } catch (SQLException e) {
            throw new IOException("cannot write GeoPackage row: " + e.getMessage(), e);
        }
    }

    /**
     * A GeoPackage geometry blob: magic {@code GP}, version 0, flags (little-endian, envelope
     * [minx, maxx, miny, maxy] or the empty flag), the SRS id, the envelope, then the WKB.
     */
    static byte[] geometryBlob(Geometry geometry, byte[] wkb, int srid) {
        boolean empty = geometry.isEmpty();
        int envelopeBytes = empty ? 0 : 32;
        ByteBuffer b = ByteBuffer.allocate(8 + envelopeBytes + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'G').put((byte) 'P').put((byte) 0);
        b.put((byte) (empty ? 0b0001_0001 : 0b0000_0011));
        b.putInt(srid);
        if (!empty) {
            Envelope e = geometry.getEnvelopeInternal();
            b.putDouble(e.getMinX()).putDouble(e.getMaxX()).putDouble(e.getMinY()).putDouble(e.getMaxY());
        }
        b.put(wkb);
        return b.array();
    }

    @Override
    public void finish() throws IOException {
        try {
            if (pending > 0) {
                insert.executeBatch();
                pending = 0;
            }
            if (!extent.isNull()) {
                try (PreparedStatement p = db.prepareStatement("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? "
                        + "WHERE table_name = ?")) {
                    p.setDouble(1, extent.getMinX());
                    p.setDouble(2, extent.getMinY());
                    p.setDouble(3, extent.getMaxX());
                    p.setDouble(4, extent.getMaxY());
                    p.setString(5, table);
                    p.executeUpdate();
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw new IOException("cannot complete GeoPackage: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            insert.close();
            db.close();
        } catch (SQLException e) {
            throw new IOException("cannot close GeoPackage: " + e.getMessage(), e);
        }
    }
}
