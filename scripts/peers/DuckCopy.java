import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Runs DuckDB statements given as arguments in one in-memory database, in order: the PostGIS side of
 * `scripts/bench.sh peers` uses it to turn the generated GeoParquet into CSV with hex WKB geometry for
 * PostgreSQL's COPY (Debian's GDAL has no Parquet driver). Launched as a single-file source program
 * with the DuckDB JDBC jar on the class path: {@code java -cp duckdb_jdbc.jar DuckCopy.java "COPY …"}.
 */
public class DuckCopy {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String sql : args) {
                s.execute(sql);
            }
        }
    }
}
