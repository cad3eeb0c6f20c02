package io.zhili.datasets.trucks;

import io.zhili.geo.fence.FenceLayers;
import io.zhili.geo.fence.Site;
import io.zhili.geo.fence.SiteKind;
import io.zhili.geo.geojson.Area;
import io.zhili.geo.table.CsvWriter;
import io.zhili.geo.trucks.RuleType;
import io.zhili.geo.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Deterministic synthetic muck-truck data for Qingdao with ground truth: the reference layers, one
 * night of GPS reports in both input formats, and every planted violation.
 *
 * <p><b>World.</b> Construction and disposal sites around Qingdao's towns (321 and 243 for the
 * full fleet of 6 000 trucks, scaled with the fleet down to 12 and 8), permits shared by about 2.5
 * trucks each whose routes follow a street grid from a construction site to a disposal site 3–15 km
 * away (hours such as {@code 22:00-06:00}, corridors of 80, 100 or 150 m, valid 2025-11-01 to
 * 2025-12-31; one truck in ten also holds an expired all-day permit for another route), and
 * restricted zones 450–800 m beside routes, never within 250 m of one, half banned at night and
 * half only by day.
 *
 * <p><b>Traces.</b> The night of Monday 2025-11-24, 21:00 to 03:00 Asia/Shanghai: each truck
 * loads, waits for its permit's hours, hauls, unloads and returns while its shift lasts, reporting
 * every 10 s with 3 m GPS noise; one truck in twenty has no load sensor ({@code load_t} null), one
 * in ten no lid sensor ({@code UNKNOWN}); every fifth truck has a JT/T 808-2013 terminal, the rest
 * 2019. Planted on chosen legs: every rule of docs/CONTRACTS.md, and look-alikes that must not alert (a
 * zone visit outside its hours, a long loaded queue, silence while empty, an empty detour). Every
 * trace ends parked at a site.
 *
 * <p><b>Files</b> under {@code outDir}:
 * <ul>
 *   <li>{@code routes.geojson}, {@code sites.geojson}, {@code zones.geojson}: the layers of docs/CONTRACTS.md ("Truck reference layers");
 *       routes also carry {@code terminal_phones[]}, the JT/T 808 phone-to-plate registry.</li>
 *   <li>{@code gps.jsonl}: one JSON report per line in arrival order; {@code gps.jt808}: the same
 *       records, line for line, as JT/T 808 0x0200 frames written as upper-case hex, one frame per
 *       line (0x7e delimiters included). Noise (see {@link TraceWriter}): reports up to 15 s late,
 *       duplicates, GPS jumps and junk lines; a reader needs an out-of-orderness bound of at least
 *       15 s.</li>
 *   <li>{@code truth/violations.csv}: {@code truck_id,rule,start_ms,end_ms}, the event times of
 *       the first and last report showing each planted violation;
 *       {@code truth/noise.csv}: {@code line,kind,truck_id,ts,json_reason,jt808_reason} for every
 *       disordered, duplicate, jump and junk line, with the reject reason each reader must give.</li>
 * </ul>
 * Same arguments, same bytes: trucks are simulated in parallel, each from its own random stream.
 */
public final class TruckDataGenerator {
    /** Start of the simulated night, local time. */
    public static final OffsetDateTime NIGHT_START = OffsetDateTime.parse("2025-11-24T21:00:00+08:00");
    /** End of the simulated night, local time. */
    public static final OffsetDateTime NIGHT_END = OffsetDateTime.parse("2025-11-25T03:00:00+08:00");
    public static final List<String> VIOLATION_COLUMNS = List.of("truck_id", "rule", "start_ms", "end_ms");

    private TruckDataGenerator() {
    }

    /** Generates the truck data for {@code trucks} trucks on Qingdao's ten districts. */
    public static TruckDataSummary generate(Path outDir, int trucks, long seed) throws IOException {
        return generate(outDir, trucks, seed, null);
    }

