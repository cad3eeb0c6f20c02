package io.zhili.jobs.serve;

import com.carrotsearch.hppc.LongObjectHashMap;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.catalog.StandardClass;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.table.TableFiles;
import io.zhili.geo.table.TableInputException;
import io.zhili.geo.table.TableReader;
import io.zhili.jobs.tiles.HotspotCellsReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;

/**
 * The figures of one base-resolution H3 cell for the console's detail panel, indexed once from a
 * hotspots run's output directory ({@code zhili serve --hotspots DIR}):
 *
 * <ul>
 *   <li>{@code hotspot_cells/period=…/}: the cell's cases per period of category {@code ALL} and of every
 *       major class (minor classes are left out: the panel shows majors), at the table's finest resolution
 *       (the run's {@code --res});</li>
 *   <li>{@code forecast/cells/} (optional): per cell and category {@code weekly_level}, {@code next_period},
 *       {@code expected_next} and its 90 % interval {@code lower_90} … {@code upper_90};</li>
 *   <li>{@code forecast/hour_of_week/} (optional): the city-wide share of each hour of the week per
 *       category, which times a cell's weekly level gives its expected cases per hour.</li>
 * </ul>
 *
 * <p>Files are read with the project's {@link TableReader} and only when their real path (symbolic links
 * resolved) lies inside the real path of the directory, the containment rule of the tile server; files
 * outside are skipped and counted. Rows that cannot be used (an invalid H3 address, a number that does not
 * parse, an hour outside 0–167) are skipped and counted by reason in {@link #skipped()}. A missing
 * required column is an error at start.
 *
 * <p>Memory: per cell one small object with the counts of its categories by period as {@code int}s.
 * Immutable after {@link #load}; thread-safe.
 */
public final class CellDetails {
    /** The forecast's per-cell table below the hotspots directory. */
    public static final String FORECAST_CELLS = "forecast/cells";
    /** The forecast's seasonal profile table below the hotspots directory. */
    public static final String HOUR_OF_WEEK = "forecast/hour_of_week";
    /** Hours in a week: the length of the hour-of-week profile. */
    public static final int HOURS_OF_WEEK = 168;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final H3Grid H3 = H3Grid.get();
    private static final String ALL = "ALL";

    private final Path dir;
    private final int baseRes;
    private final List<String> periods;
    /** Series id → {@code kind|category}. */
    private final List<String> series;
    private final LongObjectHashMap<CellCounts> counts;
    private final LongObjectHashMap<List<Forecast>> forecasts;
    /** {@code kind|category} → 168 shares. */
    private final Map<String, double[]> shares;
    private final ClassCatalog catalog;
    private final Map<String, Long> skipped;

    /** A cell's forecast of one category (a row of {@code forecast/cells}). */
    record Forecast(String kind, String category, double weeklyLevel, String nextPeriod, double expectedNext,
            double lower90, double upper90) {
    }

    private CellDetails(Path dir, int baseRes, List<String> periods, List<String> series,
            LongObjectHashMap<CellCounts> counts, LongObjectHashMap<List<Forecast>> forecasts,
            Map<String, double[]> shares, ClassCatalog catalog, Map<String, Long> skipped) {
        this.dir = dir;
        this.baseRes = baseRes;
        this.periods = periods;
        this.series = series;
        this.counts = counts;
        this.forecasts = forecasts;
        this.shares = shares;
        this.catalog = catalog;
        this.skipped = skipped;
    }

    /**
     * Reads and indexes a hotspots output directory.
     *
     * @param catalog names the categories ({@code name_zh}, {@code name_en})
     * @throws IllegalArgumentException one line, when the directory has no {@code hotspot_cells/}
     *                                  partitions or a file lacks a required column or cannot be read
     */
    public static CellDetails load(Path hotspotsDir, ClassCatalog catalog) {
        Path dir = hotspotsDir.toAbsolutePath().normalize();
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(hotspotsDir + ": not a readable directory");
        }
        Loader loader = new Loader(real);
        try {
            loader.readCounts(HotspotCellsReader.periods(real));
            loader.readForecasts();
            loader.readShares();
        } catch (TableInputException | UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new CellDetails(dir, loader.baseRes, loader.periods, loader.series, loader.counts, loader.forecasts,
                loader.shares, catalog, new TreeMap<>(loader.skipped));
    }

