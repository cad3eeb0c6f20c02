package io.zhili.geo.fence;

import java.util.List;

/**
 * "Is the truck inside a restricted zone whose hours apply now?" over all zones
 * ({@link FenceIndex}): the raster's candidates, the zone's hours, then its {@link PolygonFence} where
 * the cell is not wholly inside. {@link #upsert} and {@link #delete} give a new index with one zone
 * changed, at the cost of a small overlay ({@link FenceSet}).
 *
 * <p>Immutable and thread-safe after construction. An empty list gives an index where no point is
 * in a zone.
 */
public final class ZoneIndex {
    private final FenceSet<Zone> zones;

    public ZoneIndex(List<Zone> zones) {
        this(new FenceSet<>(zones, Zone::zoneId, Zone::area));
    }

    private ZoneIndex(FenceSet<Zone> zones) {
        this.zones = zones;
    }

    /**
     * Position of the lowest-positioned zone that contains the point and whose hours include
     * {@code epochMs} (Asia/Shanghai local time), or -1. Positions are those of the list given at
     * construction, followed by zones added since.
     */
    public int activeZoneAt(double lon, double lat, long epochMs) {
        int minute = ShanghaiClock.minuteOfDay(epochMs);
        return zones.first(lon, lat, i -> zones.get(i).hours().containsMinute(minute));
    }

    /** Position of the lowest-positioned zone containing the point at any hour, or -1. */
    public int zoneAt(double lon, double lat) {
        return zones.first(lon, lat, i -> true);
    }

    public Zone zone(int position) {
        return zones.get(position);
    }

    /** The current zones. */
    public List<Zone> zones() {
        return zones.features();
    }

    /** This index with {@code zone} added, or replacing the zone of the same id. */
    public ZoneIndex upsert(Zone zone) {
        return new ZoneIndex(zones.upsert(zone));
    }

    /** This index without the zone {@code zoneId} (the same index when there is none). */
    public ZoneIndex delete(String zoneId) {
        FenceSet<Zone> next = zones.delete(zoneId);
        return next == zones ? this : new ZoneIndex(next);
    }

    /** Zones added or replaced since the base index was last built (see {@link FenceSet}). */
    public int overlaySize() {
        return zones.overlaySize();
    }
}
