package io.zhili.geo.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColorRampTest {

    @Test
    void testEndsAreViridisPurpleAndYellow() {
        assertEquals(0x440154, ColorRamp.viridis(0));
        assertEquals(0xFDE725, ColorRamp.viridis(1));
        assertEquals(0x440154, ColorRamp.viridis(-3));
        assertEquals(0x440154, ColorRamp.viridis(Double.NaN));
    }

    @Test
    void testMiddleIsCloseToMatplotlibViridisHalf() {
        // matplotlib viridis(0.5) = (0.127568, 0.566949, 0.550556) = #21918c
        int c = ColorRamp.viridis(0.5);
        assertTrue(Math.abs(((c >> 16) & 0xFF) - 0x21) <= 3, ColorRamp.css(c));
        assertTrue(Math.abs(((c >> 8) & 0xFF) - 0x91) <= 3, ColorRamp.css(c));
        assertTrue(Math.abs((c & 0xFF) - 0x8C) <= 3, ColorRamp.css(c));
    }

    @Test
    void testLightnessGrowsAlongTheRamp() {
        double previous = -1;
        for (int k = 0; k <= 20; k++) {
            int c = ColorRamp.viridis(k / 20.0);
            double luma = 0.2126 * ((c >> 16) & 0xFF) + 0.7152 * ((c >> 8) & 0xFF) + 0.0722 * (c & 0xFF);
            assertTrue(luma > previous, "luma must grow at t=" + k / 20.0);
            previous = luma;
        }
    }

    @Test
    void testCssHex() {
        assertEquals("#440154", ColorRamp.css(0x440154));
    }
}
