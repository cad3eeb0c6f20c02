package io.zhili.jobs.tiles;

import io.zhili.geo.tiles.HexTileEncoder;
import io.zhili.geo.tiles.HexValue;
import io.zhili.geo.tiles.WebMercator;
import java.io.PrintStream;
import java.util.List;

/**
 * Settings of a tile run ({@link TileRun}), with the command line's defaults in {@link #defaults()}.
 *
 * @param minZoom        lowest zoom written (default 10)
 * @param maxZoom        highest zoom written (default 16)
 * @param categories     categories to tile ({@code ALL}, a 2-digit major or a 4-digit minor class), each
 *                       optionally with its kind, {@code COMPONENT:01} or {@code EVENT:0190} (the hotspot job
 *                       writes class categories per kind only); the first is the default set (default {@code [ALL]})
 * @param periods        period labels, {@code latest} (the newest partition) or {@code all}; the first is the
 *                       default set (default {@code [latest]})
 * @param kind           kind of categories given without one: {@code ALL}, {@code COMPONENT} or {@code EVENT}
 *                       (default {@code ALL})
 * @param value          what the {@code cases} layer shows: count or rate (default count)
 * @param png            write raster tiles (default true)
 * @param mvt            write vector tiles (default true)
 * @param parallelism    worker threads (default: available processors)
 * @param mvtBuffer      vector tile clip buffer in tile units of 4096 (default 64)
 * @param coarseRes      H3 resolution wanted at zoom ≤ {@code coarseMaxZoom} (default 7 up to z11)
 * @param mediumRes      H3 resolution wanted at zoom ≤ {@code mediumMaxZoom} (default 8 up to z13); finer
 *                       zooms want {@code fineRes} (default 9). Where the table lacks a wanted resolution the
 *                       nearest one present is used.
 * @param progress       where progress lines go (default {@code System.out})
 */
public record TileOptions(int minZoom, int maxZoom, List<String> categories, List<String> periods, String kind,
        HexValue value, boolean png, boolean mvt, int parallelism, int mvtBuffer, int coarseRes, int coarseMaxZoom,
        int mediumRes, int mediumMaxZoom, int fineRes, PrintStream progress) {

    public TileOptions {
        if (minZoom < 0 || maxZoom > WebMercator.MAX_ZOOM || minZoom > maxZoom) {
            throw new IllegalArgumentException("zoom range " + minZoom + ".." + maxZoom + " must lie within 0.."
                    + WebMercator.MAX_ZOOM + " with --min-zoom <= --max-zoom");
        }
        categories = List.copyOf(categories);
        periods = List.copyOf(periods);
        if (categories.isEmpty() || periods.isEmpty()) {
            throw new IllegalArgumentException("at least one category and one period are needed");
        }
        for (String c : categories) {
            if (!c.matches("((ALL|COMPONENT|EVENT):)?(ALL|\\d{2}|\\d{4})")) {
                throw new IllegalArgumentException("category must be ALL, a 2-digit major or a 4-digit minor class, "
                        + "optionally KIND:CODE such as COMPONENT:01, not '" + c + "'");
            }
        }
        for (String p : periods) {
            if (!p.matches("latest|all|[0-9A-Za-z-]+")) {
                throw new IllegalArgumentException("period must be latest, all or a period label like 2025-03, not '" + p + "'");
            }
        }
        if (!List.of("ALL", "COMPONENT", "EVENT").contains(kind)) {
            throw new IllegalArgumentException("kind must be ALL, COMPONENT or EVENT, not '" + kind + "'");
        }
        if (!png && !mvt) {
            throw new IllegalArgumentException("at least one of PNG and MVT tiles must be written");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, not " + parallelism);
        }
        if (mvtBuffer < 0 || mvtBuffer > HexTileEncoder.DEFAULT_EXTENT / 2) {
            throw new IllegalArgumentException("MVT buffer must be within 0.." + HexTileEncoder.DEFAULT_EXTENT / 2);
        }
        for (int r : new int[] {coarseRes, mediumRes, fineRes}) {
            if (r < 0 || r > 15) {
                throw new IllegalArgumentException("H3 resolution " + r + " is outside 0..15");
            }
        }
        if (value == null) {
            throw new IllegalArgumentException("value must be count or rate");
        }
        if (progress == null) {
            progress = System.out;
        }
    }

    /** The defaults of {@code zhili tiles}: z10–16, ALL, latest, kind ALL, counts, PNG and MVT, res 7/8/9. */
    public static TileOptions defaults() {
        return new TileOptions(10, 16, List.of("ALL"), List.of("latest"), "ALL", HexValue.COUNT, true, true,
                Runtime.getRuntime().availableProcessors(), HexTileEncoder.DEFAULT_BUFFER, 7, 11, 8, 13, 9, System.out);
    }

    public TileOptions withZooms(int min, int max) {
        return new TileOptions(min, max, categories, periods, kind, value, png, mvt, parallelism, mvtBuffer, coarseRes,
                coarseMaxZoom, mediumRes, mediumMaxZoom, fineRes, progress);
    }

    public TileOptions withSelection(List<String> newCategories, List<String> newPeriods, String newKind, HexValue newValue) {
        return new TileOptions(minZoom, maxZoom, newCategories, newPeriods, newKind, newValue, png, mvt, parallelism,
                mvtBuffer, coarseRes, coarseMaxZoom, mediumRes, mediumMaxZoom, fineRes, progress);
    }

    public TileOptions withParallelism(int threads) {
        return new TileOptions(minZoom, maxZoom, categories, periods, kind, value, png, mvt, threads, mvtBuffer,
                coarseRes, coarseMaxZoom, mediumRes, mediumMaxZoom, fineRes, progress);
    }

    public TileOptions withFormats(boolean writePng, boolean writeMvt) {
        return new TileOptions(minZoom, maxZoom, categories, periods, kind, value, writePng, writeMvt, parallelism,
                mvtBuffer, coarseRes, coarseMaxZoom, mediumRes, mediumMaxZoom, fineRes, progress);
    }

    public TileOptions withProgress(PrintStream out) {
        return new TileOptions(minZoom, maxZoom, categories, periods, kind, value, png, mvt, parallelism, mvtBuffer,
                coarseRes, coarseMaxZoom, mediumRes, mediumMaxZoom, fineRes, out);
    }

    /** The kind of a category entry: its {@code KIND:} prefix, else {@link #kind()}. */
    public String kindOf(String categoryEntry) {
        int colon = categoryEntry.indexOf(':');
        return colon < 0 ? kind : categoryEntry.substring(0, colon);
    }

    /** The category code of a category entry, without a {@code KIND:} prefix. */
    public static String codeOf(String categoryEntry) {
        return categoryEntry.substring(categoryEntry.indexOf(':') + 1);
    }

    /** The H3 resolution wanted at zoom {@code z}. */
    public int wantedResolution(int z) {
        return z <= coarseMaxZoom ? coarseRes : z <= mediumMaxZoom ? mediumRes : fineRes;
    }
}