    /**
     * Writes only the reference layers ({@code routes.geojson}, {@code sites.geojson},
     * {@code zones.geojson}) of the fleet {@link #generate} would lay out for the same arguments,
     * without simulating the night: for benchmarks of the layers themselves.
     */
    public static void generateLayers(Path outDir, int trucks, long seed) throws IOException {
        Files.createDirectories(outDir);
        TruckFleet fleet = new FleetBuilder(seed, null).build(trucks);
        FenceLayers.writeRoutes(outDir.resolve("routes.geojson"), fleet.routes());
        FenceLayers.writeSites(outDir.resolve("sites.geojson"), fleet.sites());
        FenceLayers.writeZones(outDir.resolve("zones.geojson"), fleet.zones());
    }

    /**
     * Generates the truck data for {@code trucks} trucks.
     *
     * @param districts areas whose polygons (lon/lat) sites, routes and zones must lie in, e.g. the
     *                  ten district areas the city generator writes; null or empty for Qingdao's ten
     *                  districts
     * @throws IllegalArgumentException for a fleet of fewer than one truck
     * @throws IllegalStateException    when the given land has no room for the sites
     */
    public static TruckDataSummary generate(Path outDir, int trucks, long seed, List<Area> districts) throws IOException {
        long started = System.currentTimeMillis();
        Files.createDirectories(outDir.resolve("truth"));
        TruckFleet fleet = new FleetBuilder(seed, districts).build(trucks);
        FenceLayers.writeRoutes(outDir.resolve("routes.geojson"), fleet.routes());
        FenceLayers.writeSites(outDir.resolve("sites.geojson"), fleet.sites());
        FenceLayers.writeZones(outDir.resolve("zones.geojson"), fleet.zones());

        TruckSimulator simulator = new TruckSimulator(fleet, seed, NIGHT_START.toInstant().toEpochMilli(),
                NIGHT_END.toInstant().toEpochMilli());
        Progress simulated = new Progress("trucks: simulate", "trucks");
        List<SimulatedTrace> traces = IntStream.range(0, fleet.trucks().size()).parallel()
                .mapToObj(i -> {
                    SimulatedTrace t = simulator.simulate(fleet.trucks().get(i));
                    simulated.add(1);
                    return t;
                })
                .toList();
        simulated.done();

        Progress written = new Progress("trucks: gps", "lines");
        TraceWriter.Counts counts = new TraceWriter(seed).write(outDir, traces, written);
        written.done();

        List<TruthEpisode> truth = new ArrayList<>();
        for (SimulatedTrace t : traces) {
            truth.addAll(t.truth);
        }
        truth.sort(Comparator.comparingLong(TruthEpisode::startMs).thenComparing(TruthEpisode::truckId)
                .thenComparing(TruthEpisode::rule));
        Map<RuleType, Integer> byRule = new EnumMap<>(RuleType.class);
        for (RuleType r : RuleType.values()) {
            byRule.put(r, 0);
        }
        try (CsvWriter w = CsvWriter.open(outDir.resolve("truth").resolve("violations.csv"), VIOLATION_COLUMNS)) {
            for (TruthEpisode e : truth) {
                w.write(e.truckId(), e.rule().name(), e.startMs(), e.endMs());
                byRule.merge(e.rule(), 1, Integer::sum);
            }
        }
        int construction = (int) fleet.sites().stream().filter(s -> s.kind() == SiteKind.CONSTRUCTION).count();
        List<Site> sites = fleet.sites();
        return new TruckDataSummary(outDir, fleet.trucks().size(), fleet.routes().size(), construction,
                sites.size() - construction, fleet.zones().size(), counts.lines(), counts.reports(), counts.disordered(),
                counts.duplicates(), counts.jumps(), counts.junk(), byRule,
                List.of("routes.geojson", "sites.geojson", "zones.geojson", "gps.jsonl", "gps.jt808",
                        "truth/violations.csv", "truth/noise.csv"),
                System.currentTimeMillis() - started);
    }
}
