package io.zhili.datasets.trucks;

import io.zhili.geo.fence.Route;
import io.zhili.geo.fence.Site;
import io.zhili.geo.fence.SiteIndex;
import io.zhili.geo.fence.Zone;
import io.zhili.geo.fence.ZoneIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The generated reference world: sites, permits with their routes, restricted zones and the trucks.
 * Built once by {@link FleetBuilder}; read-only afterwards (the simulator of each truck reads it
 * from several threads).
 */
record TruckFleet(List<Site> sites, List<PermitPath> permits, List<PermitPath> expiredPermits, List<Zone> zones,
                  List<TruckSpec> trucks, SiteIndex siteIndex, ZoneIndex zoneIndex) {

    /** Every permit for {@code routes.geojson}: valid ones, then expired ones. */
    List<Route> routes() {
        List<Route> all = new ArrayList<>(permits.size() + expiredPermits.size());
        for (PermitPath p : permits) {
            all.add(p.route());
        }
        for (PermitPath p : expiredPermits) {
            all.add(p.route());
        }
        return all;
    }
}
