/**
 * Random sampling for the generators: per-unit random streams derived from the seed
 * ({@link io.zhili.datasets.sampling.Seeds}), constant-time weighted draws ({@link io.zhili.datasets.sampling.AliasTable})
 * and exact proportional splits of a total ({@link io.zhili.datasets.sampling.Allocation}).
 */
package io.zhili.datasets.sampling;
