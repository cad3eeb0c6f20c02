package io.zhili.geo.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.stats.HotClass;
import org.junit.jupiter.api.Test;

class RampStyleTest {

    @Test
    void testLogScaleSteps() {
        RampStyle style = new RampStyle(HexValue.COUNT, 99);
        assertEquals(0, style.colorIndexOf(0));
        assertEquals(0, style.colorIndexOf(-1));
        assertEquals(0, style.colorIndexOf(Double.NaN));
        assertEquals(RampStyle.STEPS, style.colorIndexOf(99));
        assertEquals(RampStyle.STEPS, style.colorIndexOf(5000));
        // ln(1 + 9) / ln(1 + 99) = 0.5 → 1 + round(0.5 · 63) = 33
        assertEquals(33, style.colorIndexOf(9));
        assertEquals(9, style.valueAt(0.5), 1e-9);
    }

    @Test
    void testPaletteEntryZeroIsTransparent() {
        RampStyle style = new RampStyle(HexValue.COUNT, 10);
        assertEquals(0, style.palette().getAlpha(0));
        assertEquals(RampStyle.ALPHA, style.palette().getAlpha(1));
        assertEquals(0x440154, style.palette().getRGB(1) & 0xFFFFFF);
        assertEquals(0xFDE725, style.palette().getRGB(RampStyle.STEPS) & 0xFFFFFF);
    }

    @Test
    void testDomainIsThe99thPercentileOfPositiveValues() {
        HexLayer.Builder b = HexLayer.builder();
        long origin = H3Grid.get().cell(120.38, 36.07, 9);
        long[] disk = H3Grid.get().disk(origin, 6); // 127 cells
        for (int i = 0; i < 101; i++) {
            b.add(disk[i], i, 0, Double.NaN, 0, 1, HotClass.NOT_SIGNIFICANT); // 0 … 100, one zero
        }
        HexLayer layer = b.build();
        // positive values 1 … 100: nearest rank ceil(0.99 · 100) = 99
        assertEquals(99, RampStyle.forLayer(layer, HexValue.COUNT).domainMax(), 0);
        // no rates at all: domain 1
        assertEquals(1, RampStyle.forLayer(layer, HexValue.RATE).domainMax(), 0);
    }

    @Test
    void testRejectsNonPositiveDomain() {
        assertThrows(IllegalArgumentException.class, () -> new RampStyle(HexValue.COUNT, 0));
    }

    @Test
    void testHotClassPaletteIsDiverging() {
        HotClassStyle s = HotClassStyle.INSTANCE;
        assertEquals(0, s.palette().getAlpha(0));
        assertEquals(0xD62F27, s.palette().getRGB(4 + 3) & 0xFFFFFF);
        assertEquals(0x4575B5, s.palette().getRGB(4 - 3) & 0xFFFFFF);
        assertEquals(HotClassStyle.NOT_SIGNIFICANT_ALPHA, s.palette().getAlpha(4));
    }

    @Test
    void testValueParsing() {
        assertEquals(HexValue.RATE, HexValue.parse(" Rate "));
        assertThrows(IllegalArgumentException.class, () -> HexValue.parse("density"));
    }
}
