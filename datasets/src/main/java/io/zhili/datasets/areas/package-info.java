/**
 * The synthetic city's administrative areas: Qingdao's ten district-level divisions with their GB/T 2260
 * codes and outlines, towns, streets and unit grids ({@link io.zhili.datasets.areas.QingdaoAreas}), written as
 * the areas layer of docs/CONTRACTS.md.
 */
package io.zhili.datasets.areas;
