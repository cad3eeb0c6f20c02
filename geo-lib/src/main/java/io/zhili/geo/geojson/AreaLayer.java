package io.zhili.geo.geojson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Reads the optional areas layer: a GeoJSON FeatureCollection of Polygon/MultiPolygon features with
 * properties {@code area_id}, {@code name} (optional) and {@code level} ({@code district|street|grid}).
 *
 * <p>The layer is reference data, so any bad feature stops the read with a {@link GeoJsonException}
 * naming the file and feature: a missing property, an unknown level, a geometry that is missing,
 * not polygonal or invalid (self-intersection…, with the place JTS reports), or an {@code area_id}
 * repeated within a level. Stateless and thread-safe.
 */
public final class AreaLayer {
    private AreaLayer() {
    }

    /** The areas of {@code file}, in file order. */
    public static List<Area> read(Path file) throws IOException {
        List<Feature> features = GeoJsonReader.read(file);
        List<Area> areas = new ArrayList<>(features.size());
        Map<AreaLevel, Map<String, Integer>> seen = new EnumMap<>(AreaLevel.class);
        for (Feature f : features) {
            String id = f.string("area_id");
            AreaLevel level;
            try {
                level = AreaLevel.parse(f.string("level"));
            } catch (IllegalArgumentException e) {
                throw new GeoJsonException(f.where() + ": property 'level': " + e.getMessage());
            }
            String name = f.optString("name").orElse(id);
            Geometry g = f.geometry();
            if (g == null) {
                throw new GeoJsonException(f.where() + ": area '" + id + "' has no geometry");
            }
            if (!(g instanceof Polygon) && !(g instanceof MultiPolygon)) {
                throw new GeoJsonException(f.where() + ": area '" + id + "' must be a Polygon or MultiPolygon, got "
                        + g.getGeometryType());
            }
            TopologyValidationError invalid = new IsValidOp(g).getValidationError();
            if (invalid != null) {
                throw new GeoJsonException(f.where() + ": area '" + id + "' has an invalid geometry: " + invalid.getMessage()
                        + " at " + GeoJsonWriter.round7(invalid.getCoordinate().x) + " " + GeoJsonWriter.round7(invalid.getCoordinate().y));
            }
            Integer previous = seen.computeIfAbsent(level, k -> new HashMap<>()).putIfAbsent(id, f.index());
            if (previous != null) {
                throw new GeoJsonException(f.where() + ": area_id '" + id + "' repeats feature #" + previous
                        + " at level " + level.label());
            }
            areas.add(new Area(id, name, level, g));
        }
        return areas;
    }
}
