package io.zhili.geo.trucks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes truck ids from UTF-8 and hands back the same String instance for the same bytes while it
 * is cached; a blank text is no id (null), as for {@link GpsJsonParser}. A fleet of a few thousand trucks repeats each plate millions of times, so a hit saves
 * the String allocation, the UTF-8 decoding and, downstream, {@link String#hashCode} (cached in the
 * instance) when the stream is keyed by truck.
 *
 * <p>Bounded: a direct-mapped table of {@value #SLOTS} slots, an id replacing whatever shares its
 * slot, ids longer than {@value #MAX_ID_BYTES} bytes never cached. With n distinct ids in rotation a
 * share of about e^(-n/{@value #SLOTS}) of them keep their slot (6 000 trucks: about 69 %).
 *
 * <p>Thread-safe without locks: slots hold immutable entries whose fields are final, so a thread
 * that reads a slot sees either null, an older entry or a newer one, each complete; a lost race
 * only costs a miss. Callers pass well-formed UTF-8 (see {@link GpsJsonFastPath#stringEnd}).
 */
final class TruckIdCache {
    static final int SLOTS = 16384;
    static final int MAX_ID_BYTES = 64;

    private final Entry[] slots = new Entry[SLOTS];

    /**
     * The truck id spelled by the well-formed UTF-8 bytes {@code b[s, e)}, or null when that text is
     * blank ({@link String#isBlank}: no id), which is checked once per cached id.
     */
    String decode(byte[] b, int s, int e) {
        int n = e - s;
        if (n > MAX_ID_BYTES) {
            return nonBlank(new String(b, s, n, StandardCharsets.UTF_8));
        }
        int h = 0;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ h >>> 14) & (SLOTS - 1);
        Entry entry = slots[slot];
        if (entry != null && Arrays.equals(entry.utf8, 0, entry.utf8.length, b, s, e)) {
            return entry.text;
        }
        String text = nonBlank(new String(b, s, n, StandardCharsets.UTF_8));
        if (text != null) {
            slots[slot] = new Entry(Arrays.copyOfRange(b, s, e), text);
        }
        return text;
    }

    private static String nonBlank(String text) {
        return text.isBlank() ? null : text;
    }

    private record Entry(byte[] utf8, String text) {
    }
}
