package io.zhili.geo.fence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each truck's permits as {@link RouteCorridor}s, changeable one permit at a time.
 *
 * <p><b>Layout.</b> A base map (truck to corridors, permit to route) built once, and an overlay of
 * the trucks and permits changed since, whose entries win; a removed permit is an overlay entry
 * without a route. Copy-on-write: {@link #upsert}/{@link #delete} copy the overlay (not the base),
 * build the one new corridor and rewrite the corridor arrays of the permit's trucks only. When the
 * overlay holds more than {@value #MAX_OVERLAY} trucks it is folded into a new base map (the
 * corridors themselves are reused, never rebuilt). A truck's corridors keep their order; a new
 * permit's corridor comes after the truck's earlier ones.
 *
 * <p>Immutable and thread-safe.
 */
final class RouteMap {
    static final int MAX_OVERLAY = 128;
    private static final RouteCorridor[] NONE = new RouteCorridor[0];

    private final Map<String, RouteCorridor[]> baseByTruck;
    private final Map<String, RouteCorridor> baseByPermit;
    private final Map<String, RouteCorridor[]> overlayByTruck;
    /** Permits changed since the base: the new corridor, or null when removed. */
    private final Map<String, RouteCorridor> overlayByPermit;

    RouteMap(List<Route> routes) {
        Map<String, List<RouteCorridor>> byTruck = new HashMap<>();
        baseByPermit = new LinkedHashMap<>();
        for (Route r : routes) {
            RouteCorridor c = new RouteCorridor(r);
            baseByPermit.put(r.permitId(), c);
            for (String truck : r.truckIds()) {
                byTruck.computeIfAbsent(truck, k -> new ArrayList<>()).add(c);
            }
        }
        baseByTruck = new HashMap<>();
        byTruck.forEach((k, v) -> baseByTruck.put(k, v.toArray(NONE)));
        overlayByTruck = Map.of();
        overlayByPermit = Map.of();
    }

    private RouteMap(Map<String, RouteCorridor[]> baseByTruck, Map<String, RouteCorridor> baseByPermit,
                     Map<String, RouteCorridor[]> overlayByTruck, Map<String, RouteCorridor> overlayByPermit) {
        this.baseByTruck = baseByTruck;
        this.baseByPermit = baseByPermit;
        this.overlayByTruck = overlayByTruck;
        this.overlayByPermit = overlayByPermit;
    }

    RouteCorridor[] corridorsOf(String truckId) {
        if (!overlayByTruck.isEmpty()) {
            RouteCorridor[] changed = overlayByTruck.get(truckId);
            if (changed != null) {
                return changed;
            }
        }
        return baseByTruck.getOrDefault(truckId, NONE);
    }

    /** The permit's corridor, or null. */
    RouteCorridor permit(String permitId) {
        if (overlayByPermit.containsKey(permitId)) {
            return overlayByPermit.get(permitId);
        }
        return baseByPermit.get(permitId);
    }

    /** The current routes: the base's still in force in base order, then the added ones. */
    List<Route> routes() {
        List<Route> all = new ArrayList<>(baseByPermit.size() + overlayByPermit.size());
        for (Map.Entry<String, RouteCorridor> e : baseByPermit.entrySet()) {
            RouteCorridor c = permit(e.getKey());
            if (c != null) {
                all.add(c.route());
            }
        }
        for (Map.Entry<String, RouteCorridor> e : overlayByPermit.entrySet()) {
            if (e.getValue() != null && !baseByPermit.containsKey(e.getKey())) {
                all.add(e.getValue().route());
            }
        }
        return all;
    }

    int overlaySize() {
        return overlayByTruck.size();
    }

    RouteMap upsert(Route route) {
        return change(route.permitId(), new RouteCorridor(route));
    }

    RouteMap delete(String permitId) {
        return permit(permitId) == null ? this : change(permitId, null);
    }

    private RouteMap change(String permitId, RouteCorridor next) {
        RouteCorridor old = permit(permitId);
        Map<String, RouteCorridor[]> trucks = new HashMap<>(overlayByTruck);
        Map<String, RouteCorridor> permits = new LinkedHashMap<>(overlayByPermit);
        permits.put(permitId, next);
        Set<String> affected = new LinkedHashSet<>();
        if (old != null) {
            affected.addAll(old.route().truckIds());
        }
        if (next != null) {
            affected.addAll(next.route().truckIds());
        }
        for (String truck : affected) {
            boolean covered = next != null && next.route().truckIds().contains(truck);
            trucks.put(truck, replaced(corridorsOf(truck), permitId, covered ? next : null));
        }
        RouteMap changed = new RouteMap(baseByTruck, baseByPermit, trucks, permits);
        return trucks.size() > MAX_OVERLAY ? changed.folded() : changed;
    }

    /** The corridors without the permit's, then with {@code next} in its place (or at the end). */
    private static RouteCorridor[] replaced(RouteCorridor[] corridors, String permitId, RouteCorridor next) {
        List<RouteCorridor> out = new ArrayList<>(corridors.length + 1);
        boolean placed = false;
        for (RouteCorridor c : corridors) {
            if (c.route().permitId().equals(permitId)) {
                if (next != null && !placed) {
                    out.add(next);
                    placed = true;
                }
            } else {
                out.add(c);
            }
        }
        if (next != null && !placed) {
            out.add(next);
        }
        return out.toArray(NONE);
    }

    /** The overlay folded into a new base map; corridors are shared, not rebuilt. */
    private RouteMap folded() {
        Map<String, RouteCorridor[]> byTruck = new HashMap<>(baseByTruck);
        overlayByTruck.forEach((truck, corridors) -> {
            if (corridors.length == 0) {
                byTruck.remove(truck);
            } else {
                byTruck.put(truck, corridors);
            }
        });
        Map<String, RouteCorridor> byPermit = new LinkedHashMap<>(baseByPermit);
        overlayByPermit.forEach((permit, c) -> {
            if (c == null) {
                byPermit.remove(permit);
            } else {
                byPermit.put(permit, c);
            }
        });
        return new RouteMap(byTruck, byPermit, Map.of(), Map.of());
    }
}
