import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Compares two output directories of {@code zhili hotspots} row for row: for every table, the rows of
 * each side missing from the other (DuckDB {@code EXCEPT ALL} both ways, so duplicates count), and the
 * row counts. Prints one line per table and exits 1 when any table differs. Launched as a single-file
 * source program with the DuckDB JDBC jar on the class path:
 * {@code java -cp duckdb_jdbc.jar CompareHotspots.java DIR_A DIR_B} ({@code scripts/bench.sh hotspots-compare}).
 */
public class CompareHotspots {
    private static final String[] TABLES = {"hotspot_cells", "emerging", "time_profile", "area_summary",
        "component_recurrence", "rejects"};

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CompareHotspots DIR_A DIR_B");
            System.exit(2);
        }
        boolean same = true;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            for (String table : TABLES) {
                String a = scan(args[0], table);
                String b = scan(args[1], table);
                long onlyA = count(st, "SELECT count(*) FROM (" + a + " EXCEPT ALL " + b + ")");
                long onlyB = count(st, "SELECT count(*) FROM (" + b + " EXCEPT ALL " + a + ")");
                long rows = count(st, "SELECT count(*) FROM (" + a + ")");
                System.out.printf("%-22s rows=%d only_in_a=%d only_in_b=%d%n", table, rows, onlyA, onlyB);
                same &= onlyA == 0 && onlyB == 0;
            }
        }
        System.out.println(same ? "hotspots-compare: equal" : "hotspots-compare: DIFFERENT");
        System.exit(same ? 0 : 1);
    }

    private static String scan(String dir, String table) {
        return "SELECT * FROM read_parquet('" + dir.replace("'", "''") + "/" + table
                + "/**/*.parquet', hive_partitioning=true, union_by_name=true)";
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
