package io.zhili.cli;

import io.zhili.datasets.GenerationReport;
import io.zhili.datasets.QingdaoGenerator;
import io.zhili.datasets.Scale;
import io.zhili.datasets.live.LiveDayGenerator;
import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.table.TableFiles;
import io.zhili.geo.table.TableReader;
import io.zhili.jobs.hotspots.HotspotOptions;
import io.zhili.jobs.hotspots.HotspotRun;
import io.zhili.jobs.live.LiveOptions;
import io.zhili.jobs.live.LiveRun;
import io.zhili.jobs.trucks.TruckJobOptions;
import io.zhili.jobs.trucks.TruckRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zhili demo}: the whole product on one laptop in a minute. Generates the small synthetic
 * Qingdao year, runs the hotspot job, the muck-truck job and the live job (on the generated live day,
 * with the hotspot forecast as its baseline) on the embedded MiniCluster and prints where every output
 * is, the alerts by rule and by kind, the hottest cells of the latest month and a query to start from.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate the small data set, run hotspots with tiles, trucks and the live day on the embedded Flink MiniCluster, print where everything is.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "zhili-demo", paramLabel = "DIR", description = "Where to put data and results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "20251", description = "Random seed of the generated data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Class catalog CSV of the city, used by every step "
            + "(default: the shipped catalog).")
    Path catalog;

    @Override
    public Integer call() throws Exception {
        Path data = out.resolve("data");
        Path hotspots = out.resolve("hotspots");
        Path trucks = out.resolve("trucks");
        Path live = out.resolve("live");
        System.out.printf("demo: 1/4 generating the small synthetic Qingdao year into %s%n", data);
        // Loaded before anything is written, so a bad file stops the demo with its one-line error.
        ClassCatalog classes = ClassCatalog.fileOrStandard(catalog);
        GenerationReport report = QingdaoGenerator.generate(data, Scale.SMALL, seed, 2, System.out, classes,
                catalog == null ? ClassCatalog.RESOURCE : catalog.toString());
        System.out.printf("demo: %d files in %.1f s%n", report.files().size(), report.millis() / 1000.0);

        System.out.printf("demo: 2/4 running the hotspot job with tiles (Flink BATCH, embedded MiniCluster) into %s%n", hotspots);
        Map<String, Object> summary = new HotspotRun(data.resolve("components.csv"), data.resolve("cases.csv"),
                data.resolve("areas.geojson"), hotspots, new HotspotOptions(), null).withTiles(true).withCatalog(catalog).execute();

        System.out.printf("demo: 3/4 running the muck-truck job on the night's GPS file (Flink streaming, embedded MiniCluster) into %s%n", trucks);
        Map<String, Object> truckSummary = new TruckRun(TruckRun.Input.file(data.resolve("gps.jsonl")),
                data.resolve("routes.geojson"), data.resolve("sites.geojson"), data.resolve("zones.geojson"), trucks,
                TruckJobOptions.defaults(), null).withCatalog(catalog).execute();

        System.out.printf("demo: 4/4 replaying the live day %s against the hotspot forecast (Flink streaming, embedded MiniCluster) into %s%n",
                data.resolve(LiveDayGenerator.EVENTS), live);
        Map<String, Object> liveSummary = new LiveRun(LiveRun.Input.file(data.resolve(LiveDayGenerator.EVENTS)),
                data.resolve("components.csv"), hotspots, live, LiveOptions.defaults(), null)
                .withReferenceFiles(data.resolve("areas.geojson"), catalog, null).execute();

        @SuppressWarnings("unchecked")
        Map<String, Object> cases = (Map<String, Object>) summary.get("cases");
        System.out.println();
        System.out.println("Zhili demo results");
        System.out.printf("  input data           %s (areas.geojson, components.csv, cases.csv, parquet/, truth/)%n", data.toAbsolutePath());
        System.out.printf("  hotspot tables       %s%n", hotspots.toAbsolutePath());
        for (String table : new String[] {"hotspot_cells", "emerging", "time_profile", "area_summary", "component_recurrence", "rejects"}) {
            System.out.printf("    %-20s %s%n", table, hotspots.resolve(table).toAbsolutePath());
        }
        System.out.printf("  run summary          %s%n", hotspots.resolve("run.json").toAbsolutePath());
        System.out.printf("  cases                %s read, %s joined by id, %s by nearest component, %s rejected%n",
                cases.get("read"), cases.get("joined_by_id"), cases.get("joined_by_nearest"), cases.get("rejected"));
        System.out.printf("  heatmap tiles        %s%n", hotspots.resolve("tiles").toAbsolutePath());
        System.out.printf("  truck alerts         %s (alerts/, dead_letter/, cases/, run.json)%n", trucks.toAbsolutePath());
        @SuppressWarnings("unchecked")
        Map<String, Object> alerts = (Map<String, Object>) truckSummary.get("alerts");
        System.out.printf("  alerts by rule       %s (total %s)%n", alerts.get("by_rule"), alerts.get("total"));
        System.out.printf("  live alerts          %s (alerts/, dead_letter/, run.json)%n", live.toAbsolutePath());
        @SuppressWarnings("unchecked")
        Map<String, Object> liveAlerts = (Map<String, Object>) liveSummary.get("alerts");
        @SuppressWarnings("unchecked")
        Map<String, Object> liveEvents = (Map<String, Object>) liveSummary.get("events");
        System.out.printf("  live alerts by kind  (OPEN; total %s, %s surges closed again)%n", liveAlerts.get("open"),
                liveAlerts.get("surge_closed"));
        ((Map<?, ?>) liveAlerts.get("by_kind")).forEach((kind, n) -> System.out.printf("    %-20s %s%n", kind, n));
        System.out.printf("  live events          %s read, %s accepted, %s rejected, %s dead-lettered%n", liveEvents.get("read"),
                liveEvents.get("accepted"), liveEvents.get("rejected"), liveEvents.get("dead_lettered"));
        System.out.printf("  dispatch console     scripts/zhili serve --tiles %s --hotspots %s --areas %s --alerts %s --live-alerts %s%n",
                hotspots.resolve("tiles"), hotspots, data.resolve("areas.geojson"), trucks.resolve("alerts"), live.resolve("alerts"));
        printHottest(hotspots.resolve("hotspot_cells"));
        System.out.println();
        System.out.println("  Query it with DuckDB, Spark or GeoPandas, for example:");
        System.out.printf("    SELECT period, h3, cases, gi_z, hot_class FROM read_parquet('%s/hotspot_cells/**/*.parquet', hive_partitioning=true)%n",
                hotspots.toAbsolutePath());
        System.out.println("    WHERE category = 'ALL' AND h3_res = 9 AND hot_class = 'HOT_99' ORDER BY period, gi_z DESC;");
        return 0;
    }

    /** The five cells with the highest Gi* z for all cases in the latest month. */
    private static void printHottest(Path cellsDir) throws Exception {
        List<Path> latest = new ArrayList<>();
        try (var parts = Files.list(cellsDir)) {
            Path last = parts.filter(p -> p.getFileName().toString().startsWith("period=")).sorted().reduce((a, b) -> b).orElse(null);
            if (last == null) {
                return;
            }
            latest.addAll(TableFiles.list(last));
            System.out.printf("  hottest cells of %s (category ALL, H3 res 9):%n", last.getFileName().toString().substring(7));
        }
        List<String[]> rows = new ArrayList<>();
        for (Path file : latest) {
            try (TableReader r = TableReader.open(file)) {
                int h3 = r.columnIndex("h3");
                int res = r.columnIndex("h3_res");
                int cat = r.columnIndex("category");
                int cases = r.columnIndex("cases");
                int z = r.columnIndex("gi_z");
                int hot = r.columnIndex("hot_class");
                while (r.next()) {
                    if ("9".equals(r.get(res)) && "ALL".equals(r.get(cat))) {
                        rows.add(new String[] {r.get(h3), r.get(cases), r.get(z), r.get(hot)});
                    }
                }
            }
        }
        rows.sort((a, b) -> Double.compare(Double.parseDouble(b[2]), Double.parseDouble(a[2])));
        for (String[] row : rows.subList(0, Math.min(5, rows.size()))) {
            System.out.printf("    %s  %5s cases  z=%6.2f  %s%n", row[0], row[1], Double.parseDouble(row[2]), row[3]);
        }
    }
}
