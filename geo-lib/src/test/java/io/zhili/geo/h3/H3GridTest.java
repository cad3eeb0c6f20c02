package io.zhili.geo.h3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class H3GridTest {
    private final H3Grid grid = H3Grid.get();

    // Reference cells published independently of this code: H3 docs (latLngToCell CLI example),
    // the h3r R package's documented example output, and Palantir Foundry's h3 expression docs.
    @Test
    void cellMatchesH3DocsCliExample() {
        assertEquals("822d57fffffffff", grid.address(grid.cell(40, 45, 2)));
    }

    @Test
    void cellMatchesH3rDocumentedMelbourneCellsAtRes12() {
        assertEquals("8cbe63562a54bff", grid.address(grid.cell(144.983324, -37.820197, 12)));
        assertEquals("8cbe635631103ff", grid.address(grid.cell(144.967354, -37.818476, 12)));
    }

    @Test
    void cellMatchesFoundryDocumentedCellsAtRes5() {
        assertEquals("85aa614bfffffff", grid.address(grid.cell(80.0, -20.0, 5)));
        assertEquals("852aa84ffffffff", grid.address(grid.cell(-77.0599, 38.9031, 5)));
        assertEquals("8507b297fffffff", grid.address(grid.cell(-20.0, 80.0, 5)));
    }

    @Test
    void cellTakesLongitudeFirst() {
        // Swapping the arguments must give a different cell: guards the lon/lat order.
        assertFalse(grid.cell(40, 45, 2) == grid.cell(45, 40, 2));
    }

    @Test
    void parentOfRes12CellIsTheRes5CellOfTheSamePoint() {
        long fine = grid.cell(144.983324, -37.820197, 12);
        assertEquals(grid.cell(144.983324, -37.820197, 5), grid.parent(fine, 5));
        assertEquals(5, grid.resolution(grid.parent(fine, 5)));
        assertThrows(IllegalArgumentException.class, () -> grid.parent(grid.parent(fine, 5), 6));
    }

    @Test
    void diskOfHexagonHasOnePlusThreeKTimesKPlusOneCells() {
        long c = grid.cell(120.38, 36.07, 9);
        assertArrayEquals(new long[] {c}, grid.disk(c, 0));
        long[] d1 = grid.disk(c, 1);
        long[] d2 = grid.disk(c, 2);
        assertEquals(7, d1.length);
        assertEquals(19, d2.length);
        assertTrue(Arrays.binarySearch(d1, c) >= 0, "disk includes the cell itself");
        for (long n : d1) {
            assertTrue(Arrays.binarySearch(d2, n) >= 0, "k=1 disk inside k=2 disk");
        }
    }

    @Test
    void centerOfCellLiesInsideItsBoundary() {
        long c = grid.cell(120.38, 36.07, 9);
        double[] center = grid.center(c);
        Polygon b = grid.boundary(c);
        assertEquals(4326, b.getSRID());
        assertEquals(7, b.getExteriorRing().getNumPoints(), "six vertices plus the closing one");
        assertTrue(b.getExteriorRing().isClosed());
        assertTrue(b.contains(b.getFactory().createPoint(new Coordinate(center[0], center[1]))));
        assertEquals(c, grid.cell(center[0], center[1], 9));
    }

    @Test
    void addressRoundTripsAndIsFifteenHexDigits() {
        long c = grid.cell(120.38, 36.07, 9);
        String a = grid.address(c);
        assertEquals(15, a.length());
        assertTrue(a.matches("[0-9a-f]{15}"));
        assertEquals(c, grid.parse(a));
        assertEquals(c, grid.parse(a.toUpperCase()));
    }

    @Test
    void parseRejectsGarbageWithReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> grid.parse("zz"));
        assertTrue(e.getMessage().contains("zz"));
        assertThrows(IllegalArgumentException.class, () -> grid.parse("8928308280fffff0"));
        assertThrows(IllegalArgumentException.class, () -> grid.parse(""));
        assertFalse(grid.isValid(0L));
        assertTrue(grid.isValid(grid.parse("822d57fffffffff")));
    }

    @Test
    void coverTakesCellsWhoseCentreIsInsideAndRespectsHoles() throws ParseException {
        WKTReader wkt = new WKTReader();
        Geometry square = wkt.read("POLYGON ((120.30 36.05, 120.34 36.05, 120.34 36.09, 120.30 36.09, 120.30 36.05))");
        Geometry holed = wkt.read("POLYGON ((120.30 36.05, 120.34 36.05, 120.34 36.09, 120.30 36.09, 120.30 36.05),"
                + " (120.31 36.06, 120.33 36.06, 120.33 36.08, 120.31 36.08, 120.31 36.06))");
        long[] full = grid.cover(square, 9);
        long[] withHole = grid.cover(holed, 9);
        // Centre-in-polygon cells tile the polygon up to a ragged edge: their total area matches the
        // square's (0.0016 deg²) within a few per cent.
        double cellArea = 0;
        for (long c : full) {
            cellArea += grid.boundary(c).getArea();
        }
        assertEquals(0.0016, cellArea, 0.0016 * 0.05);
        assertTrue(withHole.length < full.length * 0.85, "the hole (1/4 of the area) removes cells");
        for (long c : full) {
            double[] ctr = grid.center(c);
            assertTrue(ctr[0] >= 120.30 && ctr[0] <= 120.34 && ctr[1] >= 36.05 && ctr[1] <= 36.09);
        }
        for (long c : withHole) {
            double[] ctr = grid.center(c);
            assertFalse(ctr[0] > 120.31 && ctr[0] < 120.33 && ctr[1] > 36.06 && ctr[1] < 36.08, "no centre in the hole");
        }
    }

    @Test
    void coverOfMultiPolygonIsTheSortedUnionOfItsParts() throws ParseException {
        WKTReader wkt = new WKTReader();
        Geometry a = wkt.read("POLYGON ((120.30 36.05, 120.32 36.05, 120.32 36.07, 120.30 36.07, 120.30 36.05))");
        Geometry b = wkt.read("POLYGON ((120.40 36.10, 120.42 36.10, 120.42 36.12, 120.40 36.12, 120.40 36.10))");
        Geometry multi = new GeometryFactory().createMultiPolygon(new Polygon[] {(Polygon) b, (Polygon) a});
        long[] ca = grid.cover(a, 9);
        long[] cb = grid.cover(b, 9);
        long[] cm = grid.cover(multi, 9);
        assertEquals(ca.length + cb.length, cm.length);
        long[] sorted = cm.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, cm);
        assertThrows(IllegalArgumentException.class, () -> grid.cover(wkt.read("POINT (120 36)"), 9));
    }

    @Test
    void invalidResolutionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> grid.cell(120, 36, 16));
        assertThrows(IllegalArgumentException.class, () -> grid.cell(Double.NaN, 36, 9));
    }
}
