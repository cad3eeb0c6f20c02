package io.zhili.jobs.tiles;

import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.parquet.GeoParquetWriter;
import io.zhili.geo.parquet.TableSchema;
import io.zhili.geo.stats.HotClass;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes small {@code hotspot_cells} tables in the hotspot job's contract (columns, Hive partition
 * folders, rollups to resolutions 8 and 7), so the tile tests do not depend on the job.
 *
 * <p>Base cells are H3 res-9 disks around given centres; a cell's cases fall off with its grid distance
 * from the centre (the centre cell has {@code peak} cases, the rim 0), so the busiest cells and the
 * empty ones are known. Hot classes follow the counts: ≥ 80 % of the peak HOT_99, ≥ 50 % HOT_90, 0 cases
 * COLD_90, else NOT_SIGNIFICANT. Rollups sum cases and components of the children.
 */
public final class HotspotCellsFixture {
    /** The {@code hotspot_cells} schema as the hotspot job writes it. */
    public static final TableSchema SCHEMA = TableSchema.builder().string("h3").int32("h3_res")
            .timestampMillis("period_start").string("category").string("kind").int64("cases").int64("components")
            .optionalFloat64("rate").float64("gi_z").float64("gi_p").string("hot_class").geometry("geometry").build();

    private static final H3Grid H3 = H3Grid.get();

    /** One cell row before writing. */
    public record Cell(long h3, long cases, long components) {
    }

    private HotspotCellsFixture() {
    }

    /** Base res-9 cells: a disk of radius {@code k} around each centre, cases falling off from {@code peak}. */
    public static List<Cell> disks(double[][] lonLatCentres, int k, long peak) {
        Map<Long, Cell> cells = new LinkedHashMap<>();
        for (double[] c : lonLatCentres) {
            long centre = H3.cell(c[0], c[1], 9);
            for (int ring = 0; ring <= k; ring++) {
                long cases = Math.round(peak * (double) (k - ring) / k);
                for (long cell : ringCells(centre, ring)) {
                    cells.merge(cell, new Cell(cell, cases, 3), (a, b) -> new Cell(a.h3(), a.cases() + b.cases(), a.components() + b.components()));
                }
            }
        }
        return new ArrayList<>(cells.values());
    }

    private static long[] ringCells(long centre, int ring) {
        if (ring == 0) {
            return new long[] {centre};
        }
        long[] outer = H3.disk(centre, ring);
        long[] inner = H3.disk(centre, ring - 1);
        java.util.Arrays.sort(inner);
        return java.util.Arrays.stream(outer).filter(c -> java.util.Arrays.binarySearch(inner, c) < 0).toArray();
    }

    /**
     * Writes {@code DIR/hotspot_cells/period=LABEL/part-00000.parquet} with rows for each category (same
     * cells, cases scaled by the category's factor) at resolutions 9, 8 and 7.
     */
    public static Path write(Path hotspotsDir, String period, Instant periodStart, List<Cell> base,
            Map<String, Double> categoryFactors) throws IOException {
        Path file = hotspotsDir.resolve("hotspot_cells/period=" + period + "/part-00000.parquet");
        SplittableRandom random = new SplittableRandom(7);
        try (GeoParquetWriter w = GeoParquetWriter.open(file, SCHEMA)) {
            for (Map.Entry<String, Double> category : categoryFactors.entrySet()) {
                List<Cell> scaled = new ArrayList<>();
                for (Cell c : base) {
                    scaled.add(new Cell(c.h3(), Math.round(c.cases() * category.getValue()), c.components()));
                }
                for (int res = 9; res >= 7; res--) {
                    List<Cell> level = res == 9 ? scaled : rollup(scaled, res);
                    long peak = level.stream().mapToLong(Cell::cases).max().orElse(1);
                    for (Cell c : level) {
                        HotClass hot = c.cases() == 0 ? HotClass.COLD_90
                                : c.cases() >= 0.8 * peak ? HotClass.HOT_99
                                : c.cases() >= 0.5 * peak ? HotClass.HOT_90 : HotClass.NOT_SIGNIFICANT;
                        double z = hot.giBin() * 1.2 + random.nextDouble() * 0.1;
                        double p = hot.giBin() == 0 ? 0.5 : 0.005;
                        Double rate = c.components() == 0 ? null : (double) c.cases() / c.components();
                        w.write(H3.address(c.h3()), res, periodStart, category.getKey(), "ALL", c.cases(), c.components(),
                                rate, z, p, hot.name(), H3.boundary(c.h3()));
                    }
                }
            }
        }
        return file;
    }

    /** Sums base cells into their parents at {@code res}. */
    public static List<Cell> rollup(List<Cell> base, int res) {
        Map<Long, Cell> parents = new LinkedHashMap<>();
        for (Cell c : base) {
            long parent = H3.parent(c.h3(), res);
            parents.merge(parent, new Cell(parent, c.cases(), c.components()),
                    (a, b) -> new Cell(a.h3(), a.cases() + b.cases(), a.components() + b.components()));
        }
        return new ArrayList<>(parents.values());
    }
}
