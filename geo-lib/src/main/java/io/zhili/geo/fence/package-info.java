/**
 * The muck-truck reference layers and the geometry the truck rules ask of them: reading and writing
 * routes, sites and zones ({@link io.zhili.geo.fence.FenceLayers}; properties in docs/CONTRACTS.md, "Truck
 * reference layers"), permit hours ({@link io.zhili.geo.fence.HoursWindow}), route corridors
 * ({@link io.zhili.geo.fence.RouteCorridor}) and raster-accelerated point-in-polygon indexes
 * ({@link io.zhili.geo.fence.FenceIndex}, {@link io.zhili.geo.fence.SiteIndex}, {@link io.zhili.geo.fence.ZoneIndex}),
 * gathered per job in {@link io.zhili.geo.fence.ReferenceLayers}. Built once, then immutable and shared.
 */
package io.zhili.geo.fence;
