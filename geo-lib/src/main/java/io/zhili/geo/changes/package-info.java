/**
 * Screening of satellite change polygons (变化图斑) into suspected illegal structures (违建图斑), plain Java on
 * JTS in metres (EPSG:4549): geometry repair ({@link io.zhili.geo.changes.GeometryRepair}), the ordered outcome
 * tests ({@link io.zhili.geo.changes.ChangeScreening}, {@link io.zhili.geo.changes.ScreeningRules},
 * {@link io.zhili.geo.changes.ShapeMeasures}) against registered footprints and permits
 * ({@link io.zhili.geo.changes.ReferencePolygons}), merging fragments of one structure
 * ({@link io.zhili.geo.changes.FragmentMerger}), matching rounds by IoU ({@link io.zhili.geo.changes.RoundMatcher})
 * and stable suspect ids ({@link io.zhili.geo.changes.SuspectIds}). Contract: docs/CONTRACTS.md, "Changes
 * (satellite) job".
 */
package io.zhili.geo.changes;
