package io.zhili.jobs.tiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zhili.jobs.common.RunDirectory;
import io.zhili.geo.stats.HotClass;
import io.zhili.geo.tiles.ColorRamp;
import io.zhili.geo.tiles.HexLayer;
import io.zhili.geo.tiles.HexStyle;
import io.zhili.geo.tiles.HexTileEncoder;
import io.zhili.geo.tiles.HexTileRenderer;
import io.zhili.geo.tiles.HexValue;
import io.zhili.geo.tiles.HotClassStyle;
import io.zhili.geo.tiles.RampStyle;
import io.zhili.geo.tiles.TileCover;
import io.zhili.geo.tiles.TileJson;
import io.zhili.geo.util.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes the heatmap tiles of a hotspots output: the entry point of {@code zhili tiles} and of
 * {@code zhili hotspots --tiles}.
 *
 * <p>Data flow: read the selection of {@code hotspot_cells} (period, category, kind) → one
 * {@link HexLayer} per H3 resolution → for each layer ({@code cases}, {@code gi}) and zoom, the
 * {@link TileCover} of the resolution wanted at that zoom → render PNGs and encode MVTs in parallel,
 * one renderer and encoder per worker thread → TileJSON per layer → {@code tilesets.json}.
 *
 * <p>Layout under the output directory (docs/CONTRACTS.md, "Tiles"): {@code {layer}/{z}/{x}/{y}.png} and {@code .mvt},
 * {@code {layer}/tilejson.json}, for the first period and category asked for (the default set). Each
 * further period × category goes to {@code sets/{period}/{category}/{layer}/…} (for a category of kind
 * COMPONENT or EVENT, {@code sets/{period}/{category}-{kind}/…}) with the same layout, and
 * {@code tilesets.json} lists every set for the console's selector. The {@code cases} layer holds cells
 * with a positive value (cases, or rate); the {@code gi} layer every cell of the study area. Tiles that
 * would show nothing are not written. Earlier tiles in the output directory are removed first, so a
 * re-run never leaves stale tiles behind.
 *
 * <p>Thread-safe: each call works on its own output directory.
 */
public final class TileRun {
    /** The layers written, in order. */
    public static final List<String> LAYERS = List.of("cases", "gi");
    /** The index of tile sets in the output directory. */
    public static final String SETS_FILE = "tilesets.json";
    /** Each layer folder's TileJSON. */
    public static final String TILEJSON_FILE = "tilejson.json";
    /** Folder of the non-default sets. */
    public static final String SETS_DIR = "sets";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Tiles per task: large enough to amortise scheduling, small enough to balance two to sixteen threads. */
    private static final int CHUNK = 64;

    private TileRun() {
    }

    /**
     * One written set of layers.
     *
     * @param path   folder of the set relative to the output directory ({@code ""} for the default set)
     * @param tiles  {@code layer.format} → tiles written, e.g. {@code cases.png}
     * @param cells  H3 resolution → cells of the selection
     */
    public record TileSet(String id, String path, String period, String category, String kind, String value,
            Map<Integer, Integer> cells, Map<String, Long> tiles, Map<Integer, Integer> resolutionByZoom,
            long rowsRead, long rowsSelected, Map<String, Long> rejected) {
    }

    /** What a run did. */
    public record Result(List<TileSet> sets, long tilesWritten, long bytesWritten, long millis) {
        /** Rows not drawn, by reason, over all sets. */
        public Map<String, Long> rejected() {
            Map<String, Long> all = new TreeMap<>();
            sets.forEach(s -> s.rejected().forEach((k, v) -> all.merge(k, v, Long::sum)));
            return all;
        }
    }

