/**
 * Spatial and primitive indexes for hot paths: the nearest registered component of a subclass within a
 * radius ({@link io.zhili.geo.index.NearestComponentIndex}), which attaches cases reported without a
 * {@code component_id}, and a primitive long-key position index ({@link io.zhili.geo.index.LongPositions}).
 */
package io.zhili.geo.index;
