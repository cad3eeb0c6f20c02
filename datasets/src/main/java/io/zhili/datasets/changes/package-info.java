/**
 * The generator's two rounds of satellite change polygons with registered footprints, permits and their truth
 * ({@link io.zhili.datasets.changes.ChangeDataGenerator}, {@link io.zhili.datasets.changes.ChangeTruth}):
 * new illegal structures (some in fragments, some persisting), re-detected buildings, permitted sites,
 * vegetation and soil changes, road slivers and low-confidence noise, deterministic by seed.
 */
package io.zhili.datasets.changes;
