package io.zhili.geo.tiles;

import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.IUserDataConverter;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.precision.GeometryPrecisionReducer;

/**
 * Encodes Mapbox Vector Tiles 2.1 of arbitrary lon/lat polygons with attributes (the {@code suspects}
 * layer), next to {@link HexTileEncoder}'s hexagons: each polygon is moved into tile units
 * ({@link HexTileEncoder#DEFAULT_EXTENT} per edge, y down), clipped to the tile enlarged by the buffer
 * (an exact overlay: polygons may be concave), snapped to the integer grid; polygons that collapse at a
 * zoom are left out of that zoom's tile. Not thread-safe: one instance per thread.
 */
public final class PolygonTileEncoder {
    /** A polygon feature: an MVT id, its lon/lat polygon and attributes (String, Long, Integer or Double; null left out). */
    public record PolygonFeature(long id, Geometry lonLat, Map<String, Object> attributes) {
    }

    private final int extent;
    private final int buffer;
    private final MvtLayerParams params;
    private final GeometryFactory factory = new GeometryFactory();
    private final GeometryPrecisionReducer grid = new GeometryPrecisionReducer(new PrecisionModel(1));

    public PolygonTileEncoder() {
        this(HexTileEncoder.DEFAULT_EXTENT, HexTileEncoder.DEFAULT_BUFFER);
    }

    public PolygonTileEncoder(int extent, int buffer) {
        this.extent = extent;
        this.buffer = buffer;
        this.params = new MvtLayerParams(extent);
    }

    /** The features' share of tile {@code z/x/y} as one layer, or null when none reaches the buffered tile. */
    public byte[] encode(String layerName, int z, int x, int y, List<PolygonFeature> features) {
        double scale = WebMercator.tilesPerAxis(z);
        Geometry box = factory.toGeometry(new Envelope(-buffer, extent + buffer, -buffer, extent + buffer));
        List<Geometry> inTile = new ArrayList<>();
        for (PolygonFeature f : features) {
            Geometry g = f.lonLat().copy();
            g.apply(new ToTile(scale, x, y));
            g.geometryChanged();
            if (!g.getEnvelopeInternal().intersects(box.getEnvelopeInternal())) {
                continue;
            }
            Geometry clipped = box.getEnvelopeInternal().contains(g.getEnvelopeInternal()) ? g
                    : OverlayNGRobust.overlay(g, box, OverlayNG.INTERSECTION);
            Geometry snapped = grid.reduce(clipped);
            if (snapped.isEmpty() || !(snapped instanceof Polygonal) || snapped.getArea() <= 0) {
                continue;
            }
            snapped.setUserData(f);
            inTile.add(snapped);
        }
        if (inTile.isEmpty()) {
            return null;
        }
        return MvtLayerWriter.tile(layerName, params, inTile, new Attributes());
    }

    /** lon/lat → tile units of tile x/y at a zoom with {@code scale} tiles per axis. */
    private final class ToTile implements CoordinateSequenceFilter {
        private final double scale;
        private final int x;
        private final int y;

        ToTile(double scale, int x, int y) {
            this.scale = scale;
            this.x = x;
            this.y = y;
        }

        @Override
        public void filter(CoordinateSequence seq, int i) {
            Coordinate c = seq.getCoordinate(i);
            seq.setOrdinate(i, 0, (WebMercator.normX(c.x) * scale - x) * extent);
            seq.setOrdinate(i, 1, (WebMercator.normY(c.y) * scale - y) * extent);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }

    private static final class Attributes implements IUserDataConverter {
        @Override
        public void addTags(Object userData, MvtLayerProps props, VectorTile.Tile.Feature.Builder feature) {
            PolygonFeature f = (PolygonFeature) userData;
            feature.setId(f.id());
            for (Map.Entry<String, Object> a : f.attributes().entrySet()) {
                if (a.getValue() != null) {
                    MvtLayerWriter.tag(props, feature, a.getKey(), a.getValue());
                }
            }
        }
    }
}
