/**
 * Ground truth the generator plants and writes beside the data: dirty rows with the reject reason a correct
 * job must give them ({@link io.zhili.datasets.truth.DirtyRow}, {@link io.zhili.datasets.truth.DirtyValues},
 * {@link io.zhili.datasets.truth.DirtyRates}) and hotspots a correct job must find
 * ({@link io.zhili.datasets.truth.HotspotPlan}, {@link io.zhili.datasets.truth.PlantedHotspot}).
 */
package io.zhili.datasets.truth;
