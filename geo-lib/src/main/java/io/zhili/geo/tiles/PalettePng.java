package io.zhili.geo.tiles;

import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes 8-bit palette PNG images (colour type 3, PNG specification ISO/IEC 15948) from an array of
 * palette indices, with a {@code tRNS} chunk for the palette's alpha and no row filtering.
 *
 * <p>Why not {@link javax.imageio.ImageIO}: the JDK's PNG writer tries the adaptive row filters on every
 * row, which costs about 80 % of a tile's time, while heat tiles (large flat runs of one index)
 * compress as well unfiltered. Deflate runs at {@link Deflater#BEST_SPEED} for the same reason.
 *
 * <p>Not thread-safe: it reuses its deflater and buffers; one instance per thread.
 */
public final class PalettePng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    private final CRC32 crc = new CRC32();
    private byte[] raw = new byte[0];
    private byte[] compressed = new byte[8192];

    /**
     * Encodes a {@code width × height} image whose pixel {@code (x, y)} is palette entry
     * {@code indices[y * width + x]}.
     *
     * @throws IllegalArgumentException when the sizes disagree or the palette has more than 256 entries
     */
    public byte[] encode(byte[] indices, int width, int height, IndexColorModel palette) {
        if (width <= 0 || height <= 0 || indices.length < width * height) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " does not fit " + indices.length + " pixels");
        }
        int entries = palette.getMapSize();
        if (entries > 256) {
            throw new IllegalArgumentException("a PNG palette holds at most 256 entries, not " + entries);
        }
        out.reset();
        out.writeBytes(SIGNATURE);

        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bit depth
        header[9] = 3; // colour type: palette
        chunk("IHDR", header, header.length);

        byte[] plte = new byte[entries * 3];
        int lastTranslucent = -1;
        for (int i = 0; i < entries; i++) {
            plte[3 * i] = (byte) palette.getRed(i);
            plte[3 * i + 1] = (byte) palette.getGreen(i);
            plte[3 * i + 2] = (byte) palette.getBlue(i);
            if (palette.getAlpha(i) != 255) {
                lastTranslucent = i;
            }
        }
        chunk("PLTE", plte, plte.length);
        if (lastTranslucent >= 0) {
            // Entries after the last translucent one are opaque by default, so the chunk can stop there.
            byte[] trns = new byte[lastTranslucent + 1];
            for (int i = 0; i <= lastTranslucent; i++) {
                trns[i] = (byte) palette.getAlpha(i);
            }
            chunk("tRNS", trns, trns.length);
        }

        int rawLength = height * (width + 1);
        if (raw.length < rawLength) {
            raw = new byte[rawLength];
        }
        for (int y = 0; y < height; y++) {
            raw[y * (width + 1)] = 0; // filter type None
            System.arraycopy(indices, y * width, raw, y * (width + 1) + 1, width);
        }
        deflater.reset();
        deflater.setInput(raw, 0, rawLength);
        deflater.finish();
        int length = 0;
        while (!deflater.finished()) {
            if (length == compressed.length) {
                compressed = java.util.Arrays.copyOf(compressed, compressed.length * 2);
            }
            length += deflater.deflate(compressed, length, compressed.length - length);
        }
        chunk("IDAT", compressed, length);
        chunk("IEND", new byte[0], 0);
        return out.toByteArray();
    }

    private void chunk(String type, byte[] data, int length) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] len = new byte[4];
        putInt(len, 0, length);
        out.writeBytes(len);
        out.writeBytes(typeBytes);
        out.write(data, 0, length);
        crc.reset();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        byte[] sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        out.writeBytes(sum);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** Releases the deflater's native memory. */
    public void close() {
        deflater.end();
    }
}
