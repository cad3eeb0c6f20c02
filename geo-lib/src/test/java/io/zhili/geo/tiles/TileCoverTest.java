package io.zhili.geo.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.stats.HotClass;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TileCoverTest {
    private static final H3Grid H3 = H3Grid.get();

    private static HexLayer layerOf(long... cells) {
        HexLayer.Builder b = HexLayer.builder();
        for (long c : cells) {
            b.add(c, 1, 0, Double.NaN, 0, 1, HotClass.NOT_SIGNIFICANT);
        }
        return b.build();
    }

    @Test
    void testSmallCellAtLowZoomIsInItsOneTile() {
        long cell = H3.cell(120.38, 36.07, 9); // about 350 m across: far inside tile 10/854/401
        TileCover cover = TileCover.of(layerOf(cell), 10, 0);
        assertEquals(1, cover.tileCount());
        assertEquals(854, cover.tileX(0));
        assertEquals(401, cover.tileY(0));
        assertEquals(0, cover.cellIndex(cover.cellsFrom(0)));
        assertEquals(0, cover.indexOf(854, 401));
        assertEquals(-1, cover.indexOf(853, 401));
    }

    @Test
    void testEveryTileTouchedByTheCellBoundsIsListed() {
        long cell = H3.cell(120.38, 36.07, 7); // about 2.5 km across: several z16 tiles (about 500 m)
        HexLayer layer = layerOf(cell);
        TileCover cover = TileCover.of(layer, 16, 0);
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int v = 0; v < layer.vertexCount(0); v++) {
            minX = Math.min(minX, layer.vertexX(0, v));
            maxX = Math.max(maxX, layer.vertexX(0, v));
            minY = Math.min(minY, layer.vertexY(0, v));
            maxY = Math.max(maxY, layer.vertexY(0, v));
        }
        int n = 1 << 16;
        int expected = ((int) Math.floor(maxX * n) - (int) Math.floor(minX * n) + 1)
                * ((int) Math.floor(maxY * n) - (int) Math.floor(minY * n) + 1);
        assertEquals(expected, cover.tileCount());
        assertTrue(cover.tileCount() >= 16, "a res-7 cell spans many z16 tiles: " + cover.tileCount());
    }

    @Test
    void testBufferAddsNeighbourCellsButNoBufferOnlyTiles() {
        long a = H3.cell(120.38, 36.07, 9);
        long[] ring = H3.disk(a, 3);
        HexLayer layer = layerOf(ring);
        TileCover plain = TileCover.of(layer, 16, 0);
        TileCover buffered = TileCover.of(layer, 16, 64);
        assertEquals(plain.tileCount(), buffered.tileCount(), "the buffer must not create tiles");
        int plainCells = plain.cellsTo(plain.tileCount() - 1);
        int bufferedCells = buffered.cellsTo(buffered.tileCount() - 1);
        assertTrue(bufferedCells > plainCells, "the buffer adds cells to tiles: " + plainCells + " vs " + bufferedCells);
    }

    @Test
    void testTilesAreSortedAndCellsDistinctPerTile() {
        long a = H3.cell(120.38, 36.07, 8);
        HexLayer layer = layerOf(H3.disk(a, 4));
        TileCover cover = TileCover.of(layer, 15, 4);
        for (int t = 0; t < cover.tileCount(); t++) {
            if (t > 0) {
                long prev = ((long) cover.tileX(t - 1) << 32) | cover.tileY(t - 1);
                long cur = ((long) cover.tileX(t) << 32) | cover.tileY(t);
                assertTrue(prev < cur);
            }
            Set<Integer> seen = new HashSet<>();
            for (int k = cover.cellsFrom(t); k < cover.cellsTo(t); k++) {
                assertTrue(seen.add(cover.cellIndex(k)));
            }
        }
    }

    @Test
    void testEmptyLayerHasNoTiles() {
        assertEquals(0, TileCover.of(HexLayer.builder().build(), 12, 4).tileCount());
    }

    @Test
    void testRejectsNegativeBufferAndBadZoom() {
        HexLayer layer = layerOf(H3.cell(120.38, 36.07, 9));
        assertThrows(IllegalArgumentException.class, () -> TileCover.of(layer, 12, -1));
        assertThrows(IllegalArgumentException.class, () -> TileCover.of(layer, 21, 0));
    }
}
