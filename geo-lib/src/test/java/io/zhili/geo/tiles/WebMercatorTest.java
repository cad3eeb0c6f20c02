package io.zhili.geo.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reference values from the OpenStreetMap wiki's slippy-map formulas (computed independently in Python). */
class WebMercatorTest {

    @Test
    void testNullIslandIsTheWorldCentre() {
        assertEquals(128.0, WebMercator.pixelX(0, 0), 1e-9);
        assertEquals(128.0, WebMercator.pixelY(0, 0), 1e-9);
        assertEquals(0.5, WebMercator.normY(0), 1e-15);
    }

    @Test
    void testQingdaoTileAtZoom10And16() {
        // x = (120.38 + 180) / 360 · 2^z, y = (1 − asinh(tan φ) / π) / 2 · 2^z
        assertEquals(854, WebMercator.tileX(120.38, 10));
        assertEquals(401, WebMercator.tileY(36.07, 10));
        assertEquals(54682, WebMercator.tileX(120.38, 16));
        assertEquals(25719, WebMercator.tileY(36.07, 16));
        assertEquals(854.4142222222222 * 256, WebMercator.pixelX(120.38, 10), 1e-6);
        assertEquals(401.863957898584 * 256, WebMercator.pixelY(36.07, 10), 1e-6);
    }

    @Test
    void testBerlinTileAtZoom10() {
        assertEquals(550, WebMercator.tileX(13.405, 10));
        assertEquals(335, WebMercator.tileY(52.52, 10));
    }

    @Test
    void testTileEdgesAtKnownLatitudes() {
        assertEquals(37.160316546736766, WebMercator.tileNorth(398, 10), 1e-12);
        assertEquals(WebMercator.MAX_LATITUDE, WebMercator.tileNorth(0, 0), 1e-12);
        assertEquals(-WebMercator.MAX_LATITUDE, WebMercator.tileNorth(1, 0), 1e-12);
        assertEquals(120.234375, WebMercator.tileWest(854, 10), 1e-12);
    }

    @Test
    void testTileBoundsOfNorthEastQuadrant() {
        assertArrayEquals(new double[] {0, 0, 180, WebMercator.MAX_LATITUDE}, WebMercator.tileBounds(1, 1, 0), 1e-9);
    }

    @Test
    void testPixelInsideItsTile() {
        double px = WebMercator.pixelX(120.38, 14);
        double py = WebMercator.pixelY(36.07, 14);
        assertEquals(WebMercator.tileX(120.38, 14), (int) Math.floor(px / 256));
        assertEquals(WebMercator.tileY(36.07, 14), (int) Math.floor(py / 256));
    }

    @Test
    void testLonLatRoundTripThroughNormalisedCoordinates() {
        assertEquals(120.38, WebMercator.lon(WebMercator.normX(120.38)), 1e-12);
        assertEquals(36.07, WebMercator.lat(WebMercator.normY(36.07)), 1e-12);
    }

    @Test
    void testPolesAreClampedToTheSquareWorld() {
        assertEquals(0, WebMercator.tileY(90, 5));
        assertEquals(31, WebMercator.tileY(-90, 5));
        assertEquals(31, WebMercator.tileX(180, 5));
    }

    @Test
    void testTileValidity() {
        assertTrue(WebMercator.isValidTile(16, 54682, 25719));
        assertFalse(WebMercator.isValidTile(2, 4, 0));
        assertFalse(WebMercator.isValidTile(21, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> WebMercator.tileBounds(1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> WebMercator.tilesPerAxis(-1));
    }
}
