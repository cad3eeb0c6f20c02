package io.zhili.jobs.hotspots;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zhili.geo.forecast.ForecastParameters;
import io.zhili.geo.forecast.ForecastScore;
import io.zhili.geo.table.TableFiles;
import io.zhili.geo.table.TableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The forecast backtest ({@code zhili backtest}): fits the forecast on the eleven months before the held-out
 * month (a windowed hotspots run into {@code OUT/fit}), counts the held-out month (a windowed run into
 * {@code OUT/holdout}) and scores the forecast of every base cell × category ({@code ALL} and majors)
 * against the actual counts, beside the seasonal-naive baseline "the previous month's count". A series
 * with cases only in the held-out month has no forecast row and is forecast 0 by both. Writes
 * {@code OUT/backtest.json}.
 */
public final class ForecastBacktest {
    private final Path components;
    private final Path cases;
    private final Path areas;
    private final Path out;
    private final YearMonth holdout;
    private final int[] topK;
    private final Integer parallelism;
    private final Path catalog;

    public ForecastBacktest(Path components, Path cases, Path areas, Path out, YearMonth holdout, int[] topK,
            Integer parallelism, Path catalog) {
        this.components = components;
        this.cases = cases;
        this.areas = areas;
        this.out = out;
        this.holdout = holdout;
        this.topK = topK;
        this.parallelism = parallelism;
        this.catalog = catalog;
    }

    /** The fitted months: the eleven before the held-out one. */
    static final int FIT_MONTHS = 11;

    /** One series: actual, forecast, interval, baseline. */
    private static final class Series {
        double actual;
        double forecast;
        double lower = Double.NaN;
        double upper = Double.NaN;
        double naive;
        double median;
    }

    /** Runs both windows and scores; returns the summary written to {@code backtest.json}. */
    public Map<String, Object> run() throws Exception {
        for (int k : topK) {
            if (k < 1) {
                throw new IllegalArgumentException("--top must be at least 1, not " + k);
            }
        }
        LocalDate fitFrom = holdout.minusMonths(FIT_MONTHS).atDay(1);
        LocalDate fitTo = holdout.atDay(1);
        LocalDate holdoutTo = holdout.plusMonths(1).atDay(1);
        Files.createDirectories(out);
        long t0 = System.currentTimeMillis();
        Path fit = out.resolve("fit");
        Path held = out.resolve("holdout");
        run(fit, fitFrom, fitTo);
        run(held, fitTo, holdoutTo);
        long runs = System.currentTimeMillis() - t0;

        Map<String, Series> series = new HashMap<>();
        String fitWindow = "window=" + fitFrom + "_" + fitTo;
        for (String[] r : rows(fit.resolve(ForecastStage.CELLS).resolve(fitWindow),
                "category", "kind", "h3", "expected_next", "lower_90", "upper_90", "next_period", "median_next")) {
            if (!r[6].equals(holdout.toString())) {
                throw new IllegalStateException("the fit forecasts " + r[6] + ", not " + holdout);
            }
            Series s = series.computeIfAbsent(key(r), k -> new Series());
            s.forecast = Double.parseDouble(r[3]);
            s.lower = Double.parseDouble(r[4]);
            s.upper = Double.parseDouble(r[5]);
            s.median = Double.parseDouble(r[7]);
        }
        String previous = "period=" + holdout.minusMonths(1);
        for (String[] r : cellCounts(fit.resolve(HotspotTables.CELLS).resolve(previous))) {
            series.computeIfAbsent(key(r), k -> new Series()).naive = Double.parseDouble(r[3]);
        }
        for (String[] r : cellCounts(held.resolve(HotspotTables.CELLS).resolve("period=" + holdout))) {
            series.computeIfAbsent(key(r), k -> new Series()).actual = Double.parseDouble(r[3]);
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("holdout", holdout.toString());
        summary.put("fit", Map.of("from", fitFrom.toString(), "to", fitTo.toString()));
        ForecastParameters p = ForecastParameters.DEFAULTS;
        summary.put("parameters", Map.of("cell_half_life_days", p.cellHalfLifeDays(),
                "city_half_life_days", p.cityHalfLifeDays(), "interval", p.interval()));
        summary.put("baseline", "seasonal naive: the count of " + holdout.minusMonths(1));
        summary.put("all_categories", errors(series, null));
        summary.put("category_ALL", errors(series, "ALL"));
        summary.put("top_k_ALL", topK(series));
        summary.put("runs_ms", runs);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("backtest.json").toFile(), summary);
        return summary;
    }

