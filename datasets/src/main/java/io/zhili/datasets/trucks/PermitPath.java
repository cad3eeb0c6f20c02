package io.zhili.datasets.trucks;

import io.zhili.geo.fence.Route;

/**
 * A permit with its route laid out in the local frame the simulator drives in.
 *
 * @param route  the permit as written to {@code routes.geojson}
 * @param frame  local metric frame at the route's construction site
 * @param path   the route in that frame, construction site → disposal site
 */
record PermitPath(Route route, LocalFrame frame, PathLine path) {
}
