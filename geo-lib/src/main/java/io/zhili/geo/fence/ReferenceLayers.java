package io.zhili.geo.fence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The truck rules' view of the reference data: each truck's permits as {@link RouteCorridor}s, the
 * {@link SiteIndex} and the {@link ZoneIndex}. Built once per job (per task) from the three GeoJSON
 * layers; each route's corridor is built once and shared by all trucks on the permit.
 *
 * <p>Immutable and thread-safe after construction.
 */
public final class ReferenceLayers {
    private static final RouteCorridor[] NONE = new RouteCorridor[0];

    private final List<Route> routes;
    private final Map<String, RouteCorridor[]> corridorsByTruck;
    private final SiteIndex sites;
    private final ZoneIndex zones;

    private ReferenceLayers(List<Route> routes, List<Site> sites, List<Zone> zones) {
        this.routes = List.copyOf(routes);
        Map<String, List<RouteCorridor>> byTruck = new HashMap<>();
        for (Route r : routes) {
            RouteCorridor c = new RouteCorridor(r);
            for (String truck : r.truckIds()) {
                byTruck.computeIfAbsent(truck, k -> new ArrayList<>()).add(c);
            }
        }
        this.corridorsByTruck = new HashMap<>();
        byTruck.forEach((k, v) -> corridorsByTruck.put(k, v.toArray(NONE)));
        this.sites = new SiteIndex(sites);
        this.zones = new ZoneIndex(zones);
    }

    /** Builds the indexes from already-read layers. */
    public static ReferenceLayers of(List<Route> routes, List<Site> sites, List<Zone> zones) {
        return new ReferenceLayers(routes, sites, zones);
    }

    /**
     * Reads the three layers (see {@link FenceLayers}) and builds the indexes.
     *
     * @throws io.zhili.geo.geojson.GeoJsonException naming the file, feature and property of bad content
     */
    public static ReferenceLayers read(Path routes, Path sites, Path zones) throws IOException {
        return of(FenceLayers.readRoutes(routes), FenceLayers.readSites(sites), FenceLayers.readZones(zones));
    }

    /** Corridors of every permit naming {@code truckId} (valid or not; callers check the date); never null. */
    public RouteCorridor[] corridorsOf(String truckId) {
        return corridorsByTruck.getOrDefault(truckId, NONE);
    }

    public List<Route> routes() {
        return routes;
    }

    public SiteIndex sites() {
        return sites;
    }

    public ZoneIndex zones() {
        return zones;
    }
}
