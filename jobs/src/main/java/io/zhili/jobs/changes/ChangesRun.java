package io.zhili.jobs.changes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.StandardClass;
import io.zhili.jobs.common.InputPaths;
import io.zhili.jobs.common.JobRunner;
import io.zhili.jobs.common.RunCommit;
import io.zhili.jobs.common.RunCounts;
import io.zhili.jobs.common.RunDirectory;
import io.zhili.jobs.hotspots.InputSplit;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One run of {@code zhili changes}: checks the arguments, plans the splits, runs {@link ChangesJob} into
 * a staging directory, and (on the JobManager, when every task finished: {@link RunCommit}) writes
 * {@code cases.csv} from the staged suspects and publishes the tables with {@code run.json} and
 * {@code _SUCCESS} last, as the hotspot job does.
 */
public final class ChangesRun {
    private final Path changes;
    private final Path buildings;
    private final Path permits;
    private final Path previous;
    private final Path areas;
    private final Path out;
    private final ChangeOptions options;
    private final Integer parallelism;
    private ClassCatalog catalog = ClassCatalog.standard();

    public ChangesRun(Path changes, Path buildings, Path permits, Path previous, Path areas, Path out,
            ChangeOptions options, Integer parallelism) {
        this.changes = changes;
        this.buildings = buildings;
        this.permits = permits;
        this.previous = previous;
        this.areas = areas;
        this.out = out;
        this.options = options;
        this.parallelism = parallelism;
    }

    /** Uses this class catalog for the cases' class (default: the standard one). */
    public ChangesRun withCatalog(ClassCatalog catalog) {
        this.catalog = catalog;
        return this;
    }

    /** Runs the job; returns the published run summary (or the submission when detached). */
    public Map<String, Object> execute() throws Exception {
        validate();
        StandardClass caseClass = SuspectCases.caseClass(catalog);
        long t0 = System.currentTimeMillis();
        List<InputSplit> changeSplits = PolygonRows.plan("changes", changes, options.splitBytes, ReadChanges.COLUMNS,
                List.of("change_class"));
        List<InputSplit> buildingSplits = PolygonRows.plan("buildings", buildings, options.splitBytes,
                IndexSide.BUILDING_COLUMNS, List.of());
        List<InputSplit> permitSplits = permits == null ? List.of()
                : PolygonRows.plan("permits", permits, options.splitBytes, IndexSide.PERMIT_COLUMNS, List.of());
        long planned = System.currentTimeMillis();
        System.out.printf("changes: %d change splits, %d building splits, %d permit splits planned in %d ms%n",
                changeSplits.size(), buildingSplits.size(), permitSplits.size(), planned - t0);
        RunDirectory run = RunDirectory.create(out);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            if (parallelism != null) {
                env.setParallelism(parallelism);
            }
            Publish publish = new Publish(run, header(t0, planned), t0, caseClass);
            new ChangesJob(options, changeSplits, buildingSplits, permitSplits, previous, areas,
                    ChangeSinks.parquet(run.staging()), new RunCommit(run.staging(), publish)).build(env);
            Map<String, Object> job;
            try {
                job = JobRunner.run(env, "zhili changes", "changes.read");
            } catch (Exception e) {
                throw inputError(e);
            }
            if (job.containsKey(JobRunner.DETACHED)) {
                Map<String, Object> submitted = new LinkedHashMap<>();
                submitted.put("job", "changes");
                submitted.put("job_id", job.get(JobRunner.JOB_ID));
                submitted.put("detached", true);
                submitted.put("out", out.toString());
                return submitted;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> published = new ObjectMapper().readValue(out.resolve(RunDirectory.RUN_JSON).toFile(), LinkedHashMap.class);
            return published;
        } catch (Exception | Error e) {
            run.abandon();
            throw e;
        }
    }

