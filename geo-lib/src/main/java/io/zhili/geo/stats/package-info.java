/**
 * Hotspot statistics on plain double arrays, no Flink: Getis-Ord Gi* z-scores over H3 neighbourhoods
 * ({@link io.zhili.geo.stats.GetisOrdGiStar}), their significance and ArcGIS hot spot classes
 * ({@link io.zhili.geo.stats.Significance}, {@link io.zhili.geo.stats.HotClass},
 * {@link io.zhili.geo.stats.BenjaminiHochberg}), the Mann-Kendall trend test
 * ({@link io.zhili.geo.stats.MannKendall}), emerging hot spot patterns
 * ({@link io.zhili.geo.stats.EmergingHotSpots}) and exact mergeable percentiles of durations
 * ({@link io.zhili.geo.stats.IntCountHistogram}).
 *
 * <p>No argument may be null (a null array is a bug and fails with a NullPointerException); empty
 * arrays give empty results, and each class documents its degenerate cases.
 */
package io.zhili.geo.stats;