    /** The indexed directory. */
    public Path directory() {
        return dir;
    }

    /** The base resolution (the finest {@code h3_res} of {@code hotspot_cells}). */
    public int baseResolution() {
        return baseRes;
    }

    /** The periods of the run, ascending. */
    public List<String> periods() {
        return periods;
    }

    /** Cells with counts or a forecast. */
    public int cells() {
        int n = counts.size();
        for (com.carrotsearch.hppc.cursors.LongCursor c : forecasts.keys()) {
            if (!counts.containsKey(c.value)) {
                n++;
            }
        }
        return n;
    }

    /** Whether {@code forecast/cells} had rows. */
    public boolean hasForecast() {
        return !forecasts.isEmpty();
    }

    /** Rows and files not used, by reason. */
    public Map<String, Long> skipped() {
        return skipped;
    }

    /** The base cell containing a WGS-84 point. */
    public long cellAt(double lon, double lat) {
        return H3.cell(lon, lat, baseRes);
    }

    /**
     * The detail of a cell address, or empty when the address is not a valid H3 cell of the base
     * resolution with counts or a forecast.
     */
    public Optional<ObjectNode> json(String address) {
        long cell;
        try {
            cell = H3.parse(address);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return json(cell);
    }

    /** The detail of a cell, or empty when the run knows nothing of it. */
    public Optional<ObjectNode> json(long cell) {
        if (!H3.isValid(cell) || H3.resolution(cell) != baseRes) {
            return Optional.empty();
        }
        CellCounts c = counts.get(cell);
        List<Forecast> f = forecasts.get(cell);
        if (c == null && f == null) {
            return Optional.empty();
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("h3", H3.address(cell));
        out.put("h3_res", baseRes);
        double[] centre = H3.center(cell);
        out.put("lon", centre[0]);
        out.put("lat", centre[1]);
        ArrayNode ring = out.putArray("boundary");
        for (Coordinate v : H3.boundary(cell).getExteriorRing().getCoordinates()) {
            ring.addArray().add(v.x).add(v.y);
        }
        ArrayNode p = out.putArray("periods");
        periods.forEach(p::add);
        // Categories: those with counts, then those with a forecast only; ALL first, then by cases.
        Map<String, ObjectNode> byKey = new HashMap<>();
        List<ObjectNode> rows = new ArrayList<>();
        if (c != null) {
            for (int i = 0; i < c.series.length; i++) {
                String key = series.get(c.series[i]);
                ObjectNode row = category(key);
                ArrayNode cases = row.putArray("cases");
                long total = 0;
                for (int k = 0; k < periods.size(); k++) {
                    int n = c.cases[i * periods.size() + k];
                    cases.add(n);
                    total += n;
                }
                row.put("latest", c.cases[i * periods.size() + periods.size() - 1]);
                row.put("total", total);
                byKey.put(key, row);
                rows.add(row);
            }
        }
        if (f != null) {
            for (Forecast fc : f) {
                String key = fc.kind() + "|" + fc.category();
                ObjectNode row = byKey.get(key);
                if (row == null) {
                    row = category(key);
                    ArrayNode cases = row.putArray("cases");
                    periods.forEach(x -> cases.add(0));
                    row.put("latest", 0);
                    row.put("total", 0);
                    byKey.put(key, row);
                    rows.add(row);
                }
                ObjectNode o = row.putObject("forecast");
                o.put("weekly_level", fc.weeklyLevel());
                o.put("next_period", fc.nextPeriod());
                o.put("expected_next", fc.expectedNext());
                o.put("lower_90", fc.lower90());
                o.put("upper_90", fc.upper90());
            }
        }
        rows.sort((a, b) -> {
            boolean aAll = a.get("category").asText().equals(ALL);
            boolean bAll = b.get("category").asText().equals(ALL);
            if (aAll != bAll) {
                return aAll ? -1 : 1;
            }
            int byTotal = Long.compare(b.get("total").asLong(), a.get("total").asLong());
            return byTotal != 0 ? byTotal : a.get("category").asText().compareTo(b.get("category").asText());
        });
        ArrayNode categories = out.putArray("categories");
        rows.forEach(categories::add);
        // The hour-of-week profile of the cell: ALL's weekly level times ALL's city-wide shares.
        ObjectNode all = byKey.get(ALL + "|" + ALL);
        double[] share = shares.get(ALL + "|" + ALL);
        if (all != null && all.has("forecast") && share != null) {
            double level = all.get("forecast").get("weekly_level").asDouble();
            ObjectNode how = out.putObject("hour_of_week");
            how.put("category", ALL);
            how.put("kind", ALL);
            ArrayNode expected = how.putArray("expected");
            for (double s : share) {
                expected.add(level * s);
            }
        } else {
            out.putNull("hour_of_week");
        }
        return Optional.of(out);
    }

    private ObjectNode category(String key) {
        int bar = key.indexOf('|');
        String kind = key.substring(0, bar);
        String category = key.substring(bar + 1);
        ObjectNode row = JSON.createObjectNode();
        row.put("category", category);
        row.put("kind", kind);
        if (category.equals(ALL)) {
            row.put("name_zh", "全部");
            row.put("name_en", "All");
        } else {
            Optional<StandardClass> cls = Optional.empty();
            try {
                cls = catalog.find(ClassKind.valueOf(kind), category);
            } catch (IllegalArgumentException unknownKind) {
                // a kind outside COMPONENT/EVENT has no catalog name
            }
            row.put("name_zh", cls.map(StandardClass::nameZh).orElse(category));
            row.put("name_en", cls.map(StandardClass::nameEn).orElse(category));
        }
        return row;
    }

    /** The counts of one cell: its series ids and, per series, one count per period. */
    private static final class CellCounts {
        int[] series = new int[0];
        int[] cases = new int[0];

        void set(int seriesId, int period, long n, int periodCount) {
            int i = 0;
            while (i < series.length && series[i] != seriesId) {
                i++;
            }
            if (i == series.length) {
                series = Arrays.copyOf(series, i + 1);
                series[i] = seriesId;
                cases = Arrays.copyOf(cases, (i + 1) * periodCount);
            }
            cases[i * periodCount + period] = (int) Math.min(Integer.MAX_VALUE, n);
        }
    }

    /** Reads the three tables; state of one {@link #load}. */
    private static final class Loader {
        private final Path root;
        private int baseRes = -1;
        private List<String> periods = List.of();
        private final List<String> series = new ArrayList<>();
        private final Map<String, Integer> seriesIds = new HashMap<>();
        private LongObjectHashMap<CellCounts> counts = new LongObjectHashMap<>();
        private final LongObjectHashMap<List<Forecast>> forecasts = new LongObjectHashMap<>();
        private final Map<String, double[]> shares = new HashMap<>();
        private final Map<String, Long> skipped = new TreeMap<>();

        Loader(Path root) {
            this.root = root;
        }

        void readCounts(List<String> labels) {
            periods = List.copyOf(labels);
            Map<String, Integer> periodIndex = new HashMap<>();
            for (int i = 0; i < periods.size(); i++) {
                periodIndex.put(periods.get(i), i);
            }
            Path table = root.resolve(HotspotCellsReader.TABLE);
            for (Path file : files(table)) {
                String partition = partitionOf(table, file);
                try (TableReader r = TableReader.open(file)) {
                    int h3 = required(r, "h3");
                    int res = required(r, "h3_res");
                    int category = required(r, "category");
                    int cases = required(r, "cases");
                    int kind = r.columnIndex("kind");
                    int period = r.columnIndex("period");
                    while (r.next()) {
                        String cat = r.get(category);
                        if (!cat.equals(ALL) && cat.length() != 2) {
                            continue; // minor classes: the panel shows majors
                        }
                        String label = partition != null ? partition : period >= 0 ? r.get(period) : "";
                        Integer p = periodIndex.get(label);
                        if (p == null) {
                            skip("hotspot_cells: period not among the partitions");
                            continue;
                        }
                        long cell;
                        int rowRes;
                        long n;
                        try {
                            cell = H3.parse(r.get(h3));
                            rowRes = Integer.parseInt(r.get(res));
                            n = Long.parseLong(r.get(cases));
                        } catch (IllegalArgumentException e) {
                            skip("hotspot_cells: invalid h3, h3_res or cases");
                            continue;
                        }
                        if (rowRes != H3.resolution(cell)) {
                            skip("hotspot_cells: h3_res does not match the cell's resolution");
                            continue;
                        }
                        if (rowRes < baseRes) {
                            continue; // a rollup
                        }
                        if (rowRes > baseRes) {
                            // A finer resolution than seen so far: what was indexed were rollups.
                            baseRes = rowRes;
                            counts = new LongObjectHashMap<>();
                        }
                        String kindText = kind < 0 || r.get(kind).isEmpty() ? ALL : r.get(kind);
                        int s = seriesIds.computeIfAbsent(kindText + "|" + cat, key -> {
                            series.add(key);
                            return series.size() - 1;
                        });
                        CellCounts c = counts.get(cell);
                        if (c == null) {
                            c = new CellCounts();
                            counts.put(cell, c);
                        }
                        c.set(s, p, n, periods.size());
                    }
                }
            }
            if (baseRes < 0) {
                throw new IllegalArgumentException(table + " has no rows of category ALL or a major class");
            }
        }

        void readForecasts() {
            Path table = root.resolve(FORECAST_CELLS);
            if (!Files.isDirectory(table)) {
                return;
            }
            for (Path file : files(table)) {
                try (TableReader r = TableReader.open(file)) {
                    int h3 = required(r, "h3");
                    int category = required(r, "category");
                    int kind = required(r, "kind");
                    int level = required(r, "weekly_level");
                    int next = required(r, "next_period");
                    int expected = required(r, "expected_next");
                    int lower = required(r, "lower_90");
                    int upper = required(r, "upper_90");
                    while (r.next()) {
                        long cell;
                        Forecast f;
                        try {
                            cell = H3.parse(r.get(h3));
                            f = new Forecast(r.get(kind), r.get(category), Double.parseDouble(r.get(level)), r.get(next),
                                    Double.parseDouble(r.get(expected)), Double.parseDouble(r.get(lower)),
                                    Double.parseDouble(r.get(upper)));
                        } catch (IllegalArgumentException e) {
                            skip("forecast/cells: invalid h3 or number");
                            continue;
                        }
                        if (H3.resolution(cell) != baseRes) {
                            skip("forecast/cells: h3 not at the base resolution of hotspot_cells");
                            continue;
                        }
                        List<Forecast> list = forecasts.get(cell);
                        if (list == null) {
                            list = new ArrayList<>(2);
                            forecasts.put(cell, list);
                        }
                        list.add(f);
                    }
                }
            }
        }

        void readShares() {
            Path table = root.resolve(HOUR_OF_WEEK);
            if (!Files.isDirectory(table)) {
                return;
            }
            for (Path file : files(table)) {
                try (TableReader r = TableReader.open(file)) {
                    int category = required(r, "category");
                    int kind = required(r, "kind");
                    int hour = required(r, "hour_of_week");
                    int share = required(r, "share");
                    while (r.next()) {
                        int h;
                        double s;
                        try {
                            h = Integer.parseInt(r.get(hour));
                            s = Double.parseDouble(r.get(share));
                        } catch (NumberFormatException e) {
                            skip("forecast/hour_of_week: invalid number");
                            continue;
                        }
                        if (h < 0 || h >= HOURS_OF_WEEK) {
                            skip("forecast/hour_of_week: hour_of_week outside 0-167");
                            continue;
                        }
                        shares.computeIfAbsent(r.get(kind) + "|" + r.get(category), k -> new double[HOURS_OF_WEEK])[h] = s;
                    }
                }
            }
        }

        /** The table's data files whose real path lies inside the directory's; others are counted and skipped. */
        private List<Path> files(Path table) {
            if (!Files.isDirectory(table)) {
                return List.of();
            }
            List<Path> out = new ArrayList<>();
            for (Path f : TableFiles.list(table)) {
                try {
                    if (f.toRealPath().startsWith(root)) {
                        out.add(f);
                        continue;
                    }
                } catch (IOException e) {
                    // an unresolvable link is outside for our purposes
                }
                skip("file outside the hotspots directory (symbolic link)");
            }
            return out;
        }

        private static String partitionOf(Path table, Path file) {
            for (Path part : table.relativize(file)) {
                String name = part.toString();
                if (name.startsWith(HotspotCellsReader.PARTITION + "=")) {
                    return name.substring(HotspotCellsReader.PARTITION.length() + 1);
                }
            }
            return null;
        }

        private static int required(TableReader r, String column) {
            int i = r.columnIndex(column);
            if (i < 0) {
                throw new IllegalArgumentException(r.file() + ": column '" + column + "' is missing");
            }
            return i;
        }

        private void skip(String reason) {
            skipped.merge(reason, 1L, Long::sum);
        }
    }
}
