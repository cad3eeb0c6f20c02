package io.zhili.geo.tiles;

import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.IUserDataConverter;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerProps;
import io.zhili.geo.h3.H3Grid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.overlayng.RingClipper;

/**
 * Encodes vector tiles of a {@link HexLayer} as Mapbox Vector Tiles 2.1: one layer of hexagon polygons in
 * tile coordinates ({@link #extent()} units per tile edge, y down), each feature with id = the H3 cell
 * as a 64-bit integer and the attributes of {@link #FIELDS}. Polygons reaching beyond the tile enlarged
 * by {@link #buffer()} units are clipped to it (JTS {@link RingClipper}: exact for convex hexagons);
 * the protobuf itself is written by the maintained {@code mapbox-vector-tile-java} library, which also
 * orders ring windings as the specification requires.
 *
 * <p>A missing rate (NaN) is left out of the feature's attributes rather than written as a number.
 *
 * <p>Not thread-safe (it reuses buffers): one instance per worker thread.
 */
public final class HexTileEncoder {
    /** Tile coordinate units per tile edge: the specification's and the renderers' usual 4096. */
    public static final int DEFAULT_EXTENT = 4096;
    /** Clip buffer in tile units: 64/4096 of an edge, 4 pixels of a 256-pixel tile. */
    public static final int DEFAULT_BUFFER = 64;

    /**
     * The attributes of each feature and their TileJSON {@code vector_layers} types, in order. Integers
     * are written as MVT int values, doubles as double values, strings as string values.
     */
    public static final Map<String, String> FIELDS;

    static {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("h3", "String");
        f.put("h3_res", "Number");
        f.put("cases", "Number");
        f.put("components", "Number");
        f.put("rate", "Number");
        f.put("gi_z", "Number");
        f.put("gi_p", "Number");
        f.put("hot_class", "String");
        FIELDS = Collections.unmodifiableMap(f);
    }

    private final int extent;
    private final int buffer;
    private final MvtLayerParams params;
    private final RingClipper clipper;
    private final GeometryFactory factory = new GeometryFactory();
    private final H3Grid h3 = H3Grid.get();
    private final List<Geometry> features = new ArrayList<>();

    /** An encoder with {@link #DEFAULT_EXTENT} and {@link #DEFAULT_BUFFER}. */
    public HexTileEncoder() {
        this(DEFAULT_EXTENT, DEFAULT_BUFFER);
    }

    /**
     * @throws IllegalArgumentException when {@code extent} is not positive or {@code buffer} is negative
     */
    public HexTileEncoder(int extent, int buffer) {
        if (extent <= 0 || buffer < 0) {
            throw new IllegalArgumentException("MVT extent must be > 0 and buffer >= 0, not " + extent + "/" + buffer);
        }
        this.extent = extent;
        this.buffer = buffer;
        this.params = new MvtLayerParams(extent);
        this.clipper = new RingClipper(new Envelope(-buffer, extent + buffer, -buffer, extent + buffer));
    }

    public int extent() {
        return extent;
    }

    public int buffer() {
        return buffer;
    }

    /** The buffer in pixels of a 256-pixel tile, as {@link TileCover#of} takes it. */
    public double bufferPixels() {
        return buffer * (double) WebMercator.TILE_SIZE / extent;
    }

    /**
     * Encodes tile {@code t} of {@code cover} (built from {@code layer}) with one layer named {@code layerName}.
     *
     * @return the tile bytes, or null when no cell reaches the buffered tile
     */
    public byte[] encode(String layerName, HexLayer layer, TileCover cover, int t) {
        return encode(layerName, layer, cover.zoom(), cover.tileX(t), cover.tileY(t), cover.cellArray(),
                cover.cellsFrom(t), cover.cellsTo(t));
    }

    /**
     * Encodes tile {@code z/x/y} with the cells {@code cells[from … to-1]} of {@code layer}.
     *
     * @return the tile bytes, or null when none of the cells reaches the buffered tile
     */
    public byte[] encode(String layerName, HexLayer layer, int z, int x, int y, int[] cells, int from, int to) {
        double scale = (double) WebMercator.tilesPerAxis(z);
        features.clear();
        for (int k = from; k < to; k++) {
            int i = cells[k];
            Geometry polygon = tilePolygon(layer, i, scale, x, y);
            if (polygon != null) {
                polygon.setUserData(i);
                features.add(polygon);
            }
        }
        if (features.isEmpty()) {
            return null;
        }
        return MvtLayerWriter.tile(layerName, params, features, new Attributes(layer));
    }

    /** The cell's outline in tile units, rounded to the grid and clipped to the buffered tile; null when nothing is left. */
    private Geometry tilePolygon(HexLayer layer, int i, double scale, int x, int y) {
        int vc = layer.vertexCount(i);
        Coordinate[] ring = new Coordinate[vc + 1];
        boolean inside = true;
        for (int v = 0; v < vc; v++) {
            double tx = (layer.vertexX(i, v) * scale - x) * extent;
            double ty = (layer.vertexY(i, v) * scale - y) * extent;
            inside &= tx >= -buffer && tx <= extent + buffer && ty >= -buffer && ty <= extent + buffer;
            ring[v] = new Coordinate(tx, ty);
        }
        ring[vc] = ring[0].copy();
        Coordinate[] clipped = inside ? ring : clipper.clip(ring);
        Coordinate[] rounded = roundAndDedupe(clipped);
        if (rounded == null) {
            return null;
        }
        return factory.createPolygon(rounded);
    }

    /** Rounds to integer tile units, drops repeated points; null when fewer than three distinct points remain. */
    private static Coordinate[] roundAndDedupe(Coordinate[] ring) {
        List<Coordinate> out = new ArrayList<>(ring.length);
        for (Coordinate c : ring) {
            Coordinate r = new Coordinate(Math.round(c.x), Math.round(c.y));
            if (out.isEmpty() || !out.get(out.size() - 1).equals2D(r)) {
                out.add(r);
            }
        }
        if (out.size() > 1 && out.get(out.size() - 1).equals2D(out.get(0))) {
            out.remove(out.size() - 1);
        }
        if (out.size() < 3) {
            return null;
        }
        out.add(out.get(0).copy());
        return out.toArray(new Coordinate[0]);
    }

    /** Writes a feature's id and attributes straight from the layer's columns (user data = cell index). */
    private final class Attributes implements IUserDataConverter {
        private final HexLayer layer;

        Attributes(HexLayer layer) {
            this.layer = layer;
        }

        @Override
        public void addTags(Object userData, MvtLayerProps props, VectorTile.Tile.Feature.Builder feature) {
            int i = (Integer) userData;
            long cell = layer.cell(i);
            feature.setId(cell);
            tag(props, feature, "h3", h3.address(cell));
            tag(props, feature, "h3_res", (long) h3.resolution(cell));
            tag(props, feature, "cases", layer.cases(i));
            tag(props, feature, "components", layer.components(i));
            double rate = layer.rate(i);
            if (!Double.isNaN(rate)) {
                tag(props, feature, "rate", rate);
            }
            tag(props, feature, "gi_z", layer.giZ(i));
            tag(props, feature, "gi_p", layer.giP(i));
            tag(props, feature, "hot_class", layer.hotClass(i).name());
        }

        private void tag(MvtLayerProps props, VectorTile.Tile.Feature.Builder feature, String key, Object value) {
            MvtLayerWriter.tag(props, feature, key, value);
        }
    }
}