    private void run(Path dir, LocalDate from, LocalDate to) throws Exception {
        HotspotOptions options = new HotspotOptions();
        options.from = from;
        options.to = to;
        new HotspotRun(components, cases, areas, dir, options, parallelism).withCatalog(catalog).execute();
    }

    private static String key(String[] r) {
        return r[0] + "|" + r[1] + "|" + r[2];
    }

    /** Base-resolution rows of {@code ALL} and the majors of a hotspot_cells partition: category, kind, h3, cases. */
    private List<String[]> cellCounts(Path partition) throws IOException {
        List<String[]> rows = new ArrayList<>();
        int base = new HotspotOptions().resolution;
        for (String[] r : rows(partition, "category", "kind", "h3", "cases", "h3_res")) {
            if (Integer.parseInt(r[4]) == base && (r[0].equals("ALL") || r[0].length() == 2)) {
                rows.add(r);
            }
        }
        return rows;
    }

    /** The named columns of every data file of a table directory; none when it does not exist. */
    private static List<String[]> rows(Path table, String... columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        if (!Files.isDirectory(table)) {
            return rows;
        }
        for (Path file : TableFiles.list(table)) {
            try (TableReader reader = TableReader.open(file)) {
                int[] index = new int[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    index[i] = reader.columnIndex(columns[i]);
                    if (index[i] < 0) {
                        throw new IllegalStateException(file + ": no column " + columns[i]);
                    }
                }
                while (reader.next()) {
                    String[] r = new String[columns.length];
                    for (int i = 0; i < columns.length; i++) {
                        r[i] = reader.get(index[i]);
                    }
                    rows.add(r);
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private static Map<String, Object> errors(Map<String, Series> series, String category) {
        List<Series> selected = new ArrayList<>();
        for (Map.Entry<String, Series> e : series.entrySet()) {
            if (category == null || e.getKey().startsWith(category + "|")) {
                selected.add(e.getValue());
            }
        }
        int n = selected.size();
        double[] actual = new double[n];
        double[] forecast = new double[n];
        double[] naive = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        double[] median = new double[n];
        for (int i = 0; i < n; i++) {
            Series s = selected.get(i);
            median[i] = s.median;
            actual[i] = s.actual;
            forecast[i] = s.forecast;
            naive[i] = s.naive;
            lower[i] = s.lower;
            upper[i] = s.upper;
        }
        ForecastScore.Errors e = ForecastScore.errors(actual, forecast, naive, lower, upper);
        // The absolute error is scored on the predictive median (its minimiser), the squared error on the mean.
        ForecastScore.Errors byMedian = ForecastScore.errors(actual, median, naive, lower, upper);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("series", e.n());
        m.put("mae_forecast", byMedian.maeForecast());
        m.put("mae_naive", e.maeBaseline());
        m.put("rmse_forecast", e.rmseForecast());
        m.put("rmse_naive", e.rmseBaseline());
        m.put("intervals", e.intervals());
        m.put("coverage_90", e.coverage());
        return m;
    }

    private Map<String, Object> topK(Map<String, Series> series) {
        List<String> ids = new ArrayList<>(new TreeSet<>(series.keySet()));
        ids.removeIf(k -> !k.startsWith("ALL|"));
        int n = ids.size();
        String[] cells = new String[n];
        double[] actual = new double[n];
        double[] forecast = new double[n];
        double[] naive = new double[n];
        for (int i = 0; i < n; i++) {
            Series s = series.get(ids.get(i));
            cells[i] = ids.get(i);
            actual[i] = s.actual;
            forecast[i] = s.forecast;
            naive[i] = s.naive;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k : topK) {
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("forecast", ForecastScore.topKHitRate(cells, forecast, actual, k));
            at.put("naive", ForecastScore.topKHitRate(cells, naive, actual, k));
            m.put(Integer.toString(k), at);
        }
        return m;
    }
}
