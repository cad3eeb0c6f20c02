package io.zhili.geo.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.stats.HotClass;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HexTileRendererTest {
    private static final H3Grid H3 = H3Grid.get();
    private static final int Z = 14;

    @Test
    void testCellCentreTakesItsRampColourAndTheRestIsTransparent() throws IOException {
        long cell = H3.cell(120.38, 36.07, 9);
        HexLayer layer = HexLayer.builder().add(cell, 9, 3, Double.NaN, 0, 1, HotClass.NOT_SIGNIFICANT).build();
        RampStyle style = new RampStyle(HexValue.COUNT, 99);
        TileCover cover = TileCover.of(layer, Z, 0);
        double[] centre = H3.center(cell);
        int t = cover.indexOf(WebMercator.tileX(centre[0], Z), WebMercator.tileY(centre[1], Z));
        try (HexTileRenderer renderer = new HexTileRenderer()) {
            byte[] png = renderer.render(layer, style, cover, t);
            assertNotNull(png);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(256, image.getWidth());
            assertInstanceOf(IndexColorModel.class, image.getColorModel(), "a palette PNG");
            int px = (int) (WebMercator.pixelX(centre[0], Z) - cover.tileX(t) * 256.0);
            int py = (int) (WebMercator.pixelY(centre[1], Z) - cover.tileY(t) * 256.0);
            int argb = image.getRGB(px, py);
            // 9 cases on a domain of 99: entry 33, the ramp's middle
            assertEquals(33, renderer.entryAt(px, py));
            assertEquals(ColorRamp.viridis(RampStyle.positionOf(33)), argb & 0xFFFFFF);
            assertEquals(RampStyle.ALPHA, argb >>> 24);
            // a res-9 cell is about 30 px wide at z14: 60 px away from its centre there is nothing
            int fx = px > 128 ? px - 60 : px + 60;
            assertEquals(0, image.getRGB(fx, py) >>> 24, "transparent where there is no cell");
        }
    }

    @Test
    void testHotClassColours() throws IOException {
        long hot = H3.cell(120.38, 36.07, 9);
        HexLayer layer = HexLayer.builder().add(hot, 40, 0, Double.NaN, 3.2, 0.001, HotClass.HOT_99).build();
        TileCover cover = TileCover.of(layer, Z, 0);
        double[] centre = H3.center(hot);
        int t = cover.indexOf(WebMercator.tileX(centre[0], Z), WebMercator.tileY(centre[1], Z));
        try (HexTileRenderer renderer = new HexTileRenderer()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(renderer.render(layer, HotClassStyle.INSTANCE, cover, t)));
            int px = (int) (WebMercator.pixelX(centre[0], Z) - cover.tileX(t) * 256.0);
            int py = (int) (WebMercator.pixelY(centre[1], Z) - cover.tileY(t) * 256.0);
            assertEquals(0xD62F27, image.getRGB(px, py) & 0xFFFFFF);
        }
    }

    @Test
    void testTileWithNothingToDrawIsNotRendered() {
        long cell = H3.cell(120.38, 36.07, 9);
        HexLayer layer = HexLayer.builder().add(cell, 0, 5, Double.NaN, 0, 1, HotClass.NOT_SIGNIFICANT).build();
        TileCover cover = TileCover.of(layer, Z, 0);
        try (HexTileRenderer renderer = new HexTileRenderer()) {
            for (int t = 0; t < cover.tileCount(); t++) {
                assertNull(renderer.render(layer, new RampStyle(HexValue.COUNT, 10), cover, t), "zero cases: nothing drawn");
            }
        }
    }

    @Test
    void testNeighbouringCellsLeaveNoGap() {
        long centre = H3.cell(120.38, 36.07, 9);
        HexLayer.Builder b = HexLayer.builder();
        for (long c : H3.disk(centre, 2)) {
            b.add(c, 5, 0, Double.NaN, 0, 1, HotClass.NOT_SIGNIFICANT);
        }
        HexLayer layer = b.build();
        TileCover cover = TileCover.of(layer, Z, 0);
        double[] xy = H3.center(centre);
        int t = cover.indexOf(WebMercator.tileX(xy[0], Z), WebMercator.tileY(xy[1], Z));
        try (HexTileRenderer renderer = new HexTileRenderer()) {
            assertNotNull(renderer.render(layer, new RampStyle(HexValue.COUNT, 10), cover, t));
            int px = (int) (WebMercator.pixelX(xy[0], Z) - cover.tileX(t) * 256.0);
            int py = (int) (WebMercator.pixelY(xy[1], Z) - cover.tileY(t) * 256.0);
            // every pixel within one cell width of the centre cell lies in the filled disk
            for (int dx = -30; dx <= 30; dx++) {
                int x = px + dx;
                if (x >= 0 && x < 256) {
                    assertEquals(new RampStyle(HexValue.COUNT, 10).colorIndexOf(5), renderer.entryAt(x, py), "gap at dx=" + dx);
                }
            }
        }
    }
}
