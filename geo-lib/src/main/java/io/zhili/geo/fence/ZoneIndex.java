package io.zhili.geo.fence;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * "Is the truck inside a restricted zone whose hours apply now?" over all zones
 * ({@link FenceIndex}): the raster's candidates, the zone's hours, then its {@link PolygonFence} where
 * the cell is not wholly inside.
 *
 * <p>Immutable and thread-safe after construction. An empty list gives an index where no point is
 * in a zone.
 */
public final class ZoneIndex {
    private final List<Zone> zones;
    private final FenceIndex index;

    public ZoneIndex(List<Zone> zones) {
        this.zones = List.copyOf(zones);
        List<Geometry> areas = new ArrayList<>(zones.size());
        for (Zone z : zones) {
            areas.add(z.area());
        }
        this.index = new FenceIndex(areas);
    }

    /**
     * Position of the lowest-positioned zone that contains the point and whose hours include
     * {@code epochMs} (Asia/Shanghai local time), or -1.
     */
    public int activeZoneAt(double lon, double lat, long epochMs) {
        int minute = ShanghaiClock.minuteOfDay(epochMs);
        return index.first(lon, lat, i -> zones.get(i).hours().containsMinute(minute));
    }

    /** Position of the lowest-positioned zone containing the point at any hour, or -1. */
    public int zoneAt(double lon, double lat) {
        return index.first(lon, lat, i -> true);
    }

    public Zone zone(int position) {
        return zones.get(position);
    }

    public List<Zone> zones() {
        return zones;
    }
}
