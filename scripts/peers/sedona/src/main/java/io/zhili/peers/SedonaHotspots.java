package io.zhili.peers;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.sedona.spark.SedonaContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Zhili's hotspot job in Apache Sedona on Spark, local mode, written the way a Sedona user would: CSV into
 * DataFrames, validation in Spark SQL (Java UDFs where SQL has no function: timestamp parsing, GCJ-02), the
 * district test as a Sedona spatial join, the case-to-component join by id else by a Sedona distance join
 * (nearest same-class component within 30 m in EPSG:4549 metres), H3 cells with Sedona's {@code ST_H3CellIDs}
 * (rollups by the H3 parent bits), counts per cell, month and category with {@code GROUPING SETS}, Gi* in SQL
 * over {@code ST_H3KRing} neighbourhoods, the time profile and area summary, recurring components, and
 * GeoParquet output.
 *
 * <p>Sedona's own Gi* ({@code org.apache.sedona.stats.hotspotDetection.GetisOrd}) scores one variable over one
 * DataFrame; the job needs one score per resolution, category and month (thousands of series), so the same
 * formula is written as SQL over all series at once (one pass), as such a user would end up doing.
 *
 * <pre>
 *   SedonaHotspots DATA_DIR CLASSES_CSV OUT_DIR        the job; prints name=value counts at the end
 *   SedonaHotspots --count-zhili ZHILI_OUT_DIR         hotspot_cells row counts of a Zhili run, same names
 * </pre>
 */
public final class SedonaHotspots {
    private static final int BASE_RES = 9;
    private static final int[] RES = {9, 8, 7};
    private static final long DAY_MS = 86_400_000L;

