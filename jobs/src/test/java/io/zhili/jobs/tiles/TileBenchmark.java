package io.zhili.jobs.tiles;

import io.zhili.geo.h3.H3Grid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tile throughput on a synthetic city-sized study area (not a unit test: run by hand, see
 * docs/benchmarks-tiles.md):
 *
 * <pre>
 * mvn -B -o -q -pl jobs -am test-compile -Dsurefire.failIfNoSpecifiedTests=false
 * java -cp "jobs/target/test-classes:jobs/target/classes:$(cat /tmp/cp.txt)" io.zhili.jobs.tiles.TileBenchmark 60000 /tmp/tilebench 2
 * </pre>
 *
 * <p>Arguments: base res-9 cells (default 60,000 ≈ 6,300 km²), work directory, threads. The study area
 * is one large urban disk plus town disks spread over Qingdao's municipality, with rollups to res 8 and
 * 7, one category; tiles z10–16, both layers, PNG and MVT.
 */
public final class TileBenchmark {
    private TileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/zhili-tilebench");
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        H3Grid h3 = H3Grid.get();
        SplittableRandom random = new SplittableRandom(42);
        Map<Long, HotspotCellsFixture.Cell> cells = new LinkedHashMap<>();
        // The urban core: a third of the cells around Qingdao's centre; the rest in towns over the municipality.
        int coreK = (int) Math.sqrt(target / 3.0 / 3.0);
        addDisk(cells, h3.cell(120.40, 36.12, 9), coreK, random);
        while (cells.size() < target) {
            double lon = 119.6 + random.nextDouble() * 1.3;
            double lat = 35.7 + random.nextDouble() * 1.2;
            addDisk(cells, h3.cell(lon, lat, 9), 6 + random.nextInt(14), random);
        }
        List<HotspotCellsFixture.Cell> base = new ArrayList<>(cells.values());
        Path hotspots = dir.resolve("hotspots");
        long t0 = System.nanoTime();
        HotspotCellsFixture.write(hotspots, "2025-12", Instant.parse("2025-11-30T16:00:00Z"), base, Map.of("ALL", 1.0));
        System.out.printf("fixture: %,d base cells written in %.1f s (%,d bytes)%n", base.size(),
                (System.nanoTime() - t0) / 1e9, Files.size(hotspots.resolve("hotspot_cells/period=2025-12/part-00000.parquet")));
        // Remove earlier tiles outside the timed part: on ext4 with online discard, unlinking costs more than writing.
        deleteTree(dir.resolve("tiles"));
        TileOptions options = TileOptions.defaults().withParallelism(threads);
        TileRun.Result result = TileRun.write(hotspots, dir.resolve("tiles"), options);
        System.out.printf("tiles: %,d tiles, %,d bytes in %.1f s = %,.0f tiles/s with %d threads; %s%n", result.tilesWritten(),
                result.bytesWritten(), result.millis() / 1000.0, result.tilesWritten() / (result.millis() / 1000.0), threads,
                result.sets().get(0).tiles());
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void addDisk(Map<Long, HotspotCellsFixture.Cell> cells, long centre, int k, SplittableRandom random) {
        for (long c : H3Grid.get().disk(centre, k)) {
            long cases = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(30);
            cells.putIfAbsent(c, new HotspotCellsFixture.Cell(c, cases, 1 + random.nextInt(40)));
        }
    }
}
