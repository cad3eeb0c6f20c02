package io.zhili.jobs.hotspots;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.forecast.ForecastParameters;
import io.zhili.jobs.common.InputPaths;
import io.zhili.jobs.common.JobRunner;
import io.zhili.jobs.common.RunCommit;
import io.zhili.jobs.common.RunCounts;
import io.zhili.jobs.common.RunDirectory;
import io.zhili.jobs.tiles.TileOptions;
import io.zhili.jobs.tiles.TileRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One run of {@code zhili hotspots}: checks the inputs, plans splits, runs the job into a staging
 * directory; when every task has finished, the job itself publishes the tables with {@code run.json}
 * and {@code _SUCCESS} ({@link RunCommit}, on the JobManager), so the same run works when the client
 * waits (MiniCluster, {@code flink run}) and when it does not (a REST submission).
 *
 * <p>With a date window ({@link HotspotOptions#from}, {@link HotspotOptions#to}) only cases reported in
 * the window count, and the run replaces only its own partitions: {@code period=…} of the window's
 * periods in the period-partitioned tables, {@code window=FROM_TO} in the others, and
 * {@code runs/FROM_TO.json}. Rerunning a window is idempotent.
 */
public final class HotspotRun {
    /** Directory of the heatmap tiles under the output directory. */
    public static final String TILES = "tiles";

    private final Path components;
    private final Path cases;
    private final Path areas;
    private final Path out;
    private final HotspotOptions options;
    private final Integer parallelism;
    private boolean tiles;
    private Path catalogFile;
    private ClassCatalog catalog;
    private HotspotBaseRun base;

    public HotspotRun(Path components, Path cases, Path areas, Path out, HotspotOptions options, Integer parallelism) {
        this.components = components;
        this.cases = cases;
        this.areas = areas;
        this.out = out;
        this.options = options;
        this.parallelism = parallelism;
    }

    /** Also renders the heatmap tiles of the run into {@code tiles/}, published with the tables. */
    public HotspotRun withTiles(boolean tiles) {
        this.tiles = tiles;
        return this;
    }

    /** Reads the classes from {@code file} ({@code --catalog}) instead of the shipped catalog; null for the shipped one. */
    public HotspotRun withCatalog(Path file) {
        this.catalogFile = file;
        return this;
    }

    /**
     * Makes the run an update of {@code base} ({@code --update DIR}): only this run's cases are read, the
     * base run's count cube supplies the earlier ones, and the published tables are those a full run over
     * all of them would write. The options must be the base run's ({@link HotspotBaseRun#options}).
     */
    public HotspotRun withUpdate(HotspotBaseRun base) {
        this.base = base;
        return this;
    }

    /**
     * Runs the job; returns the run summary written to {@code run.json}. When the execution is detached
     * (a REST submission) it returns right after the submission, with {@code job_id} and
     * {@code detached: true}; the job publishes its output when it finishes.
     */
    public Map<String, Object> execute() throws Exception {
        validate();
        long t0 = System.currentTimeMillis();
        List<InputSplit> componentSplits = InputPlanner.plan("components", components, options.splitBytes,
                ComponentParser.COLUMNS);
        List<InputSplit> caseSplits = InputPlanner.plan("cases", cases, options.splitBytes, CaseParser.COLUMNS);
        long planned = System.currentTimeMillis();
        System.out.printf("hotspots: %d component splits, %d case splits planned in %d ms%n",
                componentSplits.size(), caseSplits.size(), planned - t0);
        RunDirectory run = RunDirectory.create(out);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            if (parallelism != null) {
                env.setParallelism(parallelism);
            }
            Publish publish = new Publish(run, header(t0, planned, env.getParallelism()), t0,
                    options.windowed() ? ownedPartitions(options) : null, windowName(options), tiles);
            String windowPartition = options.windowed() ? "window=" + windowName(options) : null;
            HotspotJob hotspotJob = new HotspotJob(options, new ReferenceData(catalog, areas), componentSplits, caseSplits,
                    HotspotSinks.parquet(run.staging(), windowPartition), new RunCommit(run.staging(), publish));
            if (!options.windowed()) {
                // Whole runs keep their count cube, which a later --update starts from.
                hotspotJob.withCube(HotspotCube.parquet(run.staging(), new Categories(catalog)));
                publish.withCube();
            }
            if (base != null) {
                hotspotJob.updating(base);
            }
            hotspotJob.build(env);
            Map<String, Object> job = JobRunner.run(env, "zhili hotspots", "cases.read");
            if (job.containsKey(JobRunner.DETACHED)) {
                Map<String, Object> submitted = new LinkedHashMap<>();
                submitted.put("job", "hotspots");
                submitted.put("job_id", job.get(JobRunner.JOB_ID));
                submitted.put("detached", true);
                submitted.put("out", out.toString());
                return submitted;
            }
            Path summary = options.windowed()
                    ? out.resolve(RunDirectory.RUNS).resolve(windowName(options) + ".json")
                    : out.resolve(RunDirectory.RUN_JSON);
            @SuppressWarnings("unchecked")
            Map<String, Object> published = new ObjectMapper().readValue(summary.toFile(), LinkedHashMap.class);
            return published;
        } catch (Exception | Error e) {
            run.abandon();
            throw e;
        }
    }

    /** {@code FROM_TO} of a windowed run ({@code 2025-07-01_2025-07-02}), else null. */
    static String windowName(HotspotOptions options) {
        return options.windowed() ? options.from + "_" + options.to : null;
    }

    /** The partitions a windowed run owns, by table (the window must start and end on period starts). */
    static LinkedHashMap<String, List<String>> ownedPartitions(HotspotOptions options) {
        List<String> periods = new ArrayList<>();
        for (LocalDate d = options.from; d.isBefore(options.to); d = options.period.next(d)) {
            periods.add("period=" + options.period.label((int) d.toEpochDay()));
        }
        LinkedHashMap<String, List<String>> owned = new LinkedHashMap<>();
        for (String table : HotspotTables.ALL) {
            owned.put(table, HotspotTables.byPeriod(table) ? periods : List.of("window=" + windowName(options)));
        }
        // The forecast of a window is fitted on the window's cases and forecasts the period starting at --to.
        owned.put(ForecastStage.CELLS, List.of("window=" + windowName(options)));
        owned.put(ForecastStage.HOUR_OF_WEEK, List.of("window=" + windowName(options)));
        return owned;
    }

    private void validate() {
        // A bad catalog is one line naming its file and line, before anything is planned or started.
        catalog = ClassCatalog.fileOrStandard(catalogFile);
        InputPaths.requireReadable("--components", components);
        InputPaths.requireReadable("--cases", cases);
        if (areas != null) {
            InputPaths.requireReadable("--areas", areas);
        }
        if (options.resolution < 0 || options.resolution > CellKeys.MAX_RESOLUTION) {
            throw new IllegalArgumentException("--res must be between 0 and " + CellKeys.MAX_RESOLUTION);
        }
        for (int r : options.rollups) {
            if (r < 0 || r >= options.resolution) {
                throw new IllegalArgumentException("rollup resolution " + r + " must be coarser than --res " + options.resolution);
            }
        }
        InputPaths.requireOutputDirectory(out);
        validateWindow();
        if (base != null && options.windowed()) {
            throw new IllegalArgumentException("--update adds cases to a run over all dates; it does not go with --from/--to");
        }
        if (base != null) {
            base.requireNew(cases);
        }
        if (tiles && options.windowed()) {
            throw new IllegalArgumentException("--tiles renders a whole run; run `zhili tiles` on the output of windowed runs");
        }
    }

    private void validateWindow() {
        if ((options.from == null) != (options.to == null)) {
            throw new IllegalArgumentException("--from and --to go together");
        }
        String period = options.period.name().toLowerCase();
        if (options.windowed()) {
            if (!options.from.isBefore(options.to)) {
                throw new IllegalArgumentException("--from " + options.from + " must be before --to " + options.to);
            }
            long periods = 0;
            for (LocalDate d = options.from; d.isBefore(options.to); d = options.period.next(d)) {
                periods++;
            }
            String tooMany = CellKeys.periodLimitProblem(periods, options.period, "--from " + options.from + " --to "
                    + options.to + " spans");
            if (tooMany != null) {
                throw new IllegalArgumentException(tooMany);
            }
            // A window that cut a period would replace the whole period's partition with part of it.
            for (LocalDate d : new LocalDate[] {options.from, options.to}) {
                if (!options.period.startsOn(d)) {
                    throw new IllegalArgumentException("with --period " + period + " the window must start and end on "
                            + (options.period == Period.WEEK ? "a Monday" : "the first of a month") + ", not " + d);
                }
            }
        }
        // One layout per output directory: whole tables, or partitions of windows.
        for (String table : HotspotTables.ALL) {
            if (HotspotTables.byPeriod(table) || !Files.isDirectory(out.resolve(table))) {
                continue;
            }
            try (Stream<Path> entries = Files.list(out.resolve(table))) {
                boolean hasWindows = false;
                boolean hasFiles = false;
                for (Path p : (Iterable<Path>) entries::iterator) {
                    String name = p.getFileName().toString();
                    hasWindows |= name.startsWith("window=");
                    hasFiles |= name.endsWith(".parquet");
                }
                if (options.windowed() && hasFiles) {
                    throw new IllegalArgumentException("--out " + out + " holds a run over all dates; a run with "
                            + "--from/--to needs an output directory of its own");
                }
                if (!options.windowed() && hasWindows) {
                    throw new IllegalArgumentException("--out " + out + " holds runs of date windows; a run over all "
                            + "dates would replace them all: give --from/--to or another output directory");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("--out " + out + " is not readable: " + e.getMessage());
            }
        }
    }


    /** What the client knows of the run before it starts; the JobManager adds the counts at the end. */
    private LinkedHashMap<String, Object> header(long t0, long planned, int parallelism) {
        LinkedHashMap<String, Object> s = new LinkedHashMap<>();
        s.put("job", "hotspots");
        s.put("started_at", Instant.ofEpochMilli(t0).toString());
        LinkedHashMap<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("components", components.toString());
        inputs.put("cases", cases.toString());
        inputs.put("areas", areas == null ? null : areas.toString());
        inputs.put("catalog", catalogFile == null ? null : catalogFile.toString());
        s.put("inputs", inputs);
        LinkedHashMap<String, Object> opts = new LinkedHashMap<>();
        opts.put("res", options.resolution);
        opts.put("rollups", options.rollups);
        opts.put("period", options.period.name().toLowerCase());
        opts.put("k", options.ringK);
        opts.put("nearest_radius_m", options.nearestRadiusMeters);
        opts.put("recurrence_min_cases", options.recurrenceMinCases);
        opts.put("recurrence_window_days", options.recurrenceWindowDays);
        opts.put("fdr", options.fdr);
        opts.put("parallelism", parallelism);
        s.put("options", opts);
        if (base != null) {
            s.put("update", base.describe(cases));
        }
        if (options.windowed()) {
            LinkedHashMap<String, Object> window = new LinkedHashMap<>();
            window.put("from", options.from.toString());
            window.put("to", options.to.toString());
            window.put("partitions", ownedPartitions(options));
            s.put("window", window);
        }
        s.put("plan_ms", planned - t0);
        return s;
    }

    /** The run summary: the client's header, the counts of every task, the durations. */
    static Map<String, Object> summary(Map<String, Object> header, Map<String, Long> counts, long t0, long finished) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("job", header.get("job"));
        s.put("started_at", header.get("started_at"));
        s.put("finished_at", Instant.ofEpochMilli(finished).toString());
        header.forEach((k, v) -> {
            if (!k.equals("plan_ms")) {
                s.putIfAbsent(k, v);
            }
        });
        s.put("components", section(counts, "components."));
        s.put("cases", section(counts, "cases."));
        Map<String, Object> durations = new LinkedHashMap<>();
        durations.put("plan_ms", header.get("plan_ms"));
        durations.putAll(section(counts, "stage."));
        durations.put("total_ms", finished - t0);
        s.put("durations_ms", durations);
        return s;
    }

    /** Counts under a prefix as a nested map ({@code rejected.BAD_TIMESTAMP} -> {rejected: {...}}), with totals. */
    private static Map<String, Object> section(Map<String, Long> acc, String prefix) {
        Map<String, Object> out = new TreeMap<>();
        Map<String, Long> rejected = new TreeMap<>();
        long rejectedTotal = 0;
        for (Map.Entry<String, Long> e : acc.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            String name = e.getKey().substring(prefix.length());
            long value = e.getValue();
            if (name.startsWith("rejected.")) {
                rejected.put(name.substring("rejected.".length()), value);
                rejectedTotal += value;
            } else {
                out.put(name, value);
            }
        }
        if (prefix.equals("components.") || prefix.equals("cases.")) {
            out.putIfAbsent("read", 0L);
            out.put("rejected", rejectedTotal);
            out.put("rejected_by_reason", rejected);
            if (prefix.equals("cases.")) {
                long accepted = 0;
                for (String k : new String[] {"joined_by_id", "joined_by_nearest", "unattached", "events"}) {
                    out.putIfAbsent(k, 0L);
                    accepted += (Long) out.get(k);
                }
                out.put("accepted", accepted);
            } else {
                out.putIfAbsent("accepted", 0L);
            }
        }
        return out;
    }

    /** Publishes the run on the JobManager once every task has finished (see {@link RunCommit}). */
    static final class Publish implements RunCommit.Publisher {
        private static final long serialVersionUID = 1L;
        private final String out;
        private final String staging;
        private final LinkedHashMap<String, Object> header;
        private final long t0;
        private final LinkedHashMap<String, List<String>> partitions;
        private final String windowName;
        private final boolean tiles;
        private boolean cube;

        Publish(RunDirectory run, LinkedHashMap<String, Object> header, long t0,
                LinkedHashMap<String, List<String>> partitions, String windowName, boolean tiles) {
            this.out = run.out().toAbsolutePath().toString();
            this.staging = run.staging().toAbsolutePath().toString();
            this.header = header;
            this.t0 = t0;
            this.partitions = partitions;
            this.windowName = windowName;
            this.tiles = tiles;
        }

        /** Publishes the run's count cube ({@link HotspotCube#DIR}) with its tables. */
        void withCube() {
            this.cube = true;
        }

        @Override
        public void publish(RunCounts counts) {
            List<String> tables = new ArrayList<>(Arrays.asList(HotspotTables.ALL));
            if (cube) {
                tables.add(HotspotCube.DIR);
            }
            tables.add(ForecastStage.DIR);
            Map<String, Object> tileSummary = null;
            long tilesStarted = System.currentTimeMillis();
            if (tiles) {
                // Rendered from the staged tables, so the tiles are published with them, atomically.
                try {
                    TileRun.Result r = TileRun.write(Path.of(staging), Path.of(staging, TILES), TileOptions.defaults());
                    tileSummary = new LinkedHashMap<>();
                    tileSummary.put("tiles_written", r.tilesWritten());
                    tileSummary.put("bytes_written", r.bytesWritten());
                    tileSummary.put("sets", r.sets().size());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot render tiles: " + e.getMessage(), e);
                }
                tables.add(TILES);
            }
            Map<String, Object> summary = summary(header, counts.values(), t0, System.currentTimeMillis());
            @SuppressWarnings("unchecked")
            Map<String, Object> opts = (Map<String, Object>) header.get("options");
            summary.put("forecast", ForecastStage.summary(counts.values(), Period.parse((String) opts.get("period")),
                    ForecastParameters.DEFAULTS));
            if (tileSummary != null) {
                summary.put("tiles", tileSummary);
                @SuppressWarnings("unchecked")
                Map<String, Object> durations = (Map<String, Object>) summary.get("durations_ms");
                durations.put("tiles_ms", System.currentTimeMillis() - tilesStarted);
            }
            RunDirectory run = RunDirectory.reopen(Path.of(out), Path.of(staging));
            if (partitions == null) {
                run.publish(tables, summary);
            } else {
                run.publishPartitions(partitions, summary, windowName);
            }
        }
    }
}
