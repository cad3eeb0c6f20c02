package io.zhili.geo.tiles;

import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.IUserDataConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.JtsAdapter;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerProps;
import io.github.sebasbaumh.mapbox.vectortile.util.MvtUtil;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/** The protobuf end shared by the vector tile encoders: one layer of tile-unit geometries to tile bytes. Stateless. */
final class MvtLayerWriter {
    private MvtLayerWriter() {
    }

    /** A tile with one layer of {@code features} (their user data goes to {@code attributes}), or null when none is left. */
    static byte[] tile(String layerName, MvtLayerParams params, List<Geometry> features, IUserDataConverter attributes) {
        VectorTile.Tile.Layer.Builder layer = MvtUtil.newLayerBuilder(layerName, params);
        MvtLayerProps props = new MvtLayerProps();
        JtsAdapter.addFeatures(layer, features, props, attributes);
        if (layer.getFeaturesCount() == 0) {
            return null;
        }
        MvtUtil.writeProps(layer, props);
        return VectorTile.Tile.newBuilder().addLayers(layer.build()).build().toByteArray();
    }

    /** Adds one attribute to a feature (values the MVT format cannot hold are left out). */
    static void tag(MvtLayerProps props, VectorTile.Tile.Feature.Builder feature, String key, Object value) {
        int valueIndex = props.addValue(value);
        if (valueIndex >= 0) {
            feature.addTags(props.addKey(key));
            feature.addTags(valueIndex);
        }
    }
}
