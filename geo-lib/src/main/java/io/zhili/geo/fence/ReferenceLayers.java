package io.zhili.geo.fence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The truck rules' view of the reference data: each truck's permits as {@link RouteCorridor}s, the
 * {@link SiteIndex} and the {@link ZoneIndex}. Built once per job (per task) from the three GeoJSON
 * layers; each route's corridor is built once and shared by all trucks on the permit.
 *
 * <p>{@link #apply} gives the layers with one {@link ReferenceUpdate} applied without rebuilding
 * them: the permits, sites and zones are each a base index plus a small copy-on-write overlay
 * ({@link RouteMap}, {@link FenceSet}), so a version costs the changed feature and the overlay, and
 * versions share everything else.
 *
 * <p>Immutable and thread-safe after construction.
 */
public final class ReferenceLayers {
    private final RouteMap routes;
    private final SiteIndex sites;
    private final ZoneIndex zones;

    private ReferenceLayers(RouteMap routes, SiteIndex sites, ZoneIndex zones) {
        this.routes = routes;
        this.sites = sites;
        this.zones = zones;
    }

    /** Builds the indexes from already-read layers. */
    public static ReferenceLayers of(List<Route> routes, List<Site> sites, List<Zone> zones) {
        return new ReferenceLayers(new RouteMap(routes), new SiteIndex(sites), new ZoneIndex(zones));
    }

    /**
     * Reads the three layers (see {@link FenceLayers}) and builds the indexes.
     *
     * @throws io.zhili.geo.geojson.GeoJsonException naming the file, feature and property of bad content
     */
    public static ReferenceLayers read(Path routes, Path sites, Path zones) throws IOException {
        return of(FenceLayers.readRoutes(routes), FenceLayers.readSites(sites), FenceLayers.readZones(zones));
    }

    /**
     * These layers with {@code update} applied: the feature added, replaced or removed (removing one
     * that is not there changes nothing). This instance is unchanged.
     */
    public ReferenceLayers apply(ReferenceUpdate update) {
        boolean upsert = update.op() == ReferenceUpdate.Op.UPSERT;
        return switch (update.layer()) {
            case ROUTES -> new ReferenceLayers(upsert ? routes.upsert((Route) update.feature()) : routes.delete(update.id()),
                    sites, zones);
            case SITES -> new ReferenceLayers(routes,
                    upsert ? sites.upsert((Site) update.feature()) : sites.delete(update.id()), zones);
            case ZONES -> new ReferenceLayers(routes, sites,
                    upsert ? zones.upsert((Zone) update.feature()) : zones.delete(update.id()));
        };
    }

    /** Corridors of every permit naming {@code truckId} (valid or not; callers check the date); never null. */
    public RouteCorridor[] corridorsOf(String truckId) {
        return routes.corridorsOf(truckId);
    }

    /** The current permits. */
    public List<Route> routes() {
        return routes.routes();
    }

    public SiteIndex sites() {
        return sites;
    }

    public ZoneIndex zones() {
        return zones;
    }
}
