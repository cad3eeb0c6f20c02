/**
 * Heatmap tiles of H3 hexagon layers in Web Mercator's XYZ scheme: tile arithmetic
 * ({@link io.zhili.geo.tiles.WebMercator}), which cells each tile shows ({@link io.zhili.geo.tiles.TileCover}),
 * raster PNG tiles ({@link io.zhili.geo.tiles.HexTileRenderer} with a {@link io.zhili.geo.tiles.HexStyle}),
 * Mapbox Vector Tiles ({@link io.zhili.geo.tiles.HexTileEncoder}) and TileJSON 3.0 documents
 * ({@link io.zhili.geo.tiles.TileJson}).
 *
 * <p>The pipeline: build a {@link io.zhili.geo.tiles.HexLayer} (cells projected once), compute the
 * {@link io.zhili.geo.tiles.TileCover} of each zoom, then render or encode each covered tile; covers and
 * layers are immutable and shared by worker threads, renderers and encoders are per thread.
 */
package io.zhili.geo.tiles;
