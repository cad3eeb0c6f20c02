package io.zhili.jobs.hotspots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.jobs.common.RunCounts;
import io.zhili.jobs.common.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The published run that {@code zhili hotspots --update DIR} starts from: its {@code run.json} (options,
 * inputs, case counts) and the files of its count cube ({@link HotspotCube}) with its {@code time_profile}
 * and {@code rejects}. Checked when opened, so a directory that cannot be updated fails with one line
 * before any job starts.
 */
public final class HotspotBaseRun {
    /** Tables an update reads back, in the order they are listed. */
    static final String[] TABLES = {HotspotCube.CELLS, HotspotCube.AREAS, HotspotCube.RECURRENCE,
        HotspotCube.CASE_IDS, HotspotTables.TIME_PROFILE, HotspotTables.REJECTS};

    private final Path dir;
    private final JsonNode run;

    private HotspotBaseRun(Path dir, JsonNode run) {
        this.dir = dir;
        this.run = run;
    }

    /**
     * @throws IllegalArgumentException when {@code dir} holds no complete whole run with a count cube
     */
    public static HotspotBaseRun open(Path dir) {
        Path json = dir.resolve(RunDirectory.RUN_JSON);
        if (!Files.isRegularFile(json) || !Files.exists(dir.resolve(RunDirectory.SUCCESS))) {
            throw new IllegalArgumentException("--update " + dir + ": no published hotspot run (run.json and _SUCCESS)");
        }
        JsonNode run;
        try {
            run = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("--update " + dir + ": run.json is not readable: " + e.getMessage());
        }
        if (!"hotspots".equals(run.path("job").asText())) {
            throw new IllegalArgumentException("--update " + dir + ": run.json is not a hotspot run's");
        }
        if (run.has("window")) {
            throw new IllegalArgumentException("--update " + dir + ": holds runs of date windows (--from/--to); "
                    + "an update needs a run over all dates");
        }
        if (!Files.isDirectory(dir.resolve(HotspotCube.CELLS))) {
            throw new IllegalArgumentException("--update " + dir + ": no count cube (" + HotspotCube.DIR
                    + "/); make one full run with this version first");
        }
        return new HotspotBaseRun(dir, run);
    }

    public Path dir() {
        return dir;
    }

    /** An input path of the base run ({@code components}, {@code areas}, {@code catalog}), or null. */
    public Path input(String name) {
        JsonNode v = run.path("inputs").path(name);
        return v.isMissingNode() || v.isNull() ? null : Path.of(v.asText());
    }

    /** The base run's options; an update counts with them, so its tables are those of a full run. */
    public HotspotOptions options() {
        JsonNode o = run.path("options");
        HotspotOptions options = new HotspotOptions();
        options.resolution = o.path("res").asInt(options.resolution);
        List<Integer> rollups = new ArrayList<>();
        o.path("rollups").forEach(r -> rollups.add(r.asInt()));
        options.rollups = rollups.stream().mapToInt(Integer::intValue).toArray();
        options.period = Period.parse(o.path("period").asText("month"));
        options.ringK = o.path("k").asInt(options.ringK);
        options.nearestRadiusMeters = o.path("nearest_radius_m").asDouble(options.nearestRadiusMeters);
        options.recurrenceMinCases = o.path("recurrence_min_cases").asInt(options.recurrenceMinCases);
        options.recurrenceWindowDays = o.path("recurrence_window_days").asInt(options.recurrenceWindowDays);
        options.fdr = o.path("fdr").asBoolean(options.fdr);
        return options;
    }

    /**
     * What run.json says of the update of this base run with {@code cases}: where the base run is, when it
     * ran, its cases input, how many updates the chain holds, and every cases input folded in so far.
     */
    Map<String, Object> describe(Path cases) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("base", dir.toAbsolutePath().toString());
        d.put("base_started_at", run.path("started_at").asText(null));
        d.put("base_finished_at", run.path("finished_at").asText(null));
        d.put("base_cases", run.path("inputs").path("cases").asText(null));
        JsonNode chain = run.path("update").path("updates");
        d.put("updates", chain.isNumber() ? chain.asLong() + 1 : 1);
        List<String> folded = foldedCases();
        folded.add(absolute(cases));
        d.put("folded_cases", folded);
        return d;
    }

    /**
     * Refuses to fold the same cases input twice: a second update with last night's file would refuse
     * every one of its rows as {@code DUPLICATE_ID} and count them again as read.
     */
    public void requireNew(Path cases) {
        if (foldedCases().contains(absolute(cases))) {
            throw new IllegalArgumentException("--cases " + cases + " is already in the run in " + dir
                    + " (see folded_cases in its run.json); an update adds a day once");
        }
    }

    /** The cases inputs of the base run: its own, and those of the updates before it. */
    private List<String> foldedCases() {
        List<String> folded = new ArrayList<>();
        JsonNode chain = run.path("update").path("folded_cases");
        if (chain.isArray()) {
            chain.forEach(c -> folded.add(c.asText()));
        } else if (run.path("inputs").hasNonNull("cases")) {
            folded.add(absolute(Path.of(run.path("inputs").path("cases").asText())));
        }
        return folded;
    }

    private static String absolute(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    /** The Parquet files of the cube and of the tables read back; a table without rows has none. */
    List<CubeFile> files() {
        List<CubeFile> files = new ArrayList<>();
        for (String table : TABLES) {
            Path t = dir.resolve(table);
            if (!Files.isDirectory(t)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(t)) {
                walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".parquet")
                        && !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .forEach(p -> files.add(new CubeFile(table, p.toAbsolutePath().toString())));
            } catch (IOException e) {
                throw new IllegalArgumentException("--update " + dir + ": cannot list " + table + ": " + e.getMessage());
            }
        }
        return files;
    }

    /** The base run's case counts ({@code cases.*}), added to the update's own in run.json. */
    RunCounts caseCounts() {
        RunCounts counts = new RunCounts();
        JsonNode cases = run.path("cases");
        for (Iterator<Map.Entry<String, JsonNode>> it = cases.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.equals("rejected_by_reason")) {
                e.getValue().fields().forEachRemaining(r -> counts.add("cases.rejected." + r.getKey(), r.getValue().asLong()));
            } else if (!name.equals("rejected") && !name.equals("accepted") && e.getValue().isNumber()) {
                // rejected and accepted are totals that the summary derives again.
                counts.add("cases." + name, e.getValue().asLong());
            }
        }
        return counts;
    }
}
