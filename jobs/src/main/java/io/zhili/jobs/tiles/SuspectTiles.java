package io.zhili.jobs.tiles;

import io.zhili.geo.geojson.Feature;
import io.zhili.geo.geojson.GeoJsonWriter;
import io.zhili.geo.tiles.PolygonTileEncoder;
import io.zhili.geo.tiles.TileJson;
import io.zhili.geo.tiles.WebMercator;
import io.zhili.jobs.changes.ChangeTables;
import io.zhili.jobs.changes.SuspectRow;
import io.zhili.jobs.changes.SuspectTable;
import io.zhili.jobs.common.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * The {@code suspects} vector layer of {@code zhili tiles --suspects DIR}: the suspected illegal
 * structures of a {@code zhili changes} output as polygons in Mapbox Vector Tiles
 * ({@code suspects/{z}/{x}/{y}.mvt}, {@code suspects/tilejson.json}), every status, and the same features
 * as one GeoJSON document ({@code suspects/suspects.json}, what the console draws: a city has a few
 * thousand suspects). Feature id: the high bits of the suspect_id UUID (positive).
 */
public final class SuspectTiles {
    public static final String LAYER = "suspects";
    /** The GeoJSON of all suspects, beside the tiles. */
    public static final String GEOJSON = "suspects.json";
    /** The attributes of each feature and their TileJSON types. */
    public static final Map<String, String> FIELDS;

    static {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("suspect_id", "String");
        f.put("status", "String");
        f.put("round", "String");
        f.put("first_round", "String");
        f.put("area_m2", "Number");
        f.put("n_fragments", "Number");
        f.put("after_date", "String");
        f.put("district_code", "String");
        f.put("street_code", "String");
        f.put("grid_code", "String");
        FIELDS = java.util.Collections.unmodifiableMap(f);
    }

    /** What was written. */
    public record Result(int suspects, long tilesWritten, long bytesWritten) {
    }

    private SuspectTiles() {
    }

    /** Writes the layer of the changes output {@code changesDir} under {@code outDir/suspects}. */
    public static Result write(Path changesDir, Path outDir, int minZoom, int maxZoom) throws IOException {
        if (!Files.isRegularFile(changesDir.resolve(RunDirectory.SUCCESS))) {
            throw new IllegalArgumentException("--suspects " + changesDir + " is not a published `zhili changes` output (no _SUCCESS)");
        }
        List<SuspectRow> rows = SuspectTable.read(changesDir.resolve(ChangeTables.SUSPECTS));
        List<PolygonTileEncoder.PolygonFeature> features = new ArrayList<>(rows.size());
        WKBReader wkb = new WKBReader();
        Envelope bounds = new Envelope();
        for (SuspectRow r : rows) {
            Geometry g;
            try {
                g = wkb.read(r.geometry);
            } catch (ParseException e) {
                throw new IOException("suspect " + r.suspectId + ": unreadable geometry: " + e.getMessage(), e);
            }
            bounds.expandToInclude(g.getEnvelopeInternal());
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("suspect_id", r.suspectId);
            a.put("status", r.status);
            a.put("round", r.round);
            a.put("first_round", r.firstRound);
            a.put("area_m2", Math.rint(r.areaM2 * 10) / 10);
            a.put("n_fragments", (long) r.nFragments);
            a.put("after_date", r.afterDate);
            a.put("district_code", r.districtCode);
            a.put("street_code", r.streetCode);
            a.put("grid_code", r.gridCode);
            features.add(new PolygonTileEncoder.PolygonFeature(UUID.fromString(r.suspectId).getMostSignificantBits() & Long.MAX_VALUE, g, a));
        }
        Path layerDir = outDir.resolve(LAYER);
        RunDirectory.deleteTree(layerDir);
        Files.createDirectories(layerDir);
        PolygonTileEncoder encoder = new PolygonTileEncoder();
        long tiles = 0;
        long bytes = 0;
        for (int z = minZoom; z <= maxZoom; z++) {
            // Tiles each suspect reaches (its envelope, a pixel of margin for the clip buffer).
            Map<Long, List<PolygonTileEncoder.PolygonFeature>> byTile = new TreeMap<>();
            double margin = 1.0 / WebMercator.worldSize(z) * 4;
            for (PolygonTileEncoder.PolygonFeature f : features) {
                Envelope e = f.lonLat().getEnvelopeInternal();
                int x0 = WebMercator.tileX(e.getMinX() - margin * 360, z);
                int x1 = WebMercator.tileX(e.getMaxX() + margin * 360, z);
                int y0 = WebMercator.tileY(e.getMaxY() + margin * 180, z);
                int y1 = WebMercator.tileY(e.getMinY() - margin * 180, z);
                for (int x = x0; x <= x1; x++) {
                    for (int y = y0; y <= y1; y++) {
                        byTile.computeIfAbsent(((long) x << 32) | y, k -> new ArrayList<>()).add(f);
                    }
                }
            }
            Map<Integer, Boolean> madeDirs = new HashMap<>();
            for (Map.Entry<Long, List<PolygonTileEncoder.PolygonFeature>> t : byTile.entrySet()) {
                int x = (int) (t.getKey() >>> 32);
                int y = (int) (long) t.getKey();
                byte[] tile = encoder.encode(LAYER, z, x, y, t.getValue());
                if (tile == null) {
                    continue;
                }
                Path xDir = layerDir.resolve(Integer.toString(z)).resolve(Integer.toString(x));
                if (madeDirs.putIfAbsent(x, true) == null) {
                    Files.createDirectories(xDir);
                }
                Files.write(xDir.resolve(y + ".mvt"), tile);
                tiles++;
                bytes += tile.length;
            }
        }
        double[] b = features.isEmpty() ? null : new double[] {bounds.getMinX(), bounds.getMinY(), bounds.getMaxX(), bounds.getMaxY()};
        double[] center = b == null ? null : new double[] {(b[0] + b[2]) / 2, (b[1] + b[3]) / 2, Math.min(maxZoom, minZoom + 2)};
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("format", "pbf");
        extra.put("zhili", Map.of("layer", LAYER, "suspects", features.size(), "statuses", List.of("NEW", "PERSISTING", "GONE")));
        String description = "Suspected illegal structures (违建图斑) of " + changesDir.getFileName();
        new TileJson(LAYER, description, List.of("{z}/{x}/{y}.mvt"), minZoom, maxZoom, b, center,
                List.of(new TileJson.VectorLayer(LAYER, description, minZoom, maxZoom, FIELDS)), extra)
                .write(layerDir.resolve("tilejson.json"));
        List<Feature> geojson = new ArrayList<>(features.size());
        for (PolygonTileEncoder.PolygonFeature f : features) {
            Map<String, Object> props = new LinkedHashMap<>();
            f.attributes().forEach((k, v) -> {
                if (v != null) {
                    props.put(k, v);
                }
            });
            geojson.add(new Feature(geojson.size(), f.attributes().get("suspect_id"), f.lonLat(), props));
        }
        GeoJsonWriter.write(layerDir.resolve(GEOJSON), geojson);
        return new Result(features.size(), tiles, bytes);
    }
}
