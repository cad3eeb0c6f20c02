package io.zhili.cli;

import io.zhili.geo.tiles.HexValue;
import io.zhili.jobs.tiles.TileOptions;
import io.zhili.jobs.tiles.TileRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zhili tiles}: heatmap tiles (PNG and MVT, TileJSON) of a hotspots output directory; see {@link TileRun}.
 * Writes {@code run.json} and then {@code _SUCCESS} into the output directory.
 */
@Command(name = "tiles", mixinStandardHelpOptions = true,
        description = "Write XYZ heatmap tiles (PNG, MVT, TileJSON) of a hotspots output directory.")
public final class TilesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--hotspots", paramLabel = "DIR", description = "The --out directory of zhili hotspots (with hotspot_cells/).")
    Path hotspots;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the tiles go.")
    Path out;

    @Option(names = "--min-zoom", defaultValue = "10", description = "Lowest zoom (default ${DEFAULT-VALUE}).")
    int minZoom;

    @Option(names = "--max-zoom", defaultValue = "16", description = "Highest zoom (default ${DEFAULT-VALUE}).")
    int maxZoom;

    @Option(names = "--category", defaultValue = "ALL", split = ",", paramLabel = "CAT",
            description = "ALL, a 2-digit major or 4-digit minor class; several separated by commas (the first is the default view).")
    List<String> categories;

    @Option(names = "--period", defaultValue = "latest", split = ",", paramLabel = "PERIOD",
            description = "latest, all, or period labels such as 2025-03 separated by commas (the first is the default view).")
    List<String> periods;

    @Option(names = "--kind", defaultValue = "ALL", description = "ALL, COMPONENT or EVENT (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--value", defaultValue = "count", description = "What the cases layer shows: count or rate (default ${DEFAULT-VALUE}).")
    String value;

    @Option(names = "--format", defaultValue = "png,mvt", split = ",", description = "Tile formats: png, mvt or both (default ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--parallelism", description = "Worker threads (default: the machine's processors).")
    Integer parallelism;

    @Option(names = "--suspects", paramLabel = "DIR", description = "The --out directory of zhili changes: adds the suspects vector layer.")
    Path suspects;

    @Override
    public Integer call() throws Exception {
        if (hotspots == null && suspects == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --hotspots DIR, --suspects DIR or both");
        }
        if (hotspots == null) {
            Files.createDirectories(out);
            Files.deleteIfExists(out.resolve("_SUCCESS"));
            writeSuspects();
            Files.writeString(out.resolve("_SUCCESS"), "");
            return 0;
        }
        if (!Files.isDirectory(hotspots)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--hotspots " + hotspots + " is not a directory");
        }
        for (String f : formats) {
            if (!f.equals("png") && !f.equals("mvt")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--format must be png and/or mvt, not '" + f + "'");
            }
        }
        TileOptions options;
        try {
            TileOptions d = TileOptions.defaults();
            options = d.withZooms(minZoom, maxZoom)
                    .withSelection(categories, periods, kind.toUpperCase(java.util.Locale.ROOT), HexValue.parse(value))
                    .withFormats(formats.contains("png"), formats.contains("mvt"))
                    .withParallelism(parallelism == null ? d.parallelism() : parallelism)
                    .withProgress(spec.commandLine().getOut() == null ? System.out
                            : new java.io.PrintStream(new WriterStream(spec.commandLine().getOut()), true));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        TileRun.Result result = TileRun.write(hotspots, out, options);
        TileRun.writeRunFile(out, hotspots, options, result);
        if (suspects != null) {
            writeSuspects();
        }
        Files.writeString(out.resolve("_SUCCESS"), "");
        spec.commandLine().getOut().printf("tiles: %,d tiles (%,d bytes) in %.1f s (%,.0f tiles/s) into %s; sets %s%n",
                result.tilesWritten(), result.bytesWritten(), result.millis() / 1000.0,
                result.tilesWritten() / Math.max(1e-3, result.millis() / 1000.0), out,
                Arrays.toString(result.sets().stream().map(TileRun.TileSet::id).toArray()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void writeSuspects() throws java.io.IOException {
        if (minZoom < 0 || maxZoom < minZoom || maxZoom > io.zhili.geo.tiles.WebMercator.MAX_ZOOM) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--min-zoom/--max-zoom " + minZoom + ".." + maxZoom + " is not a zoom range");
        }
        io.zhili.jobs.tiles.SuspectTiles.Result r = io.zhili.jobs.tiles.SuspectTiles.write(suspects, out, minZoom, maxZoom);
        spec.commandLine().getOut().printf("tiles: suspects layer: %,d suspects in %,d tiles (%,d bytes) into %s%n",
                r.suspects(), r.tilesWritten(), r.bytesWritten(), out.resolve(io.zhili.jobs.tiles.SuspectTiles.LAYER));
        spec.commandLine().getOut().flush();
    }

    /** Lets progress lines go through picocli's writer, so tests that capture it see them. */
    private static final class WriterStream extends java.io.OutputStream {
        private final java.io.PrintWriter writer;

        WriterStream(java.io.PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            writer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writer.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            writer.flush();
        }
    }
}
