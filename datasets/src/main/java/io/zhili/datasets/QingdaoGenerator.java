package io.zhili.datasets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zhili.datasets.cases.CaseDay;
import io.zhili.datasets.changes.ChangeDataGenerator;
import io.zhili.datasets.cases.CaseGenerator;
import io.zhili.datasets.cases.CaseTable;
import io.zhili.datasets.city.CityLayout;
import io.zhili.datasets.components.ComponentGenerator;
import io.zhili.datasets.components.ComponentRegistry;
import io.zhili.datasets.components.ComponentTable;
import io.zhili.datasets.live.LiveDayGenerator;
import io.zhili.datasets.live.YearTally;
import io.zhili.datasets.output.TableOutput;
import io.zhili.datasets.truth.DirtyRow;
import io.zhili.datasets.truth.HotspotPlan;
import io.zhili.datasets.truth.PlantedHotspot;
import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.datasets.trucks.TruckDataGenerator;
import io.zhili.datasets.trucks.TruckDataSummary;
import io.zhili.geo.geojson.Area;
import io.zhili.geo.geojson.AreaLevel;
import io.zhili.geo.geojson.Feature;
import io.zhili.geo.geojson.GeoJsonWriter;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.table.CsvWriter;
import io.zhili.geo.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes the deterministic synthetic Qingdao data set: areas, then components, then cases, then (once
 * wired) the truck data, then the manifest. Layout under the output directory (a contract others read):
 *
 * <pre>
 * areas.geojson                         districts, streets, unit grids (area_id, name, level, parent_id)
 * components.csv, cases.csv             header row in contract column order, RFC 4180, CRLF
 * parquet/components/part-00000.parquet ... at most 1,000,000 rows per part, same rows as the CSV
 * parquet/cases/part-00000.parquet ...      (see below for the one exception)
 * truth/hotspots.csv                    planted hotspots a correct job finds HOT
 * truth/dirty.csv                       every planted dirty row with its expected reject reason
 * live/cases.jsonl                      the live day after the year: its case events with noise
 * truth/live_alerts.csv, truth/live_noise.csv   the alerts a correct live job raises on it, and its noise
 *                                       ({@link LiveDayGenerator})
 * changes/, buildings/, permits.geojson, truth/changes.csv   two rounds of satellite change polygons
 *                                       with footprints, permits and truth ({@link ChangeDataGenerator})
 * manifest.json                         seed, scale, files with rows, bytes and SHA-256, run time
 * </pre>
 *
 * <p><b>Parquet typing.</b> The Parquet parts are typed: lon/lat DOUBLE, lifecycle timestamps
 * {@code TIMESTAMP(MILLIS, isAdjustedToUTC=true)}, empty CSV fields as nulls, everything else STRING. Every
 * CSV row is in Parquet, in the same order, except the cases whose reject reason is BAD_TIMESTAMP: an
 * unparseable timestamp has no typed value, so those rows live in the CSV only. {@code truth/dirty.csv}
 * says for every dirty row which Parquet part and row holds it (empty for CSV-only rows), next to its CSV
 * line number.
 *
 * <p><b>Determinism.</b> The same seed and scale give byte-identical data files on any machine and with
 * any number of threads: every unit of work (a district and class of components, a day of cases) draws
 * from its own {@code SplittableRandom} derived from the seed, and files are written in a fixed order.
 * Only {@code generated_at} and {@code duration_ms} in {@code manifest.json} differ between runs.
 *
 * <p>Not thread-safe: one run at a time per output directory.
 */
public final class QingdaoGenerator {
    /** Rows per Parquet part. */
    public static final int ROWS_PER_PART = 1_000_000;
    /** Days of cases generated ahead of the writer, per thread. */
    private static final int LOOKAHEAD_PER_THREAD = 4;

    private QingdaoGenerator() {
    }

    /** {@link #generate(Path, Scale, long, int, PrintStream)} with two threads and progress on stdout. */
    public static GenerationReport generate(Path outDir, Scale scale, long seed) throws IOException {
        return generate(outDir, scale, seed, Math.min(2, Runtime.getRuntime().availableProcessors()), System.out);
    }

