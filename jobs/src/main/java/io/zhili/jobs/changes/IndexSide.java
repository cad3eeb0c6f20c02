package io.zhili.jobs.changes;

import io.zhili.geo.changes.ChangeDates;
import io.zhili.geo.changes.ChangeRejectReason;
import io.zhili.geo.changes.GeometryRepair;
import io.zhili.geo.changes.PermitKind;
import io.zhili.geo.changes.ReferencePolygons;
import io.zhili.geo.crs.Cgcs2000GaussKruger;
import io.zhili.jobs.common.RunCounts;
import io.zhili.jobs.hotspots.InputSplit;
import io.zhili.jobs.hotspots.RejectRecord;
import java.io.File;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The index side of the screening: registered footprints and permits, read from their files and packed
 * into {@link ReferencePolygons} once per JVM and version of the files (paths, sizes, modification times),
 * then shared by every task there, so a TaskManager holds one copy (about 250 bytes per footprint) and
 * a MiniCluster builds it once. A cluster reads the files from the shared storage where the inputs are.
 * Refused reference rows become rejects; the counts and rejects come with the loaded index.
 */
final class IndexSide implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String[] BUILDING_COLUMNS = {"building_id", "registered_at"};
    static final String[] PERMIT_COLUMNS = {"permit_id", "kind", "valid_from", "valid_to"};
    private static final Map<String, CompletableFuture<Loaded>> CACHE = new ConcurrentHashMap<>();

    /** The packed layers with what reading them refused and counted. */
    record Loaded(ReferencePolygons buildings, ReferencePolygons permits, List<RejectRecord> rejects, RunCounts counts) {
    }

    private final List<InputSplit> buildings;
    private final List<InputSplit> permits;

    IndexSide(List<InputSplit> buildings, List<InputSplit> permits) {
        this.buildings = buildings;
        this.permits = permits;
    }

    /** The loaded layers, built by the first caller in this JVM and shared. */
    Loaded get() throws Exception {
        String key = key();
        CompletableFuture<Loaded> mine = new CompletableFuture<>();
        CompletableFuture<Loaded> existing = CACHE.putIfAbsent(key, mine);
        if (existing != null) {
            return existing.get();
        }
        try {
            // One version per JVM: a new version replaces the old so a long-lived TaskManager does not hoard them.
            CACHE.keySet().removeIf(k -> !k.equals(key));
            mine.complete(load());
        } catch (Exception | Error e) {
            CACHE.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.get();
    }

    private String key() {
        StringBuilder b = new StringBuilder();
        for (List<InputSplit> splits : List.of(buildings, permits)) {
            for (InputSplit s : splits) {
                File f = new File(s.path);
                b.append(s).append('|').append(f.length()).append('|').append(f.lastModified()).append(';');
            }
            b.append('#');
        }
        return b.toString();
    }

    private Loaded load() throws Exception {
        RunCounts counts = new RunCounts();
        List<RejectRecord> rejects = new ArrayList<>();
        long t0 = System.nanoTime();
        ReferencePolygons.Builder b = read(buildings, "buildings", BUILDING_COLUMNS, counts, rejects, (v, plane, into) -> {
            int day = ChangeDates.parse(v[1]);
            if (!ChangeDates.valid(day)) {
                return "registered_at '" + v[1] + "' is not a date";
            }
            into.add(v[0], day, Integer.MAX_VALUE, 0, plane);
            return null;
        });
        ReferencePolygons.Builder p = read(permits, "permits", PERMIT_COLUMNS, counts, rejects, (v, plane, into) -> {
            PermitKind kind = PermitKind.parse(v[1]);
            if (kind == null) {
                return "!" + ChangeRejectReason.BAD_KIND.name() + " kind '" + v[1] + "' is not NEW_BUILD, RENOVATION or DEMOLITION";
            }
            int from = ChangeDates.parse(v[2]);
            int to = ChangeDates.parse(v[3]);
            if (!ChangeDates.valid(from) || !ChangeDates.valid(to) || to < from) {
                return "valid_from/valid_to '" + v[2] + "'/'" + v[3] + "' are not dates in order";
            }
            into.add(v[0], from, to, kind.ordinal(), plane);
            return null;
        });
        ReferencePolygons builtBuildings = b.build();
        ReferencePolygons builtPermits = p.build();
        counts.add("buildings.accepted", builtBuildings.size());
        counts.add("permits.accepted", builtPermits.size());
        counts.max("stage.index_side_ms", (System.nanoTime() - t0) / 1_000_000L);
        return new Loaded(builtBuildings, builtPermits, rejects, counts);
    }

    /** Adds an accepted row; returns null, or why it is refused (BAD_DATE unless it starts with "!REASON "). */
    private interface Accept {
        String accept(String[] values, org.locationtech.jts.geom.Geometry plane, ReferencePolygons.Builder into);
    }

    /** What one split of the index side gave: its packed rows, counts and rejects. */
    private record SplitLoad(ReferencePolygons.Builder builder, RunCounts counts, List<RejectRecord> rejects) {
    }

    /**
     * Reads the splits of one layer in parallel, one thread per core (the reader tasks wait for the
     * index, so the cores are free): each split fills its own builder, and the builders are appended in
     * split order, so the index, the counts and the order of the rejects are those of a sequential read.
     */
    private static ReferencePolygons.Builder read(List<InputSplit> splits, String input, String[] columns,
            RunCounts counts, List<RejectRecord> rejects, Accept accept) throws Exception {
        ReferencePolygons.Builder all = new ReferencePolygons.Builder();
        if (splits.isEmpty()) {
            return all;
        }
        int threads = Math.max(1, Math.min(splits.size(), Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<SplitLoad>> loads = new ArrayList<>();
            for (InputSplit split : splits) {
                loads.add(pool.submit(() -> readSplit(split, input, columns, accept)));
            }
            for (java.util.concurrent.Future<SplitLoad> f : loads) {
                SplitLoad load;
                try {
                    load = f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // The split's own exception, so that a bad input still fails with its one line.
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
                all.addAll(load.builder());
                counts.merge(load.counts());
                rejects.addAll(load.rejects());
            }
        } finally {
            pool.shutdownNow();
        }
        return all;
    }

    private static SplitLoad readSplit(InputSplit split, String input, String[] columns, Accept accept) throws Exception {
        ReferencePolygons.Builder into = new ReferencePolygons.Builder();
        RunCounts counts = new RunCounts();
        List<RejectRecord> rejects = new ArrayList<>();
        Cgcs2000GaussKruger gk = Cgcs2000GaussKruger.get();
        {
            new PolygonRows().read(split, input, columns, List.of(), row -> {
                counts.add(input + ".read", 1);
                String reason = null;
                String detail = null;
                if (row.values == null) {
                    reason = ChangeRejectReason.MALFORMED_ROW.name();
                    detail = "wrong number of fields";
                } else if (row.values[0].isEmpty()) {
                    reason = ChangeRejectReason.MALFORMED_ROW.name();
                    detail = columns[0] + " is empty";
                } else if (row.geometryProblem != null) {
                    reason = ChangeRejectReason.BAD_GEOMETRY.name();
                    detail = row.geometryProblem;
                } else {
                    GeometryRepair.Result fixed = GeometryRepair.repair(row.geometry);
                    if (fixed.refused()) {
                        reason = ChangeRejectReason.BAD_GEOMETRY.name();
                        detail = fixed.detail();
                    } else {
                        String why = accept.accept(row.values, gk.project(fixed.geometry()), into);
                        if (why != null) {
                            if (why.startsWith("!")) {
                                int space = why.indexOf(' ');
                                reason = why.substring(1, space);
                                detail = why.substring(space + 1);
                            } else {
                                reason = ChangeRejectReason.BAD_DATE.name();
                                detail = why;
                            }
                        }
                    }
                }
                if (reason != null) {
                    counts.add(input + ".rejected." + reason, 1);
                    rejects.add(new RejectRecord(input, split.path, row.line, reason, detail, row.raw));
                }
            });
        }
        return new SplitLoad(into, counts, rejects);
    }
}
