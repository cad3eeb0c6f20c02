package io.zhili.cli;

import io.zhili.jobs.hotspots.HotspotBaseRun;
import io.zhili.jobs.hotspots.HotspotOptions;
import io.zhili.jobs.hotspots.HotspotRun;
import io.zhili.jobs.hotspots.Period;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zhili hotspots}: the hotspot maps batch job (contract: docs/CONTRACTS.md, "zhili hotspots"). */
@Command(name = "hotspots", mixinStandardHelpOptions = true,
        description = "Hotspot maps by area and time: join cases to components over H3, Gi* hot/cold spots, "
                + "emerging trends, peak hours, handling speed, recurring faults. Flink BATCH job.")
public final class HotspotsCommand implements Callable<Integer> {
    @Option(names = "--components", paramLabel = "PATH", description = "Components: CSV or Parquet file, or a directory of either "
            + "(required, except with --update: then the base run's).")
    Path components;

    @Option(names = "--cases", required = true, paramLabel = "PATH", description = "Cases: CSV or Parquet file, or a directory of either.")
    Path cases;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (replaced atomically).")
    Path out;

    @Option(names = "--areas", paramLabel = "GEOJSON", description = "Areas layer (district, street, grid polygons).")
    Path areas;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Class catalog CSV (code,kind,name_zh,name_en,source) "
            + "of the city, instead of the shipped one (the national standard plus Qingdao's local classes).")
    Path catalog;

    @Option(names = "--res", defaultValue = "9", description = "H3 resolution of the base grid (default: ${DEFAULT-VALUE}); rollups to the two coarser ones.")
    int res;

    @Option(names = "--period", defaultValue = "month", description = "day, week or month (default: ${DEFAULT-VALUE}).")
    String period;

    @Option(names = "--k", defaultValue = "1", description = "k-ring of the Gi* neighbourhood (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--nearest-m", defaultValue = "30", description = "Radius of the nearest same-class component join in metres (default: ${DEFAULT-VALUE}).")
    double nearestMeters;

    @Option(names = "--recurrence-cases", defaultValue = "3", description = "Cases that make a component recurring (default: ${DEFAULT-VALUE}) ...")
    int recurrenceCases;

    @Option(names = "--recurrence-days", defaultValue = "30", description = "... within this many days (default: ${DEFAULT-VALUE}).")
    int recurrenceDays;

    @Option(names = "--fdr", description = "Apply the Benjamini-Hochberg false discovery rate correction to hot_class.")
    boolean fdr;

    @Option(names = "--tiles", description = "Also write heatmap tiles (PNG, MVT, TileJSON) under DIR/tiles, published with the tables.")
    boolean tiles;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism (default: the cluster's or the number of cores).")
    Integer parallelism;

    @Option(names = "--from", paramLabel = "DATE", description = "Scheduled run: first local date (yyyy-MM-dd) of the window "
            + "[from, to) of reported_at; the run replaces only its own partitions. Needs --to.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "End of the window, exclusive (the day after the last day). Needs --from.")
    LocalDate to;

    @Option(names = "--update", paramLabel = "DIR", description = "Incremental run: add the cases of --cases (a new day) to the "
            + "published run in DIR, from its count cube, without reading its cases again; publishes the complete "
            + "tables of all the cases into --out (may be DIR). Counts with DIR's options and, unless given, its "
            + "--components, --areas and --catalog.")
    Path update;

    @Spec
    CommandSpec spec;

    /** Options an update takes from its base run: giving a different value would count the new day differently. */
    private static final String[] BASE_OPTIONS = {"--res", "--period", "--k", "--nearest-m", "--recurrence-cases",
        "--recurrence-days", "--fdr"};

    @Override
    public Integer call() throws Exception {
        if (update != null) {
            return callUpdate();
        }
        if (components == null) {
            throw new IllegalArgumentException("--components is required (except with --update)");
        }
        HotspotOptions options = new HotspotOptions();
        options.resolution = res;
        options.rollups = new int[] {Math.max(0, res - 1), Math.max(0, res - 2)};
        if (res < 2) {
            options.rollups = res == 1 ? new int[] {0} : new int[0];
        }
        options.period = Period.parse(period);
        if (k < 1 || k > 5) {
            throw new IllegalArgumentException("--k must be between 1 and 5");
        }
        options.ringK = k;
        options.nearestRadiusMeters = nearestMeters;
        options.recurrenceMinCases = recurrenceCases;
        options.recurrenceWindowDays = recurrenceDays;
        options.fdr = fdr;
        options.from = from;
        options.to = to;
        if (parallelism != null && parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1");
        }
        return report(new HotspotRun(components, cases, areas, out, options, parallelism)
                .withTiles(tiles).withCatalog(catalog).execute());
    }

    private Integer callUpdate() throws Exception {
        HotspotBaseRun base = HotspotBaseRun.open(update);
        for (String name : BASE_OPTIONS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                throw new IllegalArgumentException(name + " is not for --update: an update counts with the options of "
                        + update + "/run.json");
            }
        }
        if (from != null || to != null) {
            throw new IllegalArgumentException("--update adds cases to a run over all dates; it does not go with --from/--to");
        }
        if (parallelism != null && parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1");
        }
        Path componentsPath = components != null ? components : base.input("components");
        if (componentsPath == null) {
            throw new IllegalArgumentException("--update " + update + ": run.json names no components; give --components");
        }
        Path areasPath = areas != null ? areas : base.input("areas");
        Path catalogPath = catalog != null ? catalog : base.input("catalog");
        return report(new HotspotRun(componentsPath, cases, areasPath, out, base.options(), parallelism)
                .withTiles(tiles).withCatalog(catalogPath).withUpdate(base).execute());
    }

    private Integer report(Map<String, Object> summary) {
        if (summary.containsKey("detached")) {
            System.out.printf("hotspots: job %s submitted detached; it publishes its tables into %s when it finishes%n",
                    summary.get("job_id"), out);
            return 0;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) summary.get("cases");
        System.out.printf("hotspots: done: %s cases read, %s accepted, %s rejected; tables in %s (%s ms)%n",
                c.get("read"), c.get("accepted"), c.get("rejected"), out, ((Map<?, ?>) summary.get("durations_ms")).get("total_ms"));
        return 0;
    }
}
