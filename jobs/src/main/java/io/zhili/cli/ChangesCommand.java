package io.zhili.cli;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.jobs.changes.ChangeOptions;
import io.zhili.jobs.changes.ChangesRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zhili changes}: satellite change polygons screened into suspected illegal structures (违建图斑). */
@Command(name = "changes", mixinStandardHelpOptions = true,
        description = "Screen satellite change polygons against registered buildings and permits into suspected "
                + "illegal structures, merge fragments, follow suspects across rounds, write them as cases. Flink BATCH job.")
public final class ChangesCommand implements Callable<Integer> {
    @Option(names = "--changes", required = true, paramLabel = "PATH", description = "Change polygons: GeoParquet, GeoJSON or CSV (geometry as WKT/WKB) file, or a directory of them.")
    Path changes;

    @Option(names = "--buildings", required = true, paramLabel = "PATH", description = "Registered building footprints (building_id, registered_at, geometry).")
    Path buildings;

    @Option(names = "--permits", paramLabel = "PATH", description = "Building permits (permit_id, kind, valid_from, valid_to, geometry).")
    Path permits;

    @Option(names = "--previous", paramLabel = "DIR", description = "The previous round's `zhili changes` output: matching suspects keep their ids.")
    Path previous;

    @Option(names = "--areas", paramLabel = "GEOJSON", description = "Areas layer (district, street, grid polygons) for the suspects' codes.")
    Path areas;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (replaced atomically).")
    Path out;

    @Option(names = "--round", paramLabel = "NAME", description = "Name of this round (default: the month yyyy-MM of the latest after_date of the suspects).")
    String round;

    @Option(names = "--min-area-m2", defaultValue = "20", description = "Structures smaller than this are TOO_SMALL (default: ${DEFAULT-VALUE}).")
    double minAreaM2;

    @Option(names = "--explained-overlap", defaultValue = "0.5", description = "Share of a change that footprints or permits must cover to explain it (default: ${DEFAULT-VALUE}).")
    double explainedOverlap;

    @Option(names = "--min-confidence", defaultValue = "0.5", description = "Changes below this confidence are LOW_CONFIDENCE (default: ${DEFAULT-VALUE}).")
    double minConfidence;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Class catalog CSV (default: the standard catalog shipped with Zhili).")
    Path catalog;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism (default: the cluster's or the number of cores).")
    Integer parallelism;

    @Override
    public Integer call() throws Exception {
        if (parallelism != null && parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1");
        }
        ChangeOptions options = new ChangeOptions();
        options.round = round;
        options.minAreaM2 = minAreaM2;
        options.explainedOverlap = explainedOverlap;
        options.minConfidence = minConfidence;
        ChangesRun run = new ChangesRun(changes, buildings, permits, previous, areas, out, options, parallelism);
        if (catalog != null) {
            // The same one-line errors (catalog FILE:LINE: reason) as every other command.
            run.withCatalog(ClassCatalog.load(catalog));
        }
        Map<String, Object> summary = run.execute();
        if (summary.containsKey("detached")) {
            System.out.printf("changes: job %s submitted detached; it publishes its tables into %s when it finishes%n",
                    summary.get("job_id"), out);
            return 0;
        }
        Map<?, ?> c = (Map<?, ?>) summary.get("changes");
        Map<?, ?> s = (Map<?, ?>) summary.get("suspects");
        System.out.printf("changes: done: %s change polygons read, %s explained, %s rejected, %s in suspects; "
                        + "suspects %s new, %s persisting, %s gone; tables in %s (%s ms)%n",
                c.get("read"), c.get("explained"), c.get("rejected"), c.get("suspect_fragments"), s.get("new"),
                s.get("persisting"), s.get("gone"), out, ((Map<?, ?>) summary.get("durations_ms")).get("total_ms"));
        return 0;
    }
}