    /**
     * Writes the tiles of {@code hotspotsDir} into {@code outDir}.
     *
     * @throws IllegalArgumentException for a missing table, an unknown period or a selection without rows
     * @throws IOException              when the output cannot be written
     */
    public static Result write(Path hotspotsDir, Path outDir, TileOptions options) throws IOException {
        long start = System.nanoTime();
        List<String> available = HotspotCellsReader.periods(hotspotsDir);
        List<String> periods = resolvePeriods(options.periods(), available);
        Files.createDirectories(outDir);
        clean(outDir);

        Progress progress = new Progress("tiles", "tiles", options.progress(), 2000);
        LongAdder bytes = new LongAdder();
        List<TileSet> sets = new ArrayList<>();
        ConcurrentLinkedQueue<AutoCloseable> toClose = new ConcurrentLinkedQueue<>();
        ThreadLocal<Worker> workers = ThreadLocal.withInitial(() -> {
            Worker w = new Worker(options);
            toClose.add(w.renderer);
            return w;
        });
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
            Thread t = new Thread(r, "zhili-tiles");
            t.setDaemon(true);
            return t;
        });
        try {
            boolean first = true;
            for (String period : periods) {
                for (String entry : options.categories()) {
                    String category = TileOptions.codeOf(entry);
                    String kind = options.kindOf(entry);
                    String name = kind.equals("ALL") ? category : category + "-" + kind;
                    String path = first ? "" : SETS_DIR + "/" + period + "/" + name;
                    first = false;
                    sets.add(writeSet(hotspotsDir, outDir, path, period, category, kind, options, pool, workers, progress, bytes));
                }
            }
        } finally {
            pool.shutdownNow();
            for (AutoCloseable c : toClose) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // releasing an image writer cannot fail in a way that matters to the tiles written
                }
            }
        }
        progress.done();
        writeSetIndex(outDir, sets);
        long tiles = sets.stream().flatMap(s -> s.tiles().values().stream()).mapToLong(Long::longValue).sum();
        return new Result(sets, tiles, bytes.sum(), (System.nanoTime() - start) / 1_000_000);
    }

    static List<String> resolvePeriods(List<String> wanted, List<String> available) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : wanted) {
            if (p.equals("latest")) {
                out.add(available.get(available.size() - 1));
            } else if (p.equals("all")) {
                for (int i = available.size() - 1; i >= 0; i--) {
                    out.add(available.get(i));
                }
            } else if (available.contains(p)) {
                out.add(p);
            } else {
                throw new IllegalArgumentException("period '" + p + "' is not in hotspot_cells (periods: "
                        + String.join(", ", available) + ")");
            }
        }
        return new ArrayList<>(out);
    }

    private static TileSet writeSet(Path hotspotsDir, Path outDir, String path, String period, String category,
            String kind, TileOptions options, ExecutorService pool, ThreadLocal<Worker> workers, Progress progress, LongAdder bytes)
            throws IOException {
        HotspotCellsReader.Selection selection = HotspotCellsReader.read(hotspotsDir, period, category, kind);
        if (selection.cells() == 0) {
            String hint = selection.kindsOfCategory().isEmpty() ? ""
                    : "; category " + category + " has rows of kind " + String.join(", ", selection.kindsOfCategory())
                    + ": name one, e.g. " + selection.kindsOfCategory().get(0) + ":" + category;
            throw new IllegalArgumentException("hotspot_cells has no usable rows for period " + period + ", category "
                    + category + ", kind " + kind + " (" + selection.rowsRead() + " rows read, "
                    + selection.rowsSelected() + " selected" + hint + ")");
        }
        Path setDir = path.isEmpty() ? outDir : outDir.resolve(path);
        Map<Integer, Integer> resByZoom = new TreeMap<>();
        for (int z = options.minZoom(); z <= options.maxZoom(); z++) {
            resByZoom.put(z, nearest(options.wantedResolution(z), selection.layers().keySet()));
        }
        Map<Integer, Integer> cells = new TreeMap<>();
        selection.layers().forEach((res, l) -> cells.put(res, l.size()));
        options.progress().printf("tiles: period %s, category %s, kind %s: %,d cells %s, rows read %,d, not drawn %s%n",
                period, category, kind, selection.cells(), cells, selection.rowsRead(), selection.rejected());

        Map<String, Long> written = new LinkedHashMap<>();
        HexValue value = options.value();
        for (String layerName : LAYERS) {
            boolean gi = layerName.equals("gi");
            Map<Integer, HexLayer> layers = new TreeMap<>();
            Map<Integer, HexStyle> styles = new TreeMap<>();
            for (Map.Entry<Integer, HexLayer> e : selection.layers().entrySet()) {
                HexLayer all = e.getValue();
                HexLayer layer = gi ? all : all.where(i -> value.of(all, i) > 0);
                layers.put(e.getKey(), layer);
                styles.put(e.getKey(), gi ? HotClassStyle.INSTANCE : RampStyle.forLayer(layer, value));
            }
            LongAdder png = new LongAdder();
            LongAdder mvt = new LongAdder();
            Path layerDir = setDir.resolve(layerName);
            ConcurrentHashMap<Path, Boolean> madeDirs = new ConcurrentHashMap<>();
            for (int z = options.minZoom(); z <= options.maxZoom(); z++) {
                int res = resByZoom.get(z);
                HexLayer layer = layers.get(res);
                HexStyle style = styles.get(res);
                double buffer = options.mvtBuffer() * 256.0 / HexTileEncoder.DEFAULT_EXTENT;
                TileCover cover = TileCover.of(layer, z, buffer);
                List<Future<?>> tasks = new ArrayList<>();
                for (int from = 0; from < cover.tileCount(); from += CHUNK) {
                    int lo = from;
                    int hi = Math.min(cover.tileCount(), from + CHUNK);
                    tasks.add(pool.submit(() -> {
                        Worker w = workers.get();
                        for (int t = lo; t < hi; t++) {
                            Path xDir = layerDir.resolve(Integer.toString(cover.zoom())).resolve(Integer.toString(cover.tileX(t)));
                            String y = Integer.toString(cover.tileY(t));
                            if (options.png()) {
                                byte[] tile = w.renderer.render(layer, style, cover, t);
                                if (tile != null) {
                                    writeTile(xDir, y + ".png", tile, madeDirs);
                                    png.increment();
                                    bytes.add(tile.length);
                                }
                            }
                            if (options.mvt()) {
                                byte[] tile = w.encoder.encode(layerName, layer, cover, t);
                                if (tile != null) {
                                    writeTile(xDir, y + ".mvt", tile, madeDirs);
                                    mvt.increment();
                                    bytes.add(tile.length);
                                }
                            }
                            progress.add(1);
                        }
                        return null;
                    }));
                }
                await(tasks);
            }
            written.put(layerName + ".png", png.sum());
            written.put(layerName + ".mvt", mvt.sum());
            tileJson(layerName, selection, layers, styles, resByZoom, options).write(layerDir.resolve(TILEJSON_FILE));
        }
        String id = period + "/" + (kind.equals("ALL") ? category : kind + ":" + category);
        return new TileSet(id, path, period, category, kind, value.cliName(), cells, written, resByZoom,
                selection.rowsRead(), selection.rowsSelected(), selection.rejected());
    }

    private static void writeTile(Path xDir, String name, byte[] tile, ConcurrentHashMap<Path, Boolean> madeDirs) {
        try {
            // computeIfAbsent holds back other workers of the same column until its folder exists.
            madeDirs.computeIfAbsent(xDir, d -> {
                try {
                    Files.createDirectories(d);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create " + d, e);
                }
                return Boolean.TRUE;
            });
            Files.write(xDir.resolve(name), tile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tile " + xDir.resolve(name), e);
        }
    }

    private static void await(List<Future<?>> tasks) throws IOException {
        try {
            for (Future<?> f : tasks) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("tile writing interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("tile worker failed: " + cause, cause);
        }
    }

    /** The resolution present in the table that is nearest to {@code wanted}; on a tie the coarser one (fewer, larger cells). */
    static int nearest(int wanted, Set<Integer> present) {
        int best = -1;
        for (int r : present) {
            if (best < 0 || Math.abs(r - wanted) < Math.abs(best - wanted)
                    || Math.abs(r - wanted) == Math.abs(best - wanted) && r < best) {
                best = r;
            }
        }
        return best;
    }

    private static TileJson tileJson(String layerName, HotspotCellsReader.Selection selection,
            Map<Integer, HexLayer> layers, Map<Integer, HexStyle> styles, Map<Integer, Integer> resByZoom,
            TileOptions options) {
        double[] bounds = null;
        for (HexLayer l : selection.layers().values()) {
            double[] b = l.lonLatBounds();
            if (b == null) {
                continue;
            }
            if (bounds == null) {
                bounds = b;
            } else {
                bounds = new double[] {Math.min(bounds[0], b[0]), Math.min(bounds[1], b[1]), Math.max(bounds[2], b[2]),
                    Math.max(bounds[3], b[3])};
            }
        }
        double[] center = bounds == null ? null : new double[] {(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2,
            Math.min(options.maxZoom(), options.minZoom() + 2)};
        boolean gi = layerName.equals("gi");
        String description = gi
                ? "Getis-Ord Gi* hot and cold spots of cases per H3 cell"
                : (options.value() == HexValue.COUNT ? "Cases" : "Case rate") + " per H3 cell";
        description += ", period " + selection.period() + ", category " + selection.category() + ", kind " + selection.kind();

        Map<String, Object> zhili = new LinkedHashMap<>();
        zhili.put("layer", layerName);
        zhili.put("period", selection.period());
        zhili.put("category", selection.category());
        zhili.put("kind", selection.kind());
        zhili.put("value", gi ? "hot_class" : options.value().cliName());
        zhili.put("style", styles.values().iterator().next().name());
        Map<String, Integer> res = new LinkedHashMap<>();
        resByZoom.forEach((z, r) -> res.put(Integer.toString(z), r));
        zhili.put("resolution_by_zoom", res);
        zhili.put("legend", gi ? hotColdLegend() : rampLegend(styles));
        Map<String, Integer> cellCounts = new LinkedHashMap<>();
        layers.forEach((r, l) -> cellCounts.put(Integer.toString(r), l.size()));
        zhili.put("cells", cellCounts);

        Map<String, Object> extra = new LinkedHashMap<>();
        List<String> tiles;
        List<TileJson.VectorLayer> vectorLayers = List.of();
        if (options.mvt()) {
            tiles = List.of("{z}/{x}/{y}.mvt");
            extra.put("format", "pbf");
            vectorLayers = List.of(new TileJson.VectorLayer(layerName, description, options.minZoom(), options.maxZoom(),
                    HexTileEncoder.FIELDS));
            if (options.png()) {
                extra.put("raster_tiles", List.of("{z}/{x}/{y}.png"));
            }
        } else {
            tiles = List.of("{z}/{x}/{y}.png");
            extra.put("format", "png");
        }
        extra.put("tileSize", 256);
        extra.put("zhili", zhili);
        return new TileJson(layerName, description, tiles, options.minZoom(), options.maxZoom(), bounds, center,
                vectorLayers, extra);
    }

    /** Per resolution, five stops of the log ramp: value and colour. */
    private static Map<String, Object> rampLegend(Map<Integer, HexStyle> styles) {
        Map<String, Object> legend = new LinkedHashMap<>();
        styles.forEach((res, s) -> {
            RampStyle ramp = (RampStyle) s;
            List<Map<String, Object>> stops = new ArrayList<>();
            for (int k = 0; k <= 4; k++) {
                double t = k / 4.0;
                Map<String, Object> stop = new LinkedHashMap<>();
                stop.put("value", Math.round(ramp.valueAt(t) * 100) / 100.0);
                stop.put("color", ColorRamp.css(ColorRamp.viridis(t)));
                stops.add(stop);
            }
            legend.put(Integer.toString(res), stops);
        });
        return legend;
    }

    private static List<Map<String, Object>> hotColdLegend() {
        List<Map<String, Object>> legend = new ArrayList<>();
        for (HotClass c : HotClass.values()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("class", c.name());
            e.put("color", ColorRamp.css(HotClassStyle.rgb(c)));
            e.put("opacity", Math.round(HotClassStyle.alpha(c) / 255.0 * 100) / 100.0);
            legend.add(e);
        }
        return legend;
    }

    private static void writeSetIndex(Path outDir, List<TileSet> sets) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (TileSet s : sets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("path", s.path());
            m.put("period", s.period());
            m.put("category", s.category());
            m.put("kind", s.kind());
            m.put("value", s.value());
            m.put("layers", LAYERS);
            m.put("tiles", s.tiles());
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("default", sets.get(0).id());
        root.put("sets", list);
        Path tmp = outDir.resolve(SETS_FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, outDir.resolve(SETS_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Writes {@code run.json} into {@code outDir}: inputs, options, each set's rows read, cells, tiles by
     * layer and format and rows not drawn by reason, totals and duration. The caller writes
     * {@code _SUCCESS} after it.
     *
     * @throws IOException when the file cannot be written
     */
    public static void writeRunFile(Path outDir, Path hotspotsDir, TileOptions options, Result result) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", "tiles");
        root.put("hotspots", hotspotsDir.toAbsolutePath().toString());
        root.put("out", outDir.toAbsolutePath().toString());
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("min_zoom", options.minZoom());
        opts.put("max_zoom", options.maxZoom());
        opts.put("categories", options.categories());
        opts.put("periods", options.periods());
        opts.put("kind", options.kind());
        opts.put("value", options.value().cliName());
        opts.put("png", options.png());
        opts.put("mvt", options.mvt());
        opts.put("parallelism", options.parallelism());
        opts.put("mvt_buffer", options.mvtBuffer());
        root.put("options", opts);
        root.put("sets", result.sets());
        root.put("tiles_written", result.tilesWritten());
        root.put("bytes_written", result.bytesWritten());
        root.put("rows_rejected", result.rejected());
        root.put("duration_ms", result.millis());
        root.put("tiles_per_second", Math.round(result.tilesWritten() / Math.max(1e-3, result.millis() / 1000.0)));
        Path tmp = outDir.resolve("run.json.tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, outDir.resolve("run.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes what an earlier run wrote (layers, sets, index, success marker), and nothing else. */
    private static void clean(Path outDir) throws IOException {
        Files.deleteIfExists(outDir.resolve("_SUCCESS"));
        Files.deleteIfExists(outDir.resolve("run.json"));
        Files.deleteIfExists(outDir.resolve(SETS_FILE));
        for (String name : LAYERS) {
            RunDirectory.deleteTree(outDir.resolve(name));
        }
        RunDirectory.deleteTree(outDir.resolve(SETS_DIR));
    }

    /** Per-thread renderer and encoder (neither is thread-safe). */
    private static final class Worker {
        final HexTileRenderer renderer = new HexTileRenderer();
        final HexTileEncoder encoder;

        Worker(TileOptions options) {
            encoder = new HexTileEncoder(HexTileEncoder.DEFAULT_EXTENT, options.mvtBuffer());
        }
    }
}
