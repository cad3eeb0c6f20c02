package io.zhili.jobs.live;

import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.live.HourOfWeekProfile;
import io.zhili.geo.table.TableFiles;
import io.zhili.geo.table.TableInputException;
import io.zhili.geo.table.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The forecast the SURGE rule compares against, read from {@code --baseline DIR}: {@code forecast/cells/}
 * (the weekly level of each base cell × category) and {@code forecast/hour_of_week/} (each category's 168
 * hourly shares). A (cell, category) without a row has no history and expects {@value #FLOOR_WEEKLY} cases
 * a week; a category without a profile spreads its level evenly over the week. The number of series is
 * the Bonferroni {@code m}. Immutable and thread-safe once read.
 */
public final class Baseline {
    /** Expected cases per week of a (cell, category) the forecast has no row for: one case in ten weeks. */
    public static final double FLOOR_WEEKLY = 0.1;
    static final String CELLS = "forecast/cells";
    static final String HOUR_OF_WEEK = "forecast/hour_of_week";

    private final Map<String, Double> weeklyLevel;
    private final Map<String, HourOfWeekProfile> profiles;

    private Baseline(Map<String, Double> weeklyLevel, Map<String, HourOfWeekProfile> profiles) {
        this.weeklyLevel = weeklyLevel;
        this.profiles = profiles;
    }

    /** The key of a series: {@code h3|kind|category}. */
    static String series(String h3, String kind, String category) {
        return h3 + '|' + kind + '|' + category;
    }

    /**
     * Reads the two tables under {@code dir}.
     *
     * @throws IllegalArgumentException one line naming the table, file and row when a table is missing, lacks
     *     a column or holds a bad value
     */
    public static Baseline read(Path dir) {
        Path cells = dir.resolve(CELLS);
        Path hours = dir.resolve(HOUR_OF_WEEK);
        for (Path table : new Path[] {cells, hours}) {
            if (!Files.isDirectory(table)) {
                throw new IllegalArgumentException("--baseline " + dir + ": no " + dir.relativize(table)
                        + "/ (write it with zhili hotspots)");
            }
        }
        H3Grid h3 = H3Grid.get();
        Map<String, Double> levels = new HashMap<>();
        try {
            for (Path file : TableFiles.list(cells)) {
                try (TableReader r = TableReader.open(file)) {
                    int[] c = columns(r, file, "h3", "category", "kind", "weekly_level");
                    while (r.next()) {
                        String cell = r.get(c[0]);
                        double level = number(r, c[3], file, "weekly_level");
                        if (!h3.isValid(parseCell(h3, cell, file, r))) {
                            throw bad(file, r, "h3 '" + cell + "' is not a cell");
                        }
                        levels.put(series(cell, r.get(c[2]), r.get(c[1])), level);
                    }
                }
            }
            Map<String, double[]> shares = new HashMap<>();
            for (Path file : TableFiles.list(hours)) {
                try (TableReader r = TableReader.open(file)) {
                    int[] c = columns(r, file, "category", "kind", "hour_of_week", "share");
                    while (r.next()) {
                        int hour;
                        try {
                            hour = Integer.parseInt(r.get(c[2]));
                        } catch (NumberFormatException e) {
                            hour = -1;
                        }
                        if (hour < 0 || hour >= HourOfWeekProfile.HOURS) {
                            throw bad(file, r, "hour_of_week '" + r.get(c[2]) + "' is not 0..167");
                        }
                        shares.computeIfAbsent(r.get(c[1]) + '|' + r.get(c[0]), k -> new double[HourOfWeekProfile.HOURS])[hour] =
                                number(r, c[3], file, "share");
                    }
                }
            }
            Map<String, HourOfWeekProfile> profiles = new HashMap<>();
            shares.forEach((k, v) -> profiles.put(k, new HourOfWeekProfile(v)));
            return new Baseline(levels, profiles);
        } catch (TableInputException e) {
            throw new IllegalArgumentException("--baseline " + e.getMessage(), e);
        }
    }

    private static long parseCell(H3Grid h3, String cell, Path file, TableReader r) {
        try {
            return h3.parse(cell);
        } catch (RuntimeException e) {
            throw bad(file, r, "h3 '" + cell + "' is not a cell");
        }
    }

    private static int[] columns(TableReader r, Path file, String... names) {
        int[] idx = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            idx[i] = r.columnIndex(names[i]);
            if (idx[i] < 0) {
                throw new IllegalArgumentException("--baseline " + file + ": no column '" + names[i] + "' (has " + r.columns() + ")");
            }
        }
        return idx;
    }

    private static double number(TableReader r, int column, Path file, String name) {
        try {
            double v = Double.parseDouble(r.get(column));
            if (v >= 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(file, r, name + " '" + r.get(column) + "' is not a finite non-negative number");
    }

    private static IllegalArgumentException bad(Path file, TableReader r, String reason) {
        return new IllegalArgumentException("--baseline " + file + ":" + r.rowNumber() + ": " + reason);
    }

    /** Number of (cell, category) series of the forecast: the Bonferroni {@code m} (at least 1). */
    public long series() {
        return Math.max(1, weeklyLevel.size());
    }

    /** The series' expected cases per week, {@link #FLOOR_WEEKLY} without history. */
    public double weeklyLevel(String h3, String kind, String category) {
        Double v = weeklyLevel.get(series(h3, kind, category));
        return v == null ? FLOOR_WEEKLY : v;
    }

    /** The category's hour-of-week profile, uniform when the forecast has none. */
    public HourOfWeekProfile profile(String kind, String category) {
        return profiles.getOrDefault(kind + '|' + category, HourOfWeekProfile.UNIFORM);
    }
}
