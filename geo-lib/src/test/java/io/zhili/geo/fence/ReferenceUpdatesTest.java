package io.zhili.geo.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Reference updates in geo-lib: the parser's reasons, the copy-on-write indexes (answers equal to a
 * rebuild from the same features, through overlays and compactions) and the timeline's versions.
 */
class ReferenceUpdatesTest {
    private static final GeometryFactory GF = new GeometryFactory();

    private static Geometry square(double lon, double lat, double half) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(lon - half, lat - half), new Coordinate(lon + half, lat - half),
                new Coordinate(lon + half, lat + half), new Coordinate(lon - half, lat + half), new Coordinate(lon - half, lat - half)});
    }

    private static Zone zone(String id, double lon, double lat, String hours) {
        return new Zone(id, ZoneKind.RESTRICTED, HoursWindow.parse(hours), square(lon, lat, 0.004));
    }

    private static Route route(String permit, String truck, double lat) {
        return new Route(permit, List.of(truck), List.of(), "S", "D", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31),
                HoursWindow.ALL_DAY, 100, GF.createLineString(new Coordinate[] {new Coordinate(120.3, lat), new Coordinate(120.5, lat)}));
    }

    @Test
    void zoneIndexThroughHundredsOfChangesAnswersLikeARebuild() {
        Random random = new Random(11);
        List<Zone> base = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            base.add(zone("Z-" + i, 120.3 + 0.01 * random.nextDouble() * 20, 36.0 + 0.01 * random.nextDouble() * 20,
                    i % 3 == 0 ? "07:00-09:00" : "00:00-24:00"));
        }
        ZoneIndex incremental = new ZoneIndex(base);
        List<Zone> current = new ArrayList<>(base);
        // Enough changes to pass through several compactions of the overlay.
        int compactions = 0;
        for (int step = 0; step < 3 * FenceSet.MAX_OVERLAY + 7; step++) {
            String id = "Z-" + random.nextInt(1000);
            int before = incremental.overlaySize();
            if (random.nextInt(4) == 0) {
                incremental = incremental.delete(id);
                current.removeIf(z -> z.zoneId().equals(id));
            } else {
                Zone z = zone(id, 120.3 + 0.2 * random.nextDouble(), 36.0 + 0.2 * random.nextDouble(), "00:00-24:00");
                incremental = incremental.upsert(z);
                current.removeIf(old -> old.zoneId().equals(id));
                current.add(z);
            }
            assertTrue(incremental.overlaySize() <= FenceSet.MAX_OVERLAY);
            compactions += incremental.overlaySize() < before - 1 ? 1 : 0;
            if (step % 40 == 0 || step > 3 * FenceSet.MAX_OVERLAY) {
                ZoneIndex rebuilt = new ZoneIndex(current);
                assertEquals(current.size(), incremental.zones().size());
                for (int k = 0; k < 2_000; k++) {
                    double lon = 120.29 + 0.22 * random.nextDouble();
                    double lat = 35.99 + 0.22 * random.nextDouble();
                    int a = incremental.zoneAt(lon, lat);
                    int b = rebuilt.zoneAt(lon, lat);
                    // Same answer; with overlapping zones the id may differ (position order), the containment not.
                    assertEquals(b >= 0, a >= 0, lon + "," + lat);
                    if (a >= 0) {
                        assertTrue(incremental.zone(a).area().covers(GF.createPoint(new Coordinate(lon, lat))));
                        assertTrue(current.contains(incremental.zone(a)));
                    }
                }
            }
        }
        assertTrue(compactions >= 1, "the overlay was folded into the base: " + compactions);
    }

    @Test
    void aDeletedSiteIsNoSiteAndAnUnknownDeleteChangesNothing() {
        Site s1 = new Site("S-1", SiteKind.DISPOSAL, "", square(120.40, 36.10, 0.002));
        Site s2 = new Site("S-2", SiteKind.CONSTRUCTION, "", square(120.45, 36.10, 0.002));
        SiteIndex sites = new SiteIndex(List.of(s1, s2));
        assertTrue(sites.siteAt(120.40, 36.10) >= 0);
        SiteIndex closed = sites.delete("S-1");
        assertEquals(-1, closed.siteAt(120.40, 36.10));
        assertEquals("S-2", closed.site(closed.siteAt(120.45, 36.10)).siteId());
        assertTrue(sites.siteAt(120.40, 36.10) >= 0, "the old version is unchanged");
        assertSame(closed, closed.delete("S-1"));
        // Moved: the replacement answers at its new place only.
        SiteIndex moved = closed.upsert(new Site("S-2", SiteKind.CONSTRUCTION, "", square(120.48, 36.10, 0.002)));
        assertEquals(-1, moved.siteAt(120.45, 36.10));
        assertEquals("S-2", moved.site(moved.siteAt(120.48, 36.10)).siteId());
        assertEquals(1, moved.sites().size());
    }

    @Test
    void permitsChangeOnlyTheirTrucksAndKeepTheirPlace() {
        ReferenceLayers base = ReferenceLayers.of(List.of(route("P-1", "T1", 36.10), route("P-2", "T1", 36.12),
                route("P-3", "T2", 36.14)), List.of(), List.of());
        ReferenceLayers replaced = base.apply(update(ReferenceUpdate.Layer.ROUTES, ReferenceUpdate.Op.UPSERT, "P-1", 0,
                route("P-1", "T1", 36.11)));
        assertEquals(List.of("P-1", "P-2"), permits(replaced.corridorsOf("T1")));
        assertEquals(36.11, replaced.corridorsOf("T1")[0].route().line().getCoordinateN(0).y);
        assertSame(base.corridorsOf("T2")[0], replaced.corridorsOf("T2")[0], "other trucks' corridors are shared");
        ReferenceLayers revoked = replaced.apply(update(ReferenceUpdate.Layer.ROUTES, ReferenceUpdate.Op.DELETE, "P-3", 0, null));
        assertEquals(0, revoked.corridorsOf("T2").length);
        ReferenceLayers issued = revoked.apply(update(ReferenceUpdate.Layer.ROUTES, ReferenceUpdate.Op.UPSERT, "P-9", 0,
                route("P-9", "T3", 36.2)));
        assertEquals(List.of("P-9"), permits(issued.corridorsOf("T3")));
        assertEquals(List.of("P-1", "P-2", "P-9"), issued.routes().stream().map(Route::permitId).toList());
        // Past the overlay's size the map is folded into a new base; answers stay the same.
        ReferenceLayers many = issued;
        for (int i = 0; i < RouteMap.MAX_OVERLAY + 10; i++) {
            many = many.apply(update(ReferenceUpdate.Layer.ROUTES, ReferenceUpdate.Op.UPSERT, "Q-" + i, 0,
                    route("Q-" + i, "U" + i, 36.3)));
        }
        assertEquals(List.of("Q-5"), permits(many.corridorsOf("U5")));
        assertEquals(List.of("P-1", "P-2"), permits(many.corridorsOf("T1")));
        assertEquals(0, many.corridorsOf("T2").length);
    }

    @Test
    void theTimelineGivesEachInstantItsVersionWhateverTheArrivalOrder() {
        ReferenceLayers base = ReferenceLayers.of(List.of(), List.of(new Site("S-1", SiteKind.DISPOSAL, "",
                square(120.40, 36.10, 0.002))), List.of());
        ReferenceUpdate close = update(ReferenceUpdate.Layer.SITES, ReferenceUpdate.Op.DELETE, "S-1", 3_000, null);
        ReferenceUpdate reopen = update(ReferenceUpdate.Layer.SITES, ReferenceUpdate.Op.UPSERT, "S-1", 5_000,
                new Site("S-1", SiteKind.DISPOSAL, "", square(120.40, 36.10, 0.002)));
        ReferenceUpdate other = update(ReferenceUpdate.Layer.SITES, ReferenceUpdate.Op.UPSERT, "S-2", 1_000,
                new Site("S-2", SiteKind.DISPOSAL, "", square(120.50, 36.10, 0.002)));
        ReferenceTimeline inOrder = ReferenceTimeline.of(base, List.of(other, close, reopen));
        ReferenceTimeline late = new ReferenceTimeline(base);
        late.add(reopen);
        late.add(close);
        assertFalse(late.add(close), "the same update twice is one");
        late.add(other);
        for (long t : new long[] {0, 999, 1_000, 2_999, 3_000, 4_999, 5_000, 9_000}) {
            boolean open = t < 3_000 || t >= 5_000;
            assertEquals(open, inOrder.at(t).sites().siteAt(120.40, 36.10) >= 0, "t=" + t);
            assertEquals(open, late.at(t).sites().siteAt(120.40, 36.10) >= 0, "t=" + t);
            assertEquals(t >= 1_000, late.at(t).sites().siteAt(120.50, 36.10) >= 0, "t=" + t);
        }
        // Past the watermark only the version in force then is kept; an older update of a folded feature is ignored.
        late.dropBefore(3_500);
        assertEquals(1, late.pending());
        assertEquals(-1, late.at(4_000).sites().siteAt(120.40, 36.10));
        assertFalse(late.add(update(ReferenceUpdate.Layer.SITES, ReferenceUpdate.Op.UPSERT, "S-1", 2_000,
                new Site("S-1", SiteKind.DISPOSAL, "", square(120.40, 36.10, 0.002)))));
        assertEquals(-1, late.at(4_000).sites().siteAt(120.40, 36.10));
        assertEquals(List.of(close), ReferenceTimeline.superseded(List.of(other, close, reopen), 6_000));
        assertEquals(List.of(), ReferenceTimeline.superseded(List.of(other, close, reopen), 4_000));
    }

    @Test
    void theParserNamesTheReasonOfEachBadRecord() {
        String feature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.0,36.0],[120.1,36.0],"
                + "[120.1,36.1],[120.0,36.1],[120.0,36.0]]]},\"properties\":{\"zone_id\":\"Z-1\",\"kind\":\"RESTRICTED\",\"hours\":\"00:00-02:00\"}}";
        ReferenceUpdate ok = ReferenceUpdateParser.parse("{\"layer\":\"Zones\",\"op\":\"upsert\",\"id\":\"Z-1\","
                + "\"effective_at\":\"2025-11-25T00:00:00+08:00\",\"feature\":" + feature + "}");
        assertEquals(ReferenceUpdate.Layer.ZONES, ok.layer());
        assertEquals(1764000000000L, ok.effectiveAt());
        assertEquals("00:00-02:00", ((Zone) ok.feature()).hours().toString());
        ReferenceUpdate delete = ReferenceUpdateParser.parse("{\"layer\":\"routes\",\"op\":\"DELETE\",\"id\":\"P-1\",\"effective_at\":1764000000000}");
        assertNull(delete.feature());
        assertReason(UpdateRejectReason.BAD_UPDATE_JSON, "[1,2]");
        assertReason(UpdateRejectReason.BAD_UPDATE_JSON, "{\"layer\":");
        assertReason(UpdateRejectReason.UNKNOWN_LAYER, "{\"op\":\"DELETE\",\"id\":\"P-1\",\"effective_at\":1764000000000}");
        assertReason(UpdateRejectReason.UNKNOWN_OP, "{\"layer\":\"routes\",\"op\":\"PATCH\",\"id\":\"P-1\",\"effective_at\":1764000000000}");
        assertReason(UpdateRejectReason.MISSING_ID, "{\"layer\":\"routes\",\"op\":\"DELETE\",\"effective_at\":1764000000000}");
        assertReason(UpdateRejectReason.BAD_EFFECTIVE_AT, "{\"layer\":\"routes\",\"op\":\"DELETE\",\"id\":\"P-1\",\"effective_at\":1764000000}");
        assertReason(UpdateRejectReason.BAD_EFFECTIVE_AT, "{\"layer\":\"routes\",\"op\":\"DELETE\",\"id\":\"P-1\"}");
        assertReason(UpdateRejectReason.INVALID_FEATURE, "{\"layer\":\"zones\",\"op\":\"UPSERT\",\"id\":\"Z-1\",\"effective_at\":1764000000000}");
        assertReason(UpdateRejectReason.INVALID_FEATURE, "{\"layer\":\"zones\",\"op\":\"UPSERT\",\"id\":\"Z-2\",\"effective_at\":1764000000000,\"feature\":"
                + feature + "}");
        assertReason(UpdateRejectReason.INVALID_FEATURE, "{\"layer\":\"zones\",\"op\":\"UPSERT\",\"id\":\"Z-1\",\"effective_at\":1764000000000,\"feature\":"
                + feature.replace("RESTRICTED", "OPEN") + "}");
        assertReason(UpdateRejectReason.BAD_GEOMETRY, "{\"layer\":\"routes\",\"op\":\"UPSERT\",\"id\":\"Z-1\",\"effective_at\":1764000000000,\"feature\":"
                + feature + "}");
        assertReason(UpdateRejectReason.BAD_GEOMETRY, "{\"layer\":\"zones\",\"op\":\"UPSERT\",\"id\":\"Z-1\",\"effective_at\":1764000000000,\"feature\":"
                + feature.replace("[120.0,36.0]]]", "[120.0,36.05]]]") + "}");
    }

    private static void assertReason(UpdateRejectReason reason, String raw) {
        UpdateRejectedException e = assertThrows(UpdateRejectedException.class, () -> ReferenceUpdateParser.parse(raw));
        assertEquals(reason, e.reason(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    private static ReferenceUpdate update(ReferenceUpdate.Layer layer, ReferenceUpdate.Op op, String id, long at, Object feature) {
        return new ReferenceUpdate(layer, op, id, at, feature, layer + "/" + op + "/" + id + "@" + at);
    }

    private static List<String> permits(RouteCorridor[] corridors) {
        List<String> ids = new ArrayList<>();
        for (RouteCorridor c : corridors) {
            ids.add(c.route().permitId());
        }
        return ids;
    }
}
