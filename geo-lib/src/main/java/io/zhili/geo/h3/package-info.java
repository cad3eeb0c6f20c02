/**
 * The H3 hexagon grid as Zhili uses it: one shared, thread-safe entry point over Uber's H3 library
 * ({@link io.zhili.geo.h3.H3Grid}) for cells, parents, k-rings, addresses and boundaries.
 */
package io.zhili.geo.h3;
