package io.zhili.datasets;

import io.zhili.datasets.areas.District;
import io.zhili.datasets.areas.QingdaoAreas;
import io.zhili.geo.crs.Gcj02;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.stats.GetisOrdGiStar;
import io.zhili.geo.table.TableReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes, from a generated directory, what a correct hotspot job computes for the planted hotspots:
 * monthly counts per H3 res-9 cell over the study area (all cells covering the districts), per category
 * (ALL or the hotspot's class), and Gi* with k = 1 (geo-lib's {@link GetisOrdGiStar}). Clean rows only
 * (lines listed in truth/dirty.csv are skipped). {@code main(dir)} prints the table for any scale.
 */
final class HotspotCheck {
    static final int RES = 9;

    /** One planted (hotspot, month): the cell's z and the 7-cell sums with and without GCJ-02 conversion. */
    record Result(String h3, String category, int month, boolean gcj02, double z, long cellCount,
                  long flowerCount, long flowerCountUnconverted, double medianActiveCellYear, long cellYear) {
    }

    static List<Result> run(Path dir) throws Exception {
        H3Grid h3 = H3Grid.get();
        Set<Long> dirtyLines = new HashSet<>();
        try (TableReader r = TableReader.open(dir.resolve("truth/dirty.csv"))) {
            while (r.next()) {
                if (r.get(0).equals("cases")) {
                    dirtyLines.add(Long.parseLong(r.get(2)));
                }
            }
        }
        List<String[]> hotspots = GeneratedData.read(dir.resolve("truth/hotspots.csv"), new ArrayList<>());
        Set<String> categories = new HashSet<>();
        for (String[] h : hotspots) {
            categories.add(h[1]);
        }
        // counts[category][month][cell]
        Map<String, Map<Long, long[]>> converted = new HashMap<>();
        Map<String, Map<Long, long[]>> raw = new HashMap<>();
        Map<Long, long[]> yearAll = new HashMap<>();
        try (TableReader r = TableReader.open(dir.resolve("cases.csv"))) {
            while (r.next()) {
                if (dirtyLines.contains(r.rowNumber())) {
                    continue;
                }
                double lon = Double.parseDouble(r.get(6));
                double lat = Double.parseDouble(r.get(7));
                long rawCell = h3.cell(lon, lat, RES);
                if (r.get(8).equals("GCJ02")) {
                    double[] w = Gcj02.toWgs84(lon, lat);
                    lon = w[0];
                    lat = w[1];
                }
                long cell = h3.cell(lon, lat, RES);
                int month = Instant.ofEpochMilli(QingdaoGeneratorTest.parseMillis(r.get(9)))
                        .atZone(ZoneOffset.ofHours(8)).getMonthValue();
                yearAll.computeIfAbsent(cell, c -> new long[1])[0]++;
                for (String cat : new String[] {"ALL", r.get(4)}) {
                    if (categories.contains(cat)) {
                        converted.computeIfAbsent(cat, k -> new HashMap<>()).computeIfAbsent(cell, c -> new long[13])[month]++;
                        raw.computeIfAbsent(cat, k -> new HashMap<>()).computeIfAbsent(rawCell, c -> new long[13])[month]++;
                    }
                }
            }
        }
        Set<Long> area = new HashSet<>();
        for (District d : QingdaoAreas.standard().districts()) {
            for (long c : h3.cover(d.geometry(), RES)) {
                area.add(c);
            }
        }
        long[] cells = area.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
            index.put(cells[i], i);
        }
        int[][] neighbours = GetisOrdGiStar.h3Neighbours(cells, 1, c -> h3.disk(c, 1));
        long[] active = yearAll.values().stream().mapToLong(v -> v[0]).sorted().toArray();
        double median = active[active.length / 2];

        List<Result> out = new ArrayList<>();
        for (String[] h : hotspots) {
            long cell = h3.parse(h[0]);
            int from = Integer.parseInt(h[2].substring(5, 7));
            int to = Integer.parseInt(h[2].substring(14, 16));
            long[] flower = h3.disk(cell, 1);
            for (int m = from; m <= to; m++) {
                double[] x = new double[cells.length];
                for (Map.Entry<Long, long[]> e : converted.get(h[1]).entrySet()) {
                    Integer i = index.get(e.getKey());
                    if (i != null) {
                        x[i] = e.getValue()[m];
                    }
                }
                double z = GetisOrdGiStar.zScores(x, neighbours)[index.get(cell)];
                out.add(new Result(h[0], h[1], m, h[7].equals("GCJ02"), z, count(converted.get(h[1]), cell, m),
                        sum(converted.get(h[1]), flower, m), sum(raw.get(h[1]), flower, m), median,
                        yearAll.getOrDefault(cell, new long[1])[0]));
            }
        }
        return out;
    }

    private static long count(Map<Long, long[]> counts, long cell, int month) {
        long[] v = counts.get(cell);
        return v == null ? 0 : v[month];
    }

    private static long sum(Map<Long, long[]> counts, long[] cells, int month) {
        long s = 0;
        for (long c : cells) {
            s += count(counts, c, month);
        }
        return s;
    }

    public static void main(String[] args) throws Exception {
        List<Result> results = run(Path.of(args[0]));
        double minZ = Double.MAX_VALUE;
        for (Result r : results) {
            System.out.printf("%s %-4s 2025-%02d gcj=%-5b z=%7.2f cell=%5d flower=%5d unconverted=%5d%n", r.h3(),
                    r.category(), r.month(), r.gcj02(), r.z(), r.cellCount(), r.flowerCount(), r.flowerCountUnconverted());
            minZ = Math.min(minZ, r.z());
        }
        System.out.println("min z " + minZ + " over " + results.size() + " planted hotspot-months; median active cell-year "
                + results.get(0).medianActiveCellYear());
        System.out.println(Arrays.toString(args));
    }
}
