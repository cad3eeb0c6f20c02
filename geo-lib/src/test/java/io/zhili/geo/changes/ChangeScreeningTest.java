package io.zhili.geo.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** The screening's tests, their order, fragment merging, round matching and ids, on tiny WKT in metres. */
class ChangeScreeningTest {
    private static final WKTReader WKT = new WKTReader(new GeometryFactory(new PrecisionModel(), 4549));
    private static final int BEFORE = day("2025-03-01");
    private static final int AFTER = day("2025-09-01");

    static Geometry g(String wkt) {
        try {
            return WKT.read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }

    static String box(double x, double y, double w, double h) {
        return "POLYGON((" + x + " " + y + ", " + (x + w) + " " + y + ", " + (x + w) + " " + (y + h) + ", " + x + " "
                + (y + h) + ", " + x + " " + y + "))";
    }

    static ChangePolygon change(String id, String wkt, double confidence, String cls) {
        return new ChangePolygon(id, BEFORE, AFTER, confidence, cls, g(wkt));
    }

    /** A building registered long ago at (0,0) 10×10, one registered after before_date at (100,0). */
    static ReferencePolygons buildings() {
        return new ReferencePolygons.Builder()
                .add("B-old", day("2010-01-01"), Integer.MAX_VALUE, 0, g(box(0, 0, 10, 10)))
                .add("B-new", day("2025-05-01"), Integer.MAX_VALUE, 0, g(box(100, 0, 10, 10)))
                .build();
    }

    /** A valid NEW_BUILD permit at (200,0), an expired one at (300,0), a demolition one at (400,0). */
    static ReferencePolygons permits() {
        return new ReferencePolygons.Builder()
                .add("P-valid", day("2025-01-01"), day("2025-12-31"), PermitKind.NEW_BUILD.ordinal(), g(box(200, 0, 50, 50)))
                .add("P-expired", day("2024-01-01"), day("2024-12-31"), PermitKind.NEW_BUILD.ordinal(), g(box(300, 0, 50, 50)))
                .add("P-demolish", day("2025-01-01"), day("2025-12-31"), PermitKind.DEMOLITION.ordinal(), g(box(400, 0, 50, 50)))
                .build();
    }

    private final ChangeScreening screening = new ChangeScreening(ScreeningRules.defaults(), buildings(), permits());

    @Test
    void outcomesOfSinglePolygons() {
        assertEquals(ChangeOutcome.NOT_BUILT_UP, screening.screen(change("a", box(1000, 0, 10, 10), 0.9, "VEGETATION")).outcome());
        assertEquals(ChangeOutcome.LOW_CONFIDENCE, screening.screen(change("a", box(1000, 0, 10, 10), 0.49, "BUILT_UP")).outcome());
        // 60 % on the old footprint: explained; 40 % is not.
        assertEquals(ChangeOutcome.REGISTERED_BUILDING, screening.screen(change("a", box(4, 0, 10, 10), 0.9, null)).outcome());
        assertEquals(ChangeOutcome.SUSPECT, screening.screen(change("a", box(6, 0, 10, 10), 0.9, null)).outcome());
        // Registered after before_date: it is the new structure itself, so it explains nothing.
        assertEquals(ChangeOutcome.SUSPECT, screening.screen(change("a", box(100, 0, 10, 10), 0.9, null)).outcome());
        assertEquals(ChangeOutcome.PERMITTED, screening.screen(change("a", box(210, 10, 10, 10), 0.9, "BUILT_UP")).outcome());
        assertEquals(ChangeOutcome.SUSPECT, screening.screen(change("a", box(310, 10, 10, 10), 0.9, null)).outcome(),
                "an expired permit explains nothing");
        assertEquals(ChangeOutcome.SUSPECT, screening.screen(change("a", box(410, 10, 10, 10), 0.9, null)).outcome(),
                "a demolition permit does not permit building");
        // Half inside the valid permit (the threshold is inclusive).
        assertEquals(ChangeOutcome.PERMITTED, screening.screen(change("a", box(245, 10, 10, 10), 0.9, null)).outcome());
    }

    @Test
    void testsRunInTheDocumentedOrder() {
        // Vegetation with low confidence on a registered building: the class test comes first.
        assertEquals(ChangeOutcome.NOT_BUILT_UP, screening.screen(change("a", box(0, 0, 10, 10), 0.1, "WATER")).outcome());
        // Low confidence on a registered building: confidence before the layers.
        assertEquals(ChangeOutcome.LOW_CONFIDENCE, screening.screen(change("a", box(0, 0, 10, 10), 0.1, null)).outcome());
        // A registered building inside a valid permit: registration first.
        ReferencePolygons both = new ReferencePolygons.Builder()
                .add("P", day("2025-01-01"), day("2025-12-31"), PermitKind.RENOVATION.ordinal(), g(box(-5, -5, 30, 30))).build();
        ChangeScreening s = new ChangeScreening(ScreeningRules.defaults(), buildings(), both);
        assertEquals(ChangeOutcome.REGISTERED_BUILDING, s.screen(change("a", box(0, 0, 10, 10), 0.9, null)).outcome());
        // A structure that is small and thin is TOO_SMALL (size before shape).
        Structure tiny = FragmentMerger.merge(List.of(change("t", box(0, 0, 1, 15), 0.9, null)), 3).get(0);
        assertEquals(ChangeOutcome.TOO_SMALL, screening.judge(tiny).outcome());
    }

    @Test
    void buildersAppendedInOrderGiveTheIndexOfOneBuilder() {
        ReferencePolygons.Builder first = new ReferencePolygons.Builder()
                .add("A", 0, Integer.MAX_VALUE, 0, g(box(0, 0, 4, 10)));
        ReferencePolygons.Builder second = new ReferencePolygons.Builder()
                .add("B", 0, Integer.MAX_VALUE, 1, g(box(4, 0, 3, 10)))
                .add("C", 500, 600, 2, g(box(150, 150, 10, 10)));
        ReferencePolygons appended = first.addAll(second).build();
        ReferencePolygons one = new ReferencePolygons.Builder()
                .add("A", 0, Integer.MAX_VALUE, 0, g(box(0, 0, 4, 10)))
                .add("B", 0, Integer.MAX_VALUE, 1, g(box(4, 0, 3, 10)))
                .add("C", 500, 600, 2, g(box(150, 150, 10, 10)))
                .build();
        assertEquals(3, appended.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(one.id(i), appended.id(i));
            assertEquals(one.polygon(i), appended.polygon(i));
        }
        ReferencePolygons.Coverage c = appended.coverage(g(box(0, 0, 10, 10)), (f, t, k) -> true);
        assertEquals(0.7, c.share(), 1e-9);
        assertEquals(one.coverage(g(box(0, 0, 10, 10)), (f, t, k) -> true), c);
        assertEquals(1.0, appended.coverage(g(box(152, 152, 2, 2)), (f, t, k) -> k == 2 && f == 500).share(), 1e-9);
    }

    @Test
    void overlappingFootprintsCountOnce() {
        ReferencePolygons twice = new ReferencePolygons.Builder()
                .add("X", 0, Integer.MAX_VALUE, 0, g(box(0, 0, 4, 10)))
                .add("Y", 0, Integer.MAX_VALUE, 0, g(box(0, 0, 4, 10)))
                .build();
        ReferencePolygons.Coverage c = twice.coverage(g(box(0, 0, 10, 10)), (f, t, k) -> true);
        assertEquals(0.4, c.share(), 1e-9);
        assertEquals(ChangeOutcome.SUSPECT, new ChangeScreening(ScreeningRules.defaults(), twice, null)
                .screen(new ChangePolygon("a", 100, 200, 0.9, null, g(box(0, 0, 10, 10)))).outcome());
    }

    @Test
    void gridIndexFindsPolygonsAcrossCellsAndFarAway() {
        ReferencePolygons.Builder b = new ReferencePolygons.Builder();
        // A footprint straddling four grid cells and many scattered ones.
        b.add("big", 0, Integer.MAX_VALUE, 0, g(box(450_090, 4_000_090, 30, 30)));
        for (int i = 0; i < 2000; i++) {
            b.add("s" + i, 0, Integer.MAX_VALUE, 0, g(box(400_000 + 37.0 * i, 3_900_000 + 11.0 * i, 8, 8)));
        }
        ReferencePolygons index = b.build();
        assertEquals(2001, index.size());
        ReferencePolygons.Coverage c = index.coverage(g(box(450_095, 4_000_095, 10, 10)), (f, t, k) -> true);
        assertEquals(1.0, c.share(), 1e-9);
        assertEquals("big", c.largestId());
        ReferencePolygons.Coverage s = index.coverage(g(box(400_000 + 37.0 * 1234 + 4, 3_900_000 + 11.0 * 1234, 8, 8)), (f, t, k) -> true);
        assertEquals(0.5, s.share(), 1e-9);
        assertEquals("s1234", s.largestId());
        assertNull(index.coverage(g(box(0, 0, 10, 10)), (f, t, k) -> true).largestId());
    }

    @Test
    void fragmentsWithinTheMergeDistanceBecomeOneStructure() {
        List<ChangePolygon> parts = new ArrayList<>(List.of(
                change("c", box(0, 0, 4, 10), 0.9, null),      // touching b
                change("b", box(4, 0, 4, 10), 0.9, null),
                change("a", box(10.5, 0, 4, 10), 0.9, null),   // 2.5 m from b
                change("z", box(30, 0, 10, 10), 0.9, null)));  // 15.5 m away: its own
        Collections.shuffle(parts, new java.util.Random(7));
        List<Structure> structures = FragmentMerger.merge(parts, 3);
        assertEquals(2, structures.size());
        assertEquals(List.of("a", "b", "c"), structures.get(0).changeIds());
        assertEquals(120, structures.get(0).area(), 1e-9);
        // Three 4 m strips with a gap: as a whole about 14.5 × 10, far from thin.
        assertTrue(structures.get(0).width() > 8, "width " + structures.get(0).width());
        assertEquals(List.of("z"), structures.get(1).changeIds());
        // Each fragment alone would be small; merged they are a suspect.
        ChangeScreening s = new ChangeScreening(ScreeningRules.defaults().with(50, 0.5, 0.5), buildings(), null);
        assertEquals(ChangeOutcome.SUSPECT, s.judge(structures.get(0)).outcome());
        assertEquals(ChangeOutcome.TOO_SMALL, s.judge(FragmentMerger.merge(List.of(parts.get(0)), 3).get(0)).outcome());
    }

    @Test
    void slivers() {
        assertEquals(2.0, ShapeMeasures.equivalentWidth(g(box(0, 0, 80, 2))), 1e-9);
        assertEquals(10.0, ShapeMeasures.equivalentWidth(g(box(0, 0, 10, 10))), 1e-9);
        assertEquals(Math.sqrt(Math.PI * 100), ShapeMeasures.equivalentWidth(g("POINT(0 0)").buffer(10, 32)), 0.1);
        Structure sliver = FragmentMerger.merge(List.of(change("s", box(0, 0, 80, 2.5), 0.9, null)), 3).get(0);
        assertEquals(ChangeOutcome.THIN, screening.judge(sliver).outcome());
        Structure shed = FragmentMerger.merge(List.of(change("s", box(0, 0, 6, 5), 0.9, null)), 3).get(0);
        assertEquals(ChangeOutcome.SUSPECT, screening.judge(shed).outcome());
    }

    @Test
    void invalidGeometriesAreRepairedOrRefused() {
        GeometryRepair.Result bowTie = GeometryRepair.repair(g("POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"));
        assertTrue(bowTie.repaired());
        assertEquals(50, bowTie.geometry().getArea(), 1e-9);
        assertTrue(bowTie.detail().startsWith("repaired: Self-intersection"), bowTie.detail());
        GeometryRepair.Result valid = GeometryRepair.repair(g(box(0, 0, 1, 1)));
        assertFalse(valid.repaired());
        assertNull(valid.detail());
        assertTrue(GeometryRepair.repair(g("POLYGON((0 0, 10 0, 20 0, 0 0))")).refused());
        assertTrue(GeometryRepair.repair(g("LINESTRING(0 0, 1 1)")).refused());
        assertTrue(GeometryRepair.repair(g("POLYGON EMPTY")).refused());
    }

    @Test
    void roundsMatchByIouOneToOne() {
        List<Geometry> previous = List.of(g(box(0, 0, 10, 10)), g(box(100, 0, 10, 10)), g(box(200, 0, 10, 10)));
        List<Geometry> current = List.of(g(box(1, 0, 10, 10)), g(box(0.5, 0, 10, 10)), g(box(205, 0, 10, 10)),
                g(box(500, 0, 10, 10)));
        int[] m = RoundMatcher.match(previous, current, 0.3);
        // Both of the first two overlap previous 0; the better one (0.5 m shift) takes it.
        assertEquals(-1, m[0]);
        assertEquals(0, m[1]);
        assertEquals(2, m[2]); // IoU 50/150 = 0.33
        assertEquals(-1, m[3]);
        assertEquals(1.0 / 3, RoundMatcher.iou(previous.get(2), current.get(2)), 1e-9);
        assertEquals(-1, RoundMatcher.match(previous, List.of(g(box(206, 0, 10, 10))), 0.3)[0]); // 0.25
    }

    @Test
    void suspectIdsDependOnRoundAndFragmentsOnly() {
        String id = SuspectIds.newId("2025-09", List.of("c2", "c1"));
        assertEquals(id, SuspectIds.newId("2025-09", List.of("c1", "c2")));
        assertNotEquals(id, SuspectIds.newId("2025-10", List.of("c1", "c2")));
        assertNotEquals(id, SuspectIds.newId("2025-09", List.of("c1")));
        assertEquals(36, id.length());
    }

    @Test
    void dates() {
        assertEquals(day("2025-03-01"), ChangeDates.parse("2025-03-01"));
        assertEquals(day("2025-03-01"), ChangeDates.parse("2025-02-28T20:00:00Z")); // 04:00 in Qingdao
        assertEquals(ChangeDates.INVALID, ChangeDates.parse("2025-02-30"));
        assertEquals(ChangeDates.INVALID, ChangeDates.parse("yesterday"));
        assertEquals(ChangeDates.EMPTY, ChangeDates.parse(" "));
    }
}