    /**
     * A failed job as one line: an unreadable input found by a task (a GeoJSON file that is not a
     * FeatureCollection, a Parquet file that cannot be read) surfaces as its own message, not as Flink's
     * "Job execution failed".
     */
    static Exception inputError(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // A task's exception may reach the client as Flink's SerializedThrowable, which names the original class.
            String type = t instanceof org.apache.flink.util.SerializedThrowable st ? st.getOriginalErrorClassName()
                    : t.getClass().getName();
            for (Class<?> input : new Class<?>[] {io.zhili.geo.geojson.GeoJsonException.class,
                io.zhili.geo.table.TableInputException.class, IllegalArgumentException.class}) {
                if (input.getName().equals(type) && t.getMessage() != null) {
                    return new IllegalArgumentException(t.getMessage(), e);
                }
            }
        }
        return e;
    }

    private void validate() {
        InputPaths.requireReadable("--changes", changes);
        InputPaths.requireReadable("--buildings", buildings);
        if (permits != null) {
            InputPaths.requireReadable("--permits", permits);
        }
        if (areas != null) {
            InputPaths.requireReadable("--areas", areas);
        }
        if (previous != null) {
            InputPaths.requireReadable("--previous", previous);
            PreviousRound.check(previous);
            if (previous.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--previous and --out must differ: a round is published beside the previous one");
            }
        }
        InputPaths.requireOutputDirectory(out);
        options.rules();
        if (options.round != null && (options.round.isBlank() || options.round.contains(","))) {
            throw new IllegalArgumentException("--round must be a non-empty name without commas");
        }
    }


    private LinkedHashMap<String, Object> header(long t0, long planned) {
        LinkedHashMap<String, Object> s = new LinkedHashMap<>();
        s.put("job", "changes");
        s.put("started_at", Instant.ofEpochMilli(t0).toString());
        LinkedHashMap<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("changes", changes.toString());
        inputs.put("buildings", buildings.toString());
        inputs.put("permits", permits == null ? null : permits.toString());
        inputs.put("previous", previous == null ? null : previous.toString());
        inputs.put("areas", areas == null ? null : areas.toString());
        s.put("inputs", inputs);
        LinkedHashMap<String, Object> opts = new LinkedHashMap<>();
        opts.put("round", options.round);
        opts.put("min_area_m2", options.minAreaM2);
        opts.put("explained_overlap", options.explainedOverlap);
        opts.put("min_confidence", options.minConfidence);
        opts.put("thin_width_m", options.rules().thinWidthM());
        opts.put("merge_distance_m", options.rules().mergeDistanceM());
        opts.put("match_iou", options.rules().matchIou());
        opts.put("parallelism", parallelism);
        s.put("options", opts);
        s.put("plan_ms", planned - t0);
        return s;
    }

    /**
     * The run summary: header, then per input the counts, and the ledger of the change polygons:
     * {@code read = suspect_fragments + explained + rejected} ({@code balanced}).
     */
    static Map<String, Object> summary(Map<String, Object> header, Map<String, Long> counts, long cases, long t0, long finished) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("job", header.get("job"));
        s.put("started_at", header.get("started_at"));
        s.put("finished_at", Instant.ofEpochMilli(finished).toString());
        header.forEach((k, v) -> {
            if (!k.equals("plan_ms")) {
                s.putIfAbsent(k, v);
            }
        });
        Map<String, Object> changes = new LinkedHashMap<>();
        long read = counts.getOrDefault("changes.read", 0L);
        long fragments = counts.getOrDefault("changes.suspect_fragments", 0L);
        Map<String, Long> explained = prefixed(counts, "changes.explained.");
        Map<String, Long> rejected = prefixed(counts, "changes.rejected.");
        long explainedTotal = explained.values().stream().mapToLong(Long::longValue).sum();
        long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
        changes.put("read", read);
        changes.put("suspect_fragments", fragments);
        changes.put("explained", explainedTotal);
        changes.put("explained_by_outcome", explained);
        changes.put("rejected", rejectedTotal);
        changes.put("rejected_by_reason", rejected);
        changes.put("balanced", read == fragments + explainedTotal + rejectedTotal);
        s.put("changes", changes);
        Map<String, Object> suspects = new LinkedHashMap<>();
        for (String status : new String[] {SuspectOperator.NEW, SuspectOperator.PERSISTING, SuspectOperator.GONE}) {
            suspects.put(status.toLowerCase(java.util.Locale.ROOT), counts.getOrDefault("suspects." + status, 0L));
        }
        suspects.put("cases_written", cases);
        s.put("suspects", suspects);
        for (String input : new String[] {"buildings", "permits"}) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("read", counts.getOrDefault(input + ".read", 0L));
            m.put("accepted", counts.getOrDefault(input + ".accepted", 0L));
            m.put("rejected_by_reason", prefixed(counts, input + ".rejected."));
            s.put(input, m);
        }
        Map<String, Object> durations = new LinkedHashMap<>();
        durations.put("plan_ms", header.get("plan_ms"));
        durations.putAll(prefixed(counts, "stage."));
        durations.put("total_ms", finished - t0);
        s.put("durations_ms", durations);
        return s;
    }

    private static Map<String, Long> prefixed(Map<String, Long> counts, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Publishes the run on the JobManager once every task has finished. */
    static final class Publish implements RunCommit.Publisher {
        private static final long serialVersionUID = 1L;
        private final String out;
        private final String staging;
        private final LinkedHashMap<String, Object> header;
        private final long t0;
        private final String[] caseClass;

        Publish(RunDirectory run, LinkedHashMap<String, Object> header, long t0, StandardClass caseClass) {
            this.out = run.out().toAbsolutePath().toString();
            this.staging = run.staging().toAbsolutePath().toString();
            this.header = header;
            this.t0 = t0;
            this.caseClass = new String[] {caseClass.code(), caseClass.kind().name(), caseClass.nameZh(), caseClass.nameEn(),
                caseClass.source().name()};
        }

        @Override
        public void publish(RunCounts counts) throws IOException {
            StandardClass cls = new StandardClass(caseClass[0], io.zhili.geo.catalog.ClassKind.valueOf(caseClass[1]),
                    caseClass[2], caseClass[3], io.zhili.geo.catalog.ClassSource.valueOf(caseClass[4]));
            long cases = SuspectCases.write(Path.of(staging, ChangeTables.SUSPECTS), Path.of(staging, ChangeTables.CASES_CSV), cls);
            Map<String, Object> summary = summary(header, counts.values(), cases, t0, System.currentTimeMillis());
            RunDirectory.reopen(Path.of(out), Path.of(staging)).publish(Arrays.asList(ChangeTables.ALL), summary);
        }
    }
}
