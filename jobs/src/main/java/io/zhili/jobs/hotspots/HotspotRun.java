package io.zhili.jobs.hotspots;

import io.zhili.jobs.common.JobRunner;
import io.zhili.jobs.common.RunDirectory;
import io.zhili.jobs.tiles.TileOptions;
import io.zhili.jobs.tiles.TileRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One run of {@code zhili hotspots}: checks the inputs, plans splits, runs the job into a staging
 * directory, then publishes the tables with {@code run.json} and {@code _SUCCESS}.
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

    /** Runs the job; returns the run summary written to {@code run.json}. */
    public Map<String, Object> execute() throws Exception {
        validate();
        long t0 = System.currentTimeMillis();
        List<InputSplit> componentSplits = InputPlanner.plan("components", components, options.splitBytes);
        List<InputSplit> caseSplits = InputPlanner.plan("cases", cases, options.splitBytes);
        long planned = System.currentTimeMillis();
        System.out.printf("hotspots: %d component splits, %d case splits planned in %d ms%n",
                componentSplits.size(), caseSplits.size(), planned - t0);
        RunDirectory run = RunDirectory.create(out);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            if (parallelism != null) {
                env.setParallelism(parallelism);
            }
            new HotspotJob(options, new ReferenceData(areas), componentSplits, caseSplits,
                    HotspotSinks.parquet(run.staging())).build(env);
            Map<String, Object> accumulators = JobRunner.run(env, "zhili hotspots", "cases.read");
            List<String> published = new java.util.ArrayList<>(Arrays.asList(HotspotTables.ALL));
            TileRun.Result tileResult = null;
            long tilesStarted = System.currentTimeMillis();
            if (tiles) {
                // Tiles are rendered from the staged tables so that they are published with them, atomically.
                tileResult = TileRun.write(run.staging(), run.staging().resolve(TILES), TileOptions.defaults());
                published.add(TILES);
            }
            long finished = System.currentTimeMillis();
            Map<String, Object> summary = summary(accumulators, t0, planned, finished, env.getParallelism());
            if (tileResult != null) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("tiles_written", tileResult.tilesWritten());
                t.put("bytes_written", tileResult.bytesWritten());
                t.put("sets", tileResult.sets().size());
                summary.put("tiles", t);
                @SuppressWarnings("unchecked")
                Map<String, Object> durations = (Map<String, Object>) summary.get("durations_ms");
                durations.put("tiles_ms", finished - tilesStarted);
            }
            run.publish(published, summary);
            return summary;
        } catch (Exception | Error e) {
            run.abandon();
            throw e;
        }
    }

    private void validate() {
        requireReadable("--components", components);
        requireReadable("--cases", cases);
        if (areas != null) {
            requireReadable("--areas", areas);
        }
        if (options.resolution < 0 || options.resolution > CellKeys.MAX_RESOLUTION) {
            throw new IllegalArgumentException("--res must be between 0 and " + CellKeys.MAX_RESOLUTION);
        }
        for (int r : options.rollups) {
            if (r < 0 || r >= options.resolution) {
                throw new IllegalArgumentException("rollup resolution " + r + " must be coarser than --res " + options.resolution);
            }
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " exists and is not a directory");
        }
    }

    private static void requireReadable(String option, Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(option + " " + path + " does not exist");
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(option + " " + path + " is not readable");
        }
    }

    private Map<String, Object> summary(Map<String, Object> acc, long t0, long planned, long finished, int parallelism) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("job", "hotspots");
        s.put("started_at", Instant.ofEpochMilli(t0).toString());
        s.put("finished_at", Instant.ofEpochMilli(finished).toString());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("components", components.toString());
        inputs.put("cases", cases.toString());
        inputs.put("areas", areas == null ? null : areas.toString());
        s.put("inputs", inputs);
        Map<String, Object> opts = new LinkedHashMap<>();
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
        s.put("components", section(acc, "components."));
        s.put("cases", section(acc, "cases."));
        Map<String, Object> durations = new LinkedHashMap<>();
        durations.put("plan_ms", planned - t0);
        durations.putAll(section(acc, "stage."));
        durations.put("job_net_runtime_ms", acc.get("job.net_runtime_ms"));
        durations.put("total_ms", finished - t0);
        s.put("durations_ms", durations);
        return s;
    }

    /** Accumulators under a prefix as a nested map ({@code rejected.BAD_TIMESTAMP} -> {rejected: {...}}), with totals. */
    private static Map<String, Object> section(Map<String, Object> acc, String prefix) {
        Map<String, Object> out = new TreeMap<>();
        Map<String, Long> rejected = new TreeMap<>();
        long rejectedTotal = 0;
        for (Map.Entry<String, Object> e : acc.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            String name = e.getKey().substring(prefix.length());
            long value = ((Number) e.getValue()).longValue();
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
}
