package io.zhili.geo.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Encodes palette PNGs and reads them back with the JDK's independent PNG reader. */
class PalettePngTest {
    private static final IndexColorModel PALETTE = new IndexColorModel(8, 3,
            new byte[] {0, (byte) 255, 0}, new byte[] {0, 0, (byte) 128}, new byte[] {0, 0, (byte) 255},
            new byte[] {0, (byte) 200, (byte) 255});

    @Test
    void testPixelsAndAlphaSurviveARoundTripThroughImageIo() throws IOException {
        int w = 7;
        int h = 5;
        byte[] px = new byte[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i % 3);
        }
        byte[] png = new PalettePng().encode(px, w, h, PALETTE);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, Arrays.copyOf(png, 8));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(w, img.getWidth());
        assertEquals(h, img.getHeight());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int entry = (y * w + x) % 3;
                int expected = entry == 0 ? 0x00000000 : entry == 1 ? 0xC8FF0000 : 0xFF0080FF;
                assertEquals(expected, img.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void testUniformTileCompressesToAFewHundredBytes() {
        byte[] px = new byte[256 * 256];
        Arrays.fill(px, (byte) 1);
        byte[] png = new PalettePng().encode(px, 256, 256, PALETTE);
        // IHDR 25 + PLTE 21 + tRNS 14 + IEND 12 + signature 8 = 80 bytes of chunks; deflate does the rest
        assertEquals(true, png.length < 600, "size " + png.length);
    }

    @Test
    void testRejectsMismatchedSize() {
        assertThrows(IllegalArgumentException.class, () -> new PalettePng().encode(new byte[10], 4, 4, PALETTE));
    }
}