    /**
     * Generates the data set into {@code outDir} (created if missing; files of an earlier run are replaced).
     *
     * @param threads worker threads (the output does not depend on it)
     * @param log     progress lines (at least every 2 s during long stages) and the trucks hook's note
     * @throws IOException when a file cannot be written
     */
    public static GenerationReport generate(Path outDir, Scale scale, long seed, int threads, PrintStream log)
            throws IOException {
        return generate(outDir, scale, seed, threads, log, ClassCatalog.standard(), ClassCatalog.RESOURCE);
    }

    /**
     * As {@link #generate(Path, Scale, long, int, PrintStream)}, drawing the classes from {@code catalog}
     * ({@code generate --catalog}): its national component and event classes, and its local ones where a
     * scenario needs them (see {@link io.zhili.datasets.components.ComponentProfile} and
     * {@link io.zhili.datasets.cases.EventProfile}).
     *
     * @param catalogName the catalog's name in errors
     * @throws IllegalArgumentException one line naming the catalog when it lacks a class a planted hotspot needs
     */
    public static GenerationReport generate(Path outDir, Scale scale, long seed, int threads, PrintStream log,
                                            ClassCatalog catalog, String catalogName) throws IOException {
        long start = System.currentTimeMillis();
        CityLayout layout = CityLayout.standard();
        HotspotPlan plan = HotspotPlan.standard(scale, layout);
        plan.requireClasses(catalog, catalogName);
        Files.createDirectories(outDir.resolve("truth"));
        List<GeneratedFile> files = new ArrayList<>();
        List<DirtyRow> dirty = new ArrayList<>();
        LiveDayGenerator.Summary live;

        List<Area> areas = layout.areas().all();
        writeAreas(outDir.resolve("areas.geojson"), areas);
        files.add(describe(outDir, "areas.geojson", areas.size()));

        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "zhili-generate");
            t.setDaemon(true);
            return t;
        });
        try {
            Progress componentProgress = new Progress("components", "rows", log, 2000);
            ComponentRegistry registry = new ComponentGenerator(scale, seed, layout, catalog, plan)
                    .generate(executor, componentProgress);
            componentProgress.done();
            try (TableOutput out = new TableOutput(outDir, ComponentTable.NAME, ComponentTable.HEADER,
                    ComponentTable.SCHEMA, ROWS_PER_PART)) {
                ComponentTable.write(registry, out, dirty);
                out.close();
                files.add(describe(outDir, "components.csv", out.csvRows()));
                addParts(outDir, out, files);
            }

            CaseGenerator cases = new CaseGenerator(scale, seed, layout, registry, catalog, plan);
            YearTally tally = new YearTally();
            Progress caseProgress = new Progress("cases", "rows", log, 2000);
            try (TableOutput out = new TableOutput(outDir, CaseTable.NAME, CaseTable.HEADER, CaseTable.SCHEMA,
                    ROWS_PER_PART)) {
                ArrayDeque<Future<CaseDay>> ahead = new ArrayDeque<>();
                int next = 0;
                int lookahead = Math.max(1, threads) * LOOKAHEAD_PER_THREAD;
                while (next < 365 || !ahead.isEmpty()) {
                    while (next < 365 && ahead.size() < lookahead) {
                        int day = next++;
                        ahead.add(executor.submit(() -> cases.day(day)));
                    }
                    CaseDay day = ahead.poll().get();
                    CaseTable.write(day, cases, out, dirty);
                    day.forEachCase(cases, tally);
                    caseProgress.add(day.size());
                }
                out.close();
                caseProgress.done();
                files.add(describe(outDir, "cases.csv", out.csvRows()));
                addParts(outDir, out, files);
            }

            live = LiveDayGenerator.generate(outDir, scale, seed, cases, registry, layout, plan, tally);
            log.printf("live day: %,d cases, %,d events (%,d rejected, %,d undecodable, %,d out of order), "
                            + "%d planted surges, truth alerts %s%n", live.cases(), live.lines(), live.rejected(),
                    live.undecodable(), live.delayed(), live.surges().size(), live.alerts());
            files.add(describe(outDir, LiveDayGenerator.EVENTS, live.lines()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("generation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        } finally {
            executor.shutdownNow();
        }

        writeHotspots(outDir.resolve("truth/hotspots.csv"), plan);
        files.add(describe(outDir, "truth/hotspots.csv", plan.hotspots().size()));
        writeDirty(outDir.resolve("truth/dirty.csv"), dirty);
        files.add(describe(outDir, "truth/dirty.csv", dirty.size()));
        files.add(describe(outDir, LiveDayGenerator.ALERTS,
                live.alerts().values().stream().mapToInt(Integer::intValue).sum()));
        files.add(describe(outDir, LiveDayGenerator.NOISE, live.lines() - live.accepted() + live.delayed()));

        ChangeDataGenerator.Summary changes = ChangeDataGenerator.generate(outDir, scale, seed, layout);
        log.printf("changes: %,d + %,d change polygons in two rounds, %,d building footprints, %,d permits"
                        + (changes.crowded() > 0 ? ", %,d objects placed without free space around them" : "") + "%n",
                changes.changesRound1(), changes.changesRound2(), changes.buildings(), changes.permits(), changes.crowded());
        for (Map.Entry<String, Long> f : changes.files().entrySet()) {
            files.add(describe(outDir, f.getKey(), f.getValue()));
        }

        files.addAll(generateTrucks(outDir, scale, seed, layout.areas().all().subList(0, layout.districtCount()), log));

        long millis = System.currentTimeMillis() - start;
        GenerationReport report = new GenerationReport(scale, seed, List.copyOf(files), millis);
        writeManifest(outDir.resolve("manifest.json"), report, dirty);
        return report;
    }

    /**
     * The muck-truck data ({@code routes.geojson}, {@code sites.geojson}, {@code zones.geojson},
     * {@code gps.jsonl}, {@code gps.jt808}, {@code truth/violations.csv}, {@code truth/noise.csv}) for the
     * scale's fleet, placed on land inside the districts.
     *
     * @param districts the ten district areas, for placing sites, routes and zones on land
     */
    static List<GeneratedFile> generateTrucks(Path outDir, Scale scale, long seed, List<Area> districts,
                                              PrintStream log) throws IOException {
        TruckDataSummary trucks = TruckDataGenerator.generate(outDir, scale.trucks(), seed, districts);
        log.printf("trucks: %,d trucks, %,d permits, %,d reports, %,d planted violations%n", trucks.trucks(),
                trucks.permits(), trucks.reports(), trucks.violations().values().stream().mapToInt(Integer::intValue).sum());
        List<GeneratedFile> files = new ArrayList<>();
        for (String path : trucks.files()) {
            long rows = path.endsWith(".geojson") || path.endsWith(".csv") || path.endsWith(".jsonl") || path.endsWith(".jt808")
                    ? countRows(outDir.resolve(path), path.endsWith(".csv")) : 0;
            files.add(describe(outDir, path, rows));
        }
        return files;
    }

    /** Lines of a text file (less the header row of a CSV). */
    private static long countRows(Path file, boolean header) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.count() - (header ? 1 : 0);
        }
    }

    private static void writeAreas(Path file, List<Area> areas) throws IOException {
        List<Feature> features = new ArrayList<>(areas.size());
        for (int i = 0; i < areas.size(); i++) {
            Area a = areas.get(i);
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("area_id", a.areaId());
            props.put("name", a.name());
            props.put("level", a.level().label());
            if (a.level() == AreaLevel.STREET) {
                props.put("parent_id", a.areaId().substring(0, 6));
            } else if (a.level() == AreaLevel.GRID) {
                props.put("parent_id", a.areaId().substring(0, 9));
            }
            features.add(new Feature(i, a.areaId(), a.geometry(), props));
        }
        GeoJsonWriter.write(file, features);
    }

    /** Header of {@code truth/hotspots.csv}. */
    public static final List<String> HOTSPOT_HEADER = List.of("h3", "category", "months", "expected_class", "note",
            "district_code", "source", "crs", "planted_in_cell_per_month", "planted_per_ring_cell_per_month");

    private static void writeHotspots(Path file, HotspotPlan plan) throws IOException {
        try (CsvWriter w = CsvWriter.open(file, HOTSPOT_HEADER)) {
            for (PlantedHotspot h : plan.hotspots()) {
                w.write(H3Grid.get().address(h.cell()), h.category(), h.months(), "HOT", h.note(), h.districtCode(),
                        h.source().name(), h.source().reportsGcj02() ? "GCJ02" : "WGS84", plan.inCellPerMonth(h),
                        plan.ringPerCellPerMonth(h));
            }
        }
    }

    private static void writeDirty(Path file, List<DirtyRow> dirty) throws IOException {
        try (CsvWriter w = CsvWriter.open(file, DirtyRow.HEADER)) {
            for (DirtyRow d : dirty) {
                w.write(d.input(), d.id(), d.line(), d.reason().name(), d.parquetFile(),
                        d.parquetFile() == null ? null : d.parquetRow(), d.note());
            }
        }
    }

    private static void addParts(Path outDir, TableOutput out, List<GeneratedFile> files) throws IOException {
        List<String> parts = out.parts();
        List<Long> rows = out.partRows();
        for (int i = 0; i < parts.size(); i++) {
            files.add(describe(outDir, parts.get(i), rows.get(i)));
        }
    }

    private static void writeManifest(Path file, GenerationReport report, List<DirtyRow> dirty) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "zhili generate");
        m.put("seed", report.seed());
        m.put("scale", report.scale().cliName());
        m.put("year", 2025);
        m.put("time_zone", "Asia/Shanghai");
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("areas", report.file("areas.geojson").rows());
        rows.put("components", report.file("components.csv").rows());
        rows.put("cases", report.file("cases.csv").rows());
        rows.put("dirty_components", dirty.stream().filter(d -> d.input().equals(ComponentTable.NAME)).count());
        rows.put("dirty_cases", dirty.stream().filter(d -> d.input().equals(CaseTable.NAME)).count());
        rows.put("cases_csv_only", dirty.stream().filter(d -> d.parquetFile() == null).count());
        rows.put("hotspots", report.file("truth/hotspots.csv").rows());
        rows.put("live_events", report.file(LiveDayGenerator.EVENTS).rows());
        rows.put("live_alerts", report.file(LiveDayGenerator.ALERTS).rows());
        for (String input : new String[] {"changes/round-1/", "changes/round-2/", "buildings/"}) {
            rows.put(input.replace("/", " ").trim().replace(' ', '_'),
                    report.files().stream().filter(f -> f.path().startsWith(input)).mapToLong(GeneratedFile::rows).sum());
        }
        m.put("rows", rows);
        Map<String, Object> trucks = new LinkedHashMap<>();
        trucks.put("trucks", report.scale().trucks());
        trucks.put("generated", report.files().stream().anyMatch(f -> f.path().equals("gps.jsonl")));
        m.put("trucks", trucks);
        List<Map<String, Object>> files = new ArrayList<>();
        for (GeneratedFile f : report.files()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("path", f.path());
            e.put("rows", f.rows());
            e.put("bytes", f.bytes());
            e.put("sha256", f.sha256());
            files.add(e);
        }
        m.put("files", files);
        m.put("generated_at", Instant.ofEpochMilli(System.currentTimeMillis()).toString());
        m.put("duration_ms", report.millis());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
    }

    private static GeneratedFile describe(Path outDir, String path, long rows) throws IOException {
        Path file = outDir.resolve(path);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return new GeneratedFile(path, rows, Files.size(file), HexFormat.of().formatHex(sha.digest()));
    }
}
