/**
 * The city-management class standard (GB/T 30428.2 style): the class catalog of component and event classes
 * ({@link io.zhili.geo.catalog.ClassCatalog}, {@link io.zhili.geo.catalog.StandardClass},
 * {@link io.zhili.geo.catalog.ClassKind}) and 16-digit component codes ({@link io.zhili.geo.catalog.ComponentCode}).
 * The catalog format is in docs/CONTRACTS.md ("Class catalog"). Plain Java, no Flink; immutable and thread-safe.
 */
package io.zhili.geo.catalog;
