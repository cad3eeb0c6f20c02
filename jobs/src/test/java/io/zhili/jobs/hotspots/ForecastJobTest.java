package io.zhili.jobs.hotspots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.h3.H3Grid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecast tables of {@code zhili hotspots} on a MiniCluster over planted events in two cells over
 * January–March 2025, read back with DuckDB and compared with the model's formulas worked out here (not
 * with the model's code): a run over all dates forecasts April, a window January–February forecasts March.
 */
class ForecastJobTest {
    @TempDir
    static Path dir;
    static Path out;
    static Path windowOut;

    static final double[] A = {120.3800, 36.0700};
    static final double[] B = {120.4000, 36.1000};
    /** Cases per month (Jan, Feb, Mar) of cell A (event 0102, major 01) and cell B (event 0202, major 02). */
    static final int[] A_COUNTS = {4, 6, 2};
    static final int[] B_COUNTS = {0, 2, 1};
    static final int[] MONTH_DAYS = {31, 28, 31};

    @BeforeAll
    static void runBoth() throws Exception {
        Path components = dir.resolve("components.csv");
        Path cases = dir.resolve("cases.csv");
        Files.writeString(components, "component_id,major_class,minor_class,lon,lat,district_code,status\n"
                + "3702020101000001,01,0101,120.3000,36.0000,370202,NORMAL\n");
        StringBuilder csv = new StringBuilder("case_id,source,kind,major_class,minor_class,component_id,lon,lat,crs,"
                + "reported_at,verified_at,dispatched_at,disposed_at,closed_at,district_code\n");
        // Every case on a Monday between 09:00 and 10:00 local: hour of week 9.
        LocalDate[] mondays = {LocalDate.of(2025, 1, 6), LocalDate.of(2025, 2, 3), LocalDate.of(2025, 3, 3)};
        int id = 0;
        for (int m = 0; m < 3; m++) {
            for (int i = 0; i < A_COUNTS[m]; i++) {
                csv.append(String.format("F%04d,PATROL,EVENT,01,0102,,%.4f,%.4f,WGS84,%sT09:%02d:00+08:00,,,,,370202%n",
                        id++, A[0], A[1], mondays[m].plusWeeks(i % 3), i));
            }
            for (int i = 0; i < B_COUNTS[m]; i++) {
                csv.append(String.format("F%04d,PATROL,EVENT,02,0202,,%.4f,%.4f,WGS84,%sT09:%02d:00+08:00,,,,,370202%n",
                        id++, B[0], B[1], mondays[m].plusWeeks(i % 3), 30 + i));
            }
        }
        Files.writeString(cases, csv.toString());
        out = dir.resolve("all");
        new HotspotRun(components, cases, null, out, new HotspotOptions(), 2).execute();
        HotspotOptions window = new HotspotOptions();
        window.from = LocalDate.of(2025, 1, 1);
        window.to = LocalDate.of(2025, 3, 1);
        windowOut = dir.resolve("window");
        new HotspotRun(components, cases, null, windowOut, window, 2).execute();
    }

