package io.zhili.geo.fence;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * "Is the truck at a site?" over all construction and disposal sites ({@link FenceIndex}: a raster
 * answers most points, exact geometry only near a boundary).
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
     */
    public int siteAt(double lon, double lat) {
        return index.first(lon, lat, i -> true);
    }

    public Site site(int position) {
        return sites.get(position);
    }

    public List<Site> sites() {
        return sites;
    }
}