    private SedonaHotspots() {
    }

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("--count-zhili")) {
            countZhili(args[1]);
            return;
        }
        if (args.length != 3) {
            System.err.println("usage: SedonaHotspots DATA_DIR CLASSES_CSV OUT_DIR | --count-zhili ZHILI_OUT_DIR");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        SparkSession spark = session();
        new Job(spark, args[0], args[1], args[2]).run();
        System.err.printf(Locale.ROOT, "sedona hotspots: %.1f s in the job%n", (System.nanoTime() - t0) / 1e9);
        spark.stop();
    }

    static SparkSession session() {
        SparkSession config = SedonaContext.builder()
                .master("local[" + Runtime.getRuntime().availableProcessors() + "]")
                .appName("sedona-hotspots")
                .config("spark.ui.enabled", "false")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.kryo.registrator", "org.apache.sedona.core.serde.SedonaKryoRegistrator")
                // A few cores: the default 200 shuffle partitions would be 200 tiny tasks per stage.
                .config("spark.sql.shuffle.partitions", "16")
                .config("spark.sql.session.timeZone", "Asia/Shanghai")
                .getOrCreate();
        SparkSession spark = SedonaContext.create(config);
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    static void countZhili(String out) {
        SparkSession spark = session();
        Dataset<Row> h = spark.read().format("geoparquet").load(out + "/hotspot_cells");
        h.createOrReplaceTempView("zh");
        for (Row r : spark.sql("SELECT 'hotspot_cells.rows', count(*) FROM zh UNION ALL "
                + "SELECT 'hotspot_cells.hot_99.all.res9', count(*) FROM zh "
                + "WHERE h3_res = 9 AND category = 'ALL' AND hot_class = 'HOT_99'").collectAsList()) {
            System.out.println(r.getString(0) + "=" + r.getLong(1));
        }
        spark.stop();
    }

    /** One run of the job over one generated data set. */
    static final class Job {
        private final SparkSession spark;
        private final String data;
        private final String classes;
        private final String out;

        Job(SparkSession spark, String data, String classes, String out) {
            this.spark = spark;
            this.data = data;
            this.classes = classes;
            this.out = out;
        }

        private Dataset<Row> sql(String text) {
            return spark.sql(text);
        }

        /**
         * Runs SQL into a temp view, materialised now (as a user checks each step's size) by a local checkpoint:
         * a persisted view keeps its whole lineage in the plan, and Spark's planning time then grows with every
         * step built on it (minutes per step by the Gi* tables, then out of memory for plan strings).
         */
        private Dataset<Row> table(String name, String text) {
            long t = System.nanoTime();
            Dataset<Row> d = spark.sql(text).localCheckpoint(true);
            d.createOrReplaceTempView(name);
            long rows = d.count();
            System.err.printf(Locale.ROOT, "  %-22s %,12d rows %6.1f s%n", name, rows, (System.nanoTime() - t) / 1e9);
            return d;
        }

        private Dataset<Row> csv(String file, String... columns) {
            StructType s = new StructType();
            for (String c : columns) {
                s = s.add(c, DataTypes.StringType);
            }
            return spark.read().option("header", "true").option("mode", "PERMISSIVE").schema(s).csv(file);
        }

        void run() {
            registerFunctions();
            stage("load");
            spark.read().option("header", "true").csv(classes).createOrReplaceTempView("classes");
            csv(data + "/components.csv", "component_id", "major_class", "minor_class", "lon", "lat",
                    "district_code", "status")
                    .selectExpr("monotonically_increasing_id() AS row_no", "*").createOrReplaceTempView("components_csv");
            csv(data + "/cases.csv", "case_id", "source", "kind", "major_class", "minor_class", "component_id",
                    "lon", "lat", "crs", "reported_at", "verified_at", "dispatched_at", "disposed_at", "closed_at",
                    "district_code")
                    .selectExpr("monotonically_increasing_id() AS row_no", "*").createOrReplaceTempView("cases_csv");
            spark.read().format("geojson").option("multiLine", "true").load(data + "/areas.geojson")
                    .selectExpr("explode(features) AS f")
                    .selectExpr("f.properties.area_id AS area_id", "f.properties.level AS level", "f.geometry AS geom")
                    .createOrReplaceTempView("areas_all");
            table("areas", "SELECT * FROM areas_all");
            table("districts", "SELECT area_id, geom FROM areas WHERE level = 'district'");
            table("components_raw", "SELECT * FROM components_csv");
            table("cases_raw", "SELECT * FROM cases_csv");

            stage("validate components");
            validateComponents();
            stage("validate cases");
            validateCases();
            stage("join: by component id, else the nearest same-class component within 30 m (distance join)");
            joinCases();
            stage("H3 cells, counts per cell, month and category");
            countCells();
            stage("Gi* per resolution, category and month");
            giStar();
            stage("areas of each case, time profile, area summary");
            areaTables();
            stage("recurring components");
            recurrence();
            stage("counts");
            printCounts();
        }

        private static void stage(String name) {
            System.err.println("== " + name);
        }

        private void registerFunctions() {
            spark.udf().register("ts_ms", (UDF1<String, Long>) SedonaHotspots::timestampMillis, DataTypes.LongType);
            spark.udf().register("gcj_lon", (UDF2<Double, Double, Double>) (lon, lat) -> Gcj02.toWgs84(lon, lat)[0],
                    DataTypes.DoubleType);
            spark.udf().register("gcj_lat", (UDF2<Double, Double, Double>) (lon, lat) -> Gcj02.toWgs84(lon, lat)[1],
                    DataTypes.DoubleType);
        }

        private void validateComponents() {
            table("components_checked", """
                    SELECT r.row_no, r.component_id, r.minor_class, r.lon, r.lat,
                        CASE
                            WHEN coalesce(r.minor_class, '') NOT RLIKE '^[0-9]{4}$' OR cm.code IS NULL THEN 'UNKNOWN_CLASS'
                            WHEN NOT startswith(r.minor_class, coalesce(r.major_class, '')) THEN 'UNKNOWN_CLASS'
                            WHEN coalesce(r.component_id, '') NOT RLIKE '^[0-9]{16}$' THEN 'BAD_COMPONENT_CODE'
                            WHEN CAST(left(r.component_id, 2) AS INT) NOT IN (11, 12, 13, 14, 15, 21, 22, 23, 31, 32,
                                 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
                                 71, 81, 82) THEN 'BAD_COMPONENT_CODE'
                            WHEN substr(r.component_id, 3, 2) = '00' AND substr(r.component_id, 5, 2) <> '00' THEN 'BAD_COMPONENT_CODE'
                            WHEN cs.code IS NULL THEN 'BAD_COMPONENT_CODE'
                            WHEN substr(r.component_id, 11, 6) = '000000' THEN 'BAD_COMPONENT_CODE'
                            WHEN substr(r.component_id, 7, 4) <> r.minor_class THEN 'BAD_COMPONENT_CODE'
                            WHEN r.lon IS NULL OR r.lat IS NULL OR r.lon < -180 OR r.lon > 180 OR r.lat < -90
                                 OR r.lat > 90 OR (r.lon = 0 AND r.lat = 0) THEN 'BAD_COORDINATES'
                        END AS reason
                    FROM (SELECT row_no, component_id, major_class, minor_class, %s, %s FROM components_raw) r
                    LEFT JOIN (SELECT code FROM classes WHERE kind = 'COMPONENT') cm ON cm.code = r.minor_class
                    LEFT JOIN (SELECT code FROM classes WHERE kind = 'COMPONENT') cs ON cs.code = substr(r.component_id, 7, 4)
                    """.formatted(coordinate("lon"), coordinate("lat")));
            // The district of each valid component: a Sedona range join against the district polygons.
            table("components_located", """
                    SELECT c.row_no, c.component_id, c.minor_class, c.lon, c.lat, ST_Point(c.lon, c.lat) AS pt
                    FROM components_checked c WHERE c.reason IS NULL
                    """);
            table("components_in_area", """
                    SELECT c.*, ST_Point(c.lon, c.lat) AS pt,
                           row_number() OVER (PARTITION BY c.component_id ORDER BY c.row_no) AS occurrence
                    FROM (SELECT /*+ BROADCAST(d) */ DISTINCT c.row_no, c.component_id, c.minor_class, c.lon, c.lat
                          FROM components_located c JOIN districts d ON ST_Contains(d.geom, c.pt)) c
                    """);
            table("components", """
                    SELECT component_id AS id, minor_class, lon, lat, pt,
                           ST_Transform(pt, 'EPSG:4326', 'EPSG:4549') AS geom
                    FROM components_in_area WHERE occurrence = 1
                    """);
        }

        /** A coordinate column as Java's Double.parseDouble would read it; NULL when it is not a number. */
        private static String coordinate(String column) {
            String name = column.substring(column.indexOf('.') + 1);
            return "CASE WHEN " + column + " RLIKE '^ *[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)? *$' "
                    + "THEN CAST(" + column + " AS DOUBLE) END AS " + name;
        }

        private void validateCases() {
            table("cases_parsed", """
                    SELECT r.row_no, r.case_id, r.source, r.kind, r.major_class, r.minor_class, r.component_id, r.crs,
                           %s, %s,
                           r.component_id IS NOT NULL AND r.lon IS NULL AND r.lat IS NULL AS located_by_component,
                           ts_ms(r.reported_at) AS reported_ms, ts_ms(r.verified_at) AS verified_ms,
                           ts_ms(r.dispatched_at) AS dispatched_ms, ts_ms(r.disposed_at) AS disposed_ms,
                           ts_ms(r.closed_at) AS closed_ms
                    FROM cases_raw r
                    """.formatted(coordinate("r.lon"), coordinate("r.lat")));
            table("cases_checked", """
                    SELECT p.*,
                        CASE
                            WHEN coalesce(p.case_id, '') = '' THEN 'MALFORMED_ROW'
                            WHEN p.source IS NULL OR p.source NOT IN ('PATROL', 'CAMERA', 'CITIZEN_APP', 'HOTLINE_12345',
                                 'DRONE', 'SATELLITE', 'SENSOR', 'TRUCK_ALERT') THEN 'MALFORMED_ROW'
                            WHEN p.kind IS NULL OR p.kind NOT IN ('COMPONENT', 'EVENT') THEN 'MALFORMED_ROW'
                            WHEN coalesce(p.minor_class, '') NOT RLIKE '^[0-9]{4}$' OR c.code IS NULL THEN 'UNKNOWN_CLASS'
                            WHEN NOT startswith(p.minor_class, coalesce(p.major_class, '')) THEN 'UNKNOWN_CLASS'
                            WHEN p.component_id IS NOT NULL AND p.component_id NOT RLIKE '^[0-9]{16}$' THEN 'UNKNOWN_COMPONENT'
                            WHEN NOT p.located_by_component AND (p.lon IS NULL OR p.lat IS NULL OR p.lon < -180
                                 OR p.lon > 180 OR p.lat < -90 OR p.lat > 90 OR (p.lon = 0 AND p.lat = 0)) THEN 'BAD_COORDINATES'
                            WHEN NOT p.located_by_component AND upper(coalesce(p.crs, 'WGS84')) NOT IN ('WGS84', 'GCJ02') THEN 'BAD_COORDINATES'
                            WHEN p.reported_ms = -1 OR p.verified_ms = -1 OR p.dispatched_ms = -1 OR p.disposed_ms = -1
                                 OR p.closed_ms = -1 THEN 'BAD_TIMESTAMP'
                            WHEN p.reported_ms IS NULL THEN 'BAD_TIMESTAMP'
                            WHEN p.verified_ms < p.reported_ms
                              OR p.dispatched_ms < greatest(p.reported_ms, p.verified_ms)
                              OR p.disposed_ms < greatest(p.reported_ms, p.verified_ms, p.dispatched_ms)
                              OR p.closed_ms < greatest(p.reported_ms, p.verified_ms, p.dispatched_ms, p.disposed_ms)
                                 THEN 'INCONSISTENT_TIMESTAMPS'
                        END AS reason
                    FROM cases_parsed p
                    LEFT JOIN classes c ON c.code = p.minor_class AND c.kind = p.kind
                    """);
            // Own positions in WGS-84 (GCJ-02 reports converted by a UDF); the first row of an id wins.
            table("cases_positioned", """
                    SELECT c.*,
                           CASE WHEN c.located_by_component THEN NULL
                                WHEN upper(c.crs) = 'GCJ02' THEN ST_Point(gcj_lon(c.lon, c.lat), gcj_lat(c.lon, c.lat))
                                ELSE ST_Point(c.lon, c.lat) END AS pt,
                           row_number() OVER (PARTITION BY c.case_id ORDER BY c.row_no) AS occurrence
                    FROM cases_checked c WHERE c.reason IS NULL
                    """);
            table("cases_in_district", """
                    SELECT /*+ BROADCAST(d) */ DISTINCT p.row_no FROM cases_positioned p
                    JOIN districts d ON ST_Contains(d.geom, p.pt)
                    WHERE NOT p.located_by_component
                    """);
            table("cases_valid", """
                    SELECT p.*, CASE WHEN p.pt IS NOT NULL THEN ST_Transform(p.pt, 'EPSG:4326', 'EPSG:4549') END AS geom,
                           CASE WHEN p.occurrence > 1 THEN 'DUPLICATE_ID'
                                WHEN NOT p.located_by_component AND i.row_no IS NULL THEN 'OUT_OF_AREA'
                                WHEN p.component_id IS NOT NULL AND c.id IS NULL THEN 'UNKNOWN_COMPONENT'
                           END AS late_reason
                    FROM cases_positioned p
                    LEFT JOIN cases_in_district i ON i.row_no = p.row_no
                    LEFT JOIN (SELECT id FROM components) c ON c.id = p.component_id
                    """);
            table("rejects", """
                    SELECT 'components' AS input, row_no, reason FROM components_checked WHERE reason IS NOT NULL
                    UNION ALL SELECT 'components', c.row_no, 'OUT_OF_AREA' FROM components_located c
                        LEFT ANTI JOIN components_in_area a ON a.row_no = c.row_no
                    UNION ALL SELECT 'components', row_no, 'DUPLICATE_ID' FROM components_in_area WHERE occurrence > 1
                    UNION ALL SELECT 'cases', row_no, reason FROM cases_checked WHERE reason IS NOT NULL
                    UNION ALL SELECT 'cases', row_no, late_reason FROM cases_valid WHERE late_reason IS NOT NULL
                    """);
            sql("SELECT input, row_no + 1 AS row_no, reason FROM rejects").write().mode("overwrite")
                    .parquet(out + "/rejects");
        }

        private void joinCases() {
            // Sedona plans ST_DWithin over two DataFrames as a distance join (a spatial partitioning and
            // an R-tree per partition); the class equality rides along as an extra condition.
            table("nearest_candidates", """
                    SELECT k.row_no, c.id, c.minor_class, c.pt, ST_Distance(c.geom, k.geom) AS d
                    FROM (SELECT row_no, minor_class, geom FROM cases_valid
                          WHERE late_reason IS NULL AND component_id IS NULL AND kind = 'COMPONENT') k
                    JOIN components c ON ST_DWithin(c.geom, k.geom, 30) AND c.minor_class = k.minor_class
                    """);
            table("cases_joined", """
                    SELECT k.row_no, k.case_id, k.kind, k.reported_ms, k.dispatched_ms, k.closed_ms,
                           coalesce(b.id, n.id) AS component,
                           CASE WHEN b.id IS NOT NULL THEN 'ID' WHEN n.id IS NOT NULL THEN 'NEAREST'
                                WHEN k.kind = 'COMPONENT' THEN 'UNATTACHED' ELSE 'EVENT' END AS joined,
                           coalesce(b.minor_class, n.minor_class, k.minor_class) AS minor_class,
                           coalesce(b.pt, n.pt, k.pt) AS pt,
                           date_format(timestamp_millis(k.reported_ms), 'yyyy-MM') AS period
                    FROM (SELECT * FROM cases_valid WHERE late_reason IS NULL) k
                    LEFT JOIN components b ON b.id = k.component_id
                    LEFT JOIN (SELECT row_no, id, minor_class, pt FROM (
                                 SELECT *, row_number() OVER (PARTITION BY row_no ORDER BY d, id) AS rank
                                 FROM nearest_candidates) WHERE rank = 1) n ON n.row_no = k.row_no
                    """);
        }

        /** SQL of the H3 parent at {@code res} of the res-9 cell in {@code cell}: the cell's bits, rewritten. */
        private static String parent(String cell, int res) {
            if (res == BASE_RES) {
                return cell;
            }
            long clearRes = ~(0xFL << 52);
            long unusedDigits = (1L << (3 * (15 - res))) - 1;
            return "((" + cell + " & " + clearRes + "L) | " + ((long) res << 52) + "L | " + unusedDigits + "L)";
        }

        private static String cellsOf(String cell) {
            List<String> parts = new ArrayList<>();
            for (int r : RES) {
                parts.add("struct(" + r + " AS res, " + parent(cell, r) + " AS cell)");
            }
            return "inline(array(" + String.join(", ", parts) + "))";
        }

        private void countCells() {
            table("component_cells", """
                    SELECT x.res, x.cell, c.minor_class FROM (
                        SELECT minor_class, ST_H3CellIDs(pt, %d, false)[0] AS h FROM components) c
                    LATERAL VIEW %s x
                    """.formatted(BASE_RES, cellsOf("c.h")));
            table("case_cells", """
                    SELECT x.res, x.cell, k.row_no, k.kind, k.minor_class, k.period FROM (
                        SELECT row_no, kind, minor_class, period, ST_H3CellIDs(pt, %d, false)[0] AS h FROM cases_joined) k
                    LATERAL VIEW %s x
                    """.formatted(BASE_RES, cellsOf("k.h")));
            // The study area: every cell with a component or a case, at each resolution.
            table("study", "SELECT res, cell FROM component_cells UNION SELECT res, cell FROM case_cells");
            table("cell_counts", """
                    SELECT res, cell, period,
                           CASE WHEN grouping(kind) = 1 THEN 'ALL' WHEN grouping(minor_class) = 1 THEN left(minor_class, 2)
                                ELSE minor_class END AS category,
                           coalesce(kind, 'ALL') AS kind, count(*) AS cases
                    FROM (SELECT res, cell, period, kind, minor_class, left(minor_class, 2) AS major FROM case_cells)
                    GROUP BY GROUPING SETS ((res, cell, period), (res, cell, period, kind, major),
                                            (res, cell, period, kind, major, minor_class))
                    """);
            table("cell_components", """
                    SELECT res, cell,
                           CASE WHEN grouping(minor_class) = 0 THEN minor_class
                                WHEN grouping(major) = 0 THEN major ELSE 'ALL' END AS category,
                           CASE WHEN grouping(major) = 0 OR grouping(minor_class) = 0 THEN 'COMPONENT' ELSE 'ALL' END AS kind,
                           count(*) AS components
                    FROM (SELECT res, cell, minor_class, left(minor_class, 2) AS major FROM component_cells)
                    GROUP BY GROUPING SETS ((res, cell), (res, cell, major), (res, cell, minor_class))
                    """);
        }

        private void giStar() {
            // Neighbours: the 1-ring of each study cell (the cell itself included) inside the study area.
            table("neighbours", """
                    SELECT r.res, r.cell, b.cell AS nb
                    FROM (SELECT res, cell, explode(ST_H3KRing(cell, 1, false)) AS ring_cell FROM study) r
                    JOIN study b ON b.res = r.res AND b.cell = r.ring_cell
                    """);
            table("weights", "SELECT res, cell, CAST(count(*) AS DOUBLE) AS w FROM neighbours GROUP BY res, cell");
            table("moments", """
                    SELECT x.res, x.category, x.kind, x.period, n.n, sum(x.cases) / n.n AS mean,
                           sqrt(greatest(sum(x.cases * x.cases) / n.n - pow(sum(x.cases) / n.n, 2), 0)) AS s
                    FROM cell_counts x JOIN (SELECT res, CAST(count(*) AS DOUBLE) AS n FROM study GROUP BY res) n
                      ON n.res = x.res
                    GROUP BY x.res, x.category, x.kind, x.period, n.n
                    """);
            table("local_sums", """
                    SELECT nb.res, nb.cell, x.category, x.kind, x.period, sum(x.cases) AS local_sum
                    FROM neighbours nb JOIN cell_counts x ON x.res = nb.res AND x.cell = nb.nb
                    GROUP BY nb.res, nb.cell, x.category, x.kind, x.period
                    """);
            // Rows: every study cell and month for ALL (zero counts included), cells with cases for the classes.
            table("gi_input", """
                    SELECT s.res, s.cell, m.period, m.category, m.kind, m.n, m.mean, m.s
                    FROM moments m JOIN study s ON s.res = m.res WHERE m.category = 'ALL'
                    UNION ALL
                    SELECT x.res, x.cell, x.period, x.category, x.kind, m.n, m.mean, m.s
                    FROM cell_counts x JOIN moments m
                      ON m.res = x.res AND m.period = x.period AND m.category = x.category AND m.kind = x.kind
                    WHERE x.category <> 'ALL'
                    """);
            // Two-sided p by the Abramowitz-Stegun 7.1.26 erfc approximation (Spark SQL has no erfc).
            table("hotspot_cells", """
                    SELECT lower(hex(res_cell.cell)) AS h3, res_cell.res AS h3_res, period,
                           to_timestamp(period || '-01', 'yyyy-MM-dd') AS period_start, category, kind, cases,
                           components, CASE WHEN components > 0 THEN cases / components END AS rate, gi_z, gi_p,
                           CASE WHEN gi_z = 0 OR gi_p > 0.10 THEN 'NOT_SIGNIFICANT'
                                WHEN gi_p <= 0.01 THEN IF(gi_z > 0, 'HOT_99', 'COLD_99')
                                WHEN gi_p <= 0.05 THEN IF(gi_z > 0, 'HOT_95', 'COLD_95')
                                ELSE IF(gi_z > 0, 'HOT_90', 'COLD_90') END AS hot_class,
                           ST_H3ToGeom(array(res_cell.cell))[0] AS geometry
                    FROM (
                      SELECT struct(z.res, z.cell) AS res_cell, z.period, z.category, z.kind, z.cases, z.gi_z,
                             coalesce(cc.components, 0) AS components,
                             CASE WHEN z.gi_z = 0 THEN 1.0 WHEN abs(z.gi_z) / sqrt(2.0) > 26.5 THEN 0.0
                                  ELSE least(1.0, t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                                       + t * (-1.453152027 + t * 1.061405429)))) * exp(-pow(abs(z.gi_z) / sqrt(2.0), 2)))
                             END AS gi_p
                      FROM (
                        SELECT t0.*, 1.0 / (1.0 + 0.3275911 * abs(t0.gi_z) / sqrt(2.0)) AS t FROM (
                          SELECT g.res, g.cell, g.period, g.category, g.kind, coalesce(x.cases, 0) AS cases,
                                 CASE WHEN g.s > 0 AND g.n > 1 AND (g.n * w.w - w.w * w.w) > 0
                                      THEN (coalesce(l.local_sum, 0) - g.mean * w.w)
                                           / (g.s * sqrt((g.n * w.w - w.w * w.w) / (g.n - 1)))
                                      ELSE 0.0 END AS gi_z
                          FROM gi_input g
                          JOIN weights w ON w.res = g.res AND w.cell = g.cell
                          LEFT JOIN cell_counts x ON x.res = g.res AND x.cell = g.cell AND x.period = g.period
                               AND x.category = g.category AND x.kind = g.kind
                          LEFT JOIN local_sums l ON l.res = g.res AND l.cell = g.cell AND l.period = g.period
                               AND l.category = g.category AND l.kind = g.kind) t0) z
                      LEFT JOIN cell_components cc ON cc.res = z.res AND cc.cell = z.cell
                           AND cc.category = z.category AND cc.kind = z.kind)
                    """);
            sql("SELECT * FROM hotspot_cells").write().mode("overwrite").partitionBy("period")
                    .format("geoparquet").save(out + "/hotspot_cells");
        }

        private void areaTables() {
            table("case_facts", """
                    SELECT row_no, kind, minor_class, left(minor_class, 2) AS major_class, period,
                           dayofweek(timestamp_millis(reported_ms)) AS dow0, hour(timestamp_millis(reported_ms)) AS hour,
                           floor((dispatched_ms - reported_ms) / 60000) AS dispatch_min,
                           floor((closed_ms - reported_ms) / 60000) AS close_min, pt
                    FROM cases_joined
                    """);
            table("case_areas", """
                    SELECT f.row_no, 'CITY' AS level, '370200' AS area_id FROM case_facts f
                    UNION ALL
                    SELECT f.row_no, upper(a.level), a.area_id FROM case_facts f JOIN areas a ON ST_Contains(a.geom, f.pt)
                    """);
            // Category depth by level (Spark resolves grouping() in SELECT only, so the depth filter is outside).
            String depth = """
                    ) WHERE gk = 1 OR (area_level IN ('CITY', 'DISTRICT', 'STREET') AND gm = 1)
                        OR area_level IN ('CITY', 'DISTRICT')
                    """;
            String category = """
                    CASE WHEN grouping(f.kind) = 1 THEN 'ALL' WHEN grouping(f.minor_class) = 1 THEN f.major_class
                         ELSE f.minor_class END AS category, coalesce(f.kind, 'ALL') AS kind,
                    grouping(f.kind) AS gk, grouping(f.minor_class) AS gm
                    """;
            table("time_profile", """
                    SELECT area_level, area_id, category, kind, day_of_week, hour, cases FROM (SELECT a.level AS area_level, a.area_id, %s,
                           (f.dow0 + 5) %% 7 + 1 AS day_of_week, f.hour, count(*) AS cases
                    FROM case_areas a JOIN case_facts f ON f.row_no = a.row_no
                    GROUP BY GROUPING SETS ((a.level, a.area_id, f.dow0, f.hour),
                                            (a.level, a.area_id, f.dow0, f.hour, f.kind, f.major_class),
                                            (a.level, a.area_id, f.dow0, f.hour, f.kind, f.major_class, f.minor_class))
                    %s
                    """.formatted(category, depth));
            table("area_summary", """
                    SELECT area_level, area_id, period, category, kind, cases, closed, closure_rate, p50_dispatch_min,
                           p90_dispatch_min, p50_close_min, p90_close_min FROM (SELECT a.level AS area_level, a.area_id, f.period, %s,
                           count(*) AS cases, count(f.close_min) AS closed, count(f.close_min) / count(*) AS closure_rate,
                           percentile(f.dispatch_min, 0.5) AS p50_dispatch_min, percentile(f.dispatch_min, 0.9) AS p90_dispatch_min,
                           percentile(f.close_min, 0.5) AS p50_close_min, percentile(f.close_min, 0.9) AS p90_close_min
                    FROM case_areas a JOIN case_facts f ON f.row_no = a.row_no
                    GROUP BY GROUPING SETS ((a.level, a.area_id, f.period),
                                            (a.level, a.area_id, f.period, f.kind, f.major_class),
                                            (a.level, a.area_id, f.period, f.kind, f.major_class, f.minor_class))
                    %s
                    """.formatted(category, depth));
            sql("SELECT * FROM time_profile").write().mode("overwrite").parquet(out + "/time_profile");
            sql("SELECT * FROM area_summary").write().mode("overwrite").partitionBy("period").parquet(out + "/area_summary");
        }

        private void recurrence() {
            table("component_recurrence", """
                    SELECT w.component AS component_id, w.minor_class, count(*) AS cases,
                           timestamp_millis(min(w.reported_ms)) AS first_at, timestamp_millis(max(w.reported_ms)) AS last_at,
                           first(c.pt) AS geometry
                    FROM (SELECT component, minor_class, reported_ms,
                                 lead(reported_ms, 2) OVER (PARTITION BY component ORDER BY reported_ms) - reported_ms AS span_ms
                          FROM cases_joined WHERE component IS NOT NULL) w
                    JOIN components c ON c.id = w.component
                    GROUP BY w.component, w.minor_class
                    HAVING max(CASE WHEN w.span_ms <= %d THEN 1 ELSE 0 END) = 1
                    """.formatted(30 * DAY_MS));
            sql("SELECT * FROM component_recurrence").write().mode("overwrite").format("geoparquet")
                    .save(out + "/component_recurrence");
        }

        private void printCounts() {
            Dataset<Row> counts = sql("""
                    SELECT 'components.read' AS name, count(*) AS value FROM components_raw
                    UNION ALL SELECT 'components.accepted', count(*) FROM components
                    UNION ALL SELECT 'cases.read', count(*) FROM cases_raw
                    UNION ALL SELECT 'cases.accepted', count(*) FROM cases_joined
                    UNION ALL SELECT 'cases.joined_by_id', count_if(joined = 'ID') FROM cases_joined
                    UNION ALL SELECT 'cases.joined_by_nearest', count_if(joined = 'NEAREST') FROM cases_joined
                    UNION ALL SELECT 'cases.unattached', count_if(joined = 'UNATTACHED') FROM cases_joined
                    UNION ALL SELECT 'cases.events', count_if(joined = 'EVENT') FROM cases_joined
                    UNION ALL SELECT input || '.rejected.' || reason, count(*) FROM rejects GROUP BY input, reason
                    UNION ALL SELECT 'study_cells.res' || res, count(*) FROM study GROUP BY res
                    UNION ALL SELECT 'hotspot_cells.rows', count(*) FROM hotspot_cells
                    UNION ALL SELECT 'hotspot_cells.hot_99.all.res9', count_if(h3_res = 9 AND category = 'ALL'
                        AND hot_class = 'HOT_99') FROM hotspot_cells
                    UNION ALL SELECT 'time_profile.rows', count(*) FROM time_profile
                    UNION ALL SELECT 'area_summary.rows', count(*) FROM area_summary
                    UNION ALL SELECT 'component_recurrence.rows', count(*) FROM component_recurrence
                    """);
            for (Row r : counts.orderBy("name").collectAsList()) {
                System.out.println(r.getString(0) + "=" + r.getLong(1));
            }
        }
    }

    private static final Pattern EPOCH_MS = Pattern.compile("[0-9]{1,15}");
    private static final Pattern ISO = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})");

    /** Epoch ms of a contract timestamp (ISO-8601 with offset or Z, or epoch ms); null when empty, -1 when unreadable. */
    static Long timestampMillis(String t) {
        if (t == null || t.isBlank()) {
            return null;
        }
        if (EPOCH_MS.matcher(t).matches()) {
            return Long.parseLong(t);
        }
        if (!ISO.matcher(t).matches()) {
            return -1L;
        }
        try {
            return OffsetDateTime.parse(t.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1L;
        }
    }
}
