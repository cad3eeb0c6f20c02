package io.zhili.geo.fence;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * "Is the truck at a site?" over all construction and disposal sites: STRtree candidates, then
 * each site's {@link PolygonFence} (H3 interior cells, exact geometry only near the boundary).
 *
 * <p>Immutable and thread-safe after construction. An empty list gives an index where no point is
 * at a site.
 */
public final class SiteIndex {
    private final List<Site> sites;
    private final FenceIndex index;

    public SiteIndex(List<Site> sites) {
        this.sites = List.copyOf(sites);
        List<Geometry> areas = new ArrayList<>(sites.size());
        for (Site s : sites) {
            areas.add(s.area());
        }
        this.index = new FenceIndex(areas);
    }

    /**
     * Position (in the list given at construction) of the lowest-positioned site containing the
     * point, or -1 when the point is at no site.
     *
     * @param cell the point's H3 cell at {@link PolygonFence#CELL_RES}
     */
    public int siteAt(long cell, double lon, double lat) {
        return index.first(cell, lon, lat, i -> true);
    }

    public Site site(int position) {
        return sites.get(position);
    }

    public List<Site> sites() {
        return sites;
    }
}
