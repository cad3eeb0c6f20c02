package io.zhili.geo.fence;

import java.util.List;

/**
 * "Is the truck at a site?" over all construction and disposal sites ({@link FenceIndex}: a raster
 * answers most points, exact geometry only near a boundary). {@link #upsert} and {@link #delete}
 * give a new index with one site changed, at the cost of a small overlay ({@link FenceSet}).
 *
 * <p>Immutable and thread-safe after construction. An empty list gives an index where no point is
 * at a site.
 */
public final class SiteIndex {
    private final FenceSet<Site> sites;

    public SiteIndex(List<Site> sites) {
        this(new FenceSet<>(sites, Site::siteId, Site::area));
    }

    private SiteIndex(FenceSet<Site> sites) {
        this.sites = sites;
    }

    /**
     * Position of the lowest-positioned site containing the point, or -1 when the point is at no
     * site. Positions are those of the list given at construction, followed by sites added since.
     */
    public int siteAt(double lon, double lat) {
        return sites.first(lon, lat, i -> true);
    }

    public Site site(int position) {
        return sites.get(position);
    }

    /** The current sites. */
    public List<Site> sites() {
        return sites.features();
    }

    /** This index with {@code site} added, or replacing the site of the same id. */
    public SiteIndex upsert(Site site) {
        return new SiteIndex(sites.upsert(site));
    }

    /** This index without the site {@code siteId} (the same index when there is none). */
    public SiteIndex delete(String siteId) {
        FenceSet<Site> next = sites.delete(siteId);
        return next == sites ? this : new SiteIndex(next);
    }

    /** Sites added or replaced since the base index was last built (see {@link FenceSet}). */
    public int overlaySize() {
        return sites.overlaySize();
    }
}
