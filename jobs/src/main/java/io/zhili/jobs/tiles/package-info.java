/**
 * Heatmap tiles of a hotspots output, {@code zhili tiles} and {@code zhili hotspots --tiles}: reading a
 * selection of {@code hotspot_cells} ({@link io.zhili.jobs.tiles.HotspotCellsReader}) and writing PNG and MVT
 * pyramids with TileJSON in parallel ({@link io.zhili.jobs.tiles.TileRun}, settings in
 * {@link io.zhili.jobs.tiles.TileOptions}). The layout is in docs/CONTRACTS.md ("Tiles").
 */
package io.zhili.jobs.tiles;