    /** The model's weekly levels of the cells of one category, worked out from its formulas. */
    static double[] levels(int[][] cellCounts, int[] days) {
        int periods = days.length;
        int n = cellCounts.length;
        double[] w = new double[periods];
        double[] v = new double[periods];
        double age = 0;
        for (int t = periods - 1; t >= 0; t--) {
            w[t] = Math.pow(2, -age / 90);
            v[t] = Math.pow(2, -age / 30);
            age += days[t];
        }
        double cityCases = 0;
        double cityWeeks = 0;
        double m = 0;
        double var = 0;
        double[] y = new double[n];
        for (int t = 0; t < periods; t++) {
            double c = 0;
            for (int i = 0; i < n; i++) {
                c += cellCounts[i][t];
                y[i] += w[t] * cellCounts[i][t];
            }
            cityCases += v[t] * c;
            cityWeeks += v[t] * days[t] / 7.0;
            m += w[t] * c / n;
            var += w[t] * w[t] * c / n;
        }
        double s2 = 0;
        for (double yi : y) {
            s2 += (yi / m - 1) * (yi / m - 1) / n;
        }
        double tau2 = s2 - var / (m * m);
        double[] theta = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            theta[i] = tau2 <= 1e-12 ? 1 : (1 / tau2 + y[i]) / (1 / tau2 + m);
            sum += theta[i];
        }
        double[] level = new double[n];
        for (int i = 0; i < n; i++) {
            level[i] = cityCases / cityWeeks * theta[i] / sum;
        }
        return level;
    }

    static List<Object[]> query(String sql) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            int cols = r.getMetaData().getColumnCount();
            while (r.next()) {
                Object[] row = new Object[cols];
                for (int i = 0; i < cols; i++) {
                    row[i] = r.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** category|h3 → {weekly_level, next_period, expected_next, lower_90, upper_90, kind}. */
    static Map<String, Object[]> cells(Path table) throws Exception {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        for (Object[] r : query("SELECT category, h3, weekly_level, next_period, expected_next, lower_90, upper_90, kind, "
                + "octet_length(geometry) FROM read_parquet('" + table + "/*.parquet') ORDER BY category, h3")) {
            assertTrue(((Number) r[8]).longValue() > 100, "a hexagon in WKB");
            rows.put(r[0] + "|" + r[1], new Object[] {r[2], r[3], r[4], r[5], r[6], r[7]});
        }
        return rows;
    }

    static String cell(double[] at) {
        return H3Grid.get().address(H3Grid.get().cell(at[0], at[1], 9));
    }

    @Test
    void allDatesForecastApril() throws Exception {
        Map<String, Object[]> rows = cells(out.resolve("forecast/cells"));
        assertEquals(4, rows.size(), rows.keySet().toString()); // ALL × 2 cells, 01 in A, 02 in B
        double[] all = levels(new int[][] {A_COUNTS, B_COUNTS}, MONTH_DAYS);
        Object[] a = rows.get("ALL|" + cell(A));
        Object[] b = rows.get("ALL|" + cell(B));
        assertEquals(all[0], (Double) a[0], 1e-9);
        assertEquals(all[1], (Double) b[0], 1e-9);
        assertEquals("2025-04", a[1]);
        assertEquals("ALL", a[5]);
        assertEquals(all[0] * 30 / 7, (Double) a[2], 1e-9, "April has 30 days");
        // A single cell in its category is the category's city level.
        Object[] major01 = rows.get("01|" + cell(A));
        assertEquals("EVENT", major01[5]);
        assertEquals(levels(new int[][] {A_COUNTS}, MONTH_DAYS)[0], (Double) major01[0], 1e-9);
        assertTrue(rows.containsKey("02|" + cell(B)));
        assertFalse(rows.containsKey("02|" + cell(A)), "no row without a case of the category");
        // The interval holds the forecast and is a pair of whole counts.
        for (Object[] r : rows.values()) {
            double lo = (Double) r[3];
            double hi = (Double) r[4];
            assertTrue(lo <= (Double) r[2] && (Double) r[2] <= hi, lo + " " + r[2] + " " + hi);
            assertEquals(Math.rint(lo), lo);
            assertEquals(Math.rint(hi), hi);
        }
        // Single-cell category: a = ∞, so the interval is Poisson's: summed here term by term.
        double mean = (Double) major01[2];
        assertEquals(poissonQuantile(mean, 0.05), (Double) major01[3]);
        assertEquals(poissonQuantile(mean, 0.95), (Double) major01[4]);
    }

    static double poissonQuantile(double mean, double q) {
        double p = Math.exp(-mean);
        double cumulative = p;
        int k = 0;
        while (cumulative < q) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    @Test
    void hourOfWeekSharesSumToOneAndPeakOnMondayNine() throws Exception {
        List<Object[]> perCategory = query("SELECT category, kind, count(*), sum(share), min(share) FROM read_parquet('"
                + out.resolve("forecast/hour_of_week") + "/*.parquet') GROUP BY ALL ORDER BY category");
        assertEquals(3, perCategory.size());
        for (Object[] r : perCategory) {
            assertEquals(168L, ((Number) r[2]).longValue());
            assertEquals(1.0, ((Number) r[3]).doubleValue(), 1e-12);
            assertTrue(((Number) r[4]).doubleValue() > 0, "no hour without a share");
        }
        // ALL: 15 cases in hour 9, prior 168 pseudo-cases flat: (15 + 1) / 183 there, 1 / 183 elsewhere.
        List<Object[]> all = query("SELECT hour_of_week, share FROM read_parquet('" + out.resolve("forecast/hour_of_week")
                + "/*.parquet') WHERE category = 'ALL' AND hour_of_week IN (9, 100) ORDER BY 1");
        assertEquals(16.0 / 183, ((Number) all.get(0)[1]).doubleValue(), 1e-12);
        assertEquals(1.0 / 183, ((Number) all.get(1)[1]).doubleValue(), 1e-12);
        // Major 02 (3 cases) smoothed toward ALL: (3 + 168 · 16/183) / 171.
        List<Object[]> m02 = query("SELECT share FROM read_parquet('" + out.resolve("forecast/hour_of_week")
                + "/*.parquet') WHERE category = '02' AND hour_of_week = 9");
        assertEquals((3 + 168 * 16.0 / 183) / 171, ((Number) m02.get(0)[0]).doubleValue(), 1e-12);
    }

    @Test
    void runJsonDescribesTheForecast() throws Exception {
        JsonNode f = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("forecast");
        assertEquals("2025-04", f.get("next_period").asText());
        assertEquals(3, f.get("fitted_periods").asInt());
        assertEquals(4, f.get("rows").get("cells").asLong());
        assertEquals(504, f.get("rows").get("hour_of_week").asLong());
        assertEquals(90.0, f.get("cell_half_life_days").asDouble());
        assertEquals(0.9, f.get("interval").asDouble());
    }

    @Test
    void windowForecastsThePeriodAtItsEnd() throws Exception {
        Path table = windowOut.resolve("forecast/cells/window=2025-01-01_2025-03-01");
        Map<String, Object[]> rows = cells(table);
        double[] all = levels(new int[][] {{4, 6}, {0, 2}}, new int[] {31, 28});
        assertEquals(all[0], (Double) rows.get("ALL|" + cell(A))[0], 1e-9);
        assertEquals(all[1], (Double) rows.get("ALL|" + cell(B))[0], 1e-9);
        assertEquals("2025-03", rows.get("ALL|" + cell(A))[1]);
        assertEquals(all[0] * 31 / 7, (Double) rows.get("ALL|" + cell(A))[2], 1e-9);
        assertTrue(Files.isDirectory(windowOut.resolve("forecast/hour_of_week/window=2025-01-01_2025-03-01")));
        JsonNode f = new ObjectMapper().readTree(windowOut.resolve("run.json").toFile()).get("forecast");
        assertEquals("2025-03", f.get("next_period").asText());
    }
}
