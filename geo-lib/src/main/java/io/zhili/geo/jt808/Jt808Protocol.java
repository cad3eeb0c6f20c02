package io.zhili.geo.jt808;

/**
 * The JT/T 808 constants Zhili uses, and the muck-truck extensions it defines.
 *
 * <p><b>Framing.</b> A frame is {@code 0x7e | header | body | check | 0x7e}. Inside the
 * delimiters 0x7e is sent as {@code 0x7d 0x02} and 0x7d as {@code 0x7d 0x01}. The check code is the
 * XOR of every unescaped header and body byte.
 *
 * <p><b>0x0200 location report body</b> (big-endian): alarm flags DWORD, status DWORD, latitude
 * DWORD (1e-6 degree), longitude DWORD (1e-6 degree), altitude WORD (m), speed WORD (0.1 km/h),
 * direction WORD (0–359 degrees), time BCD[6] {@code YYMMDDhhmmss} in GMT+8 (years 2000–2099),
 * then additional items {@code id BYTE, length BYTE, value}.
 *
 * <p><b>Status bits used:</b> bit 0 ACC on, bit 1 positioned (a report without a fix is refused),
 * bit 2 south latitude, bit 3 west longitude, bit 5 latitude/longitude encrypted (refused).
 *
 * <p><b>Muck-truck additional items</b> (JT/T 808 leaves 0xE1–0xFF to vendors; 0xE0 is the
 * standard's "length of following custom data" and is not used):
 * <ul>
 *   <li>{@link #ITEM_LOAD} 0xE1, WORD: carried load in units of 0.1 t (185 = 18.5 t). Absent when
 *       the truck has no load sensor, read as an unknown load (NaN).</li>
 *   <li>{@link #ITEM_LID} 0xE2, BYTE: cargo cover state, 0 = closed, 1 = open. Absent → UNKNOWN.</li>
 * </ul>
 * These ids match the items most Chinese muck-truck terminal vendors put in the custom range
 * (a load-weight sensor and a tarpaulin/lid switch); a fleet using other ids maps them here.
 *
 * <p><b>Truck identity.</b> The header carries the terminal's SIM phone number, not the plate.
 * Zhili keeps the phone-to-plate registry in the fleet file: each permit feature of
 * {@code routes.geojson} may carry {@code terminal_phones[]} parallel to {@code truck_ids[]}
 * (see {@link TerminalRegistry}). Phone numbers are compared as numbers, so the 12-digit 2013 and
 * 20-digit 2019 BCD forms of the same SIM agree. A frame from a phone that is not in the registry is
 * keyed by its phone number digits.
 */
public final class Jt808Protocol {
    /** Frame delimiter. */
    public static final int FLAG = 0x7e;
    /** Escape byte. */
    public static final int ESCAPE = 0x7d;
    /** Message id of the terminal location report. */
    public static final int MSG_LOCATION_REPORT = 0x0200;
    /** Length of the fixed part of the 0x0200 body. */
    public static final int LOCATION_BASE_LENGTH = 28;
    /** Additional item: load in 0.1 t, WORD. */
    public static final int ITEM_LOAD = 0xE1;
    /** Additional item: lid state, BYTE, 0 closed / 1 open. */
    public static final int ITEM_LID = 0xE2;

    public static final int STATUS_ACC_ON = 1;
    public static final int STATUS_POSITIONED = 1 << 1;
    public static final int STATUS_SOUTH = 1 << 2;
    public static final int STATUS_WEST = 1 << 3;
    public static final int STATUS_COORDS_ENCRYPTED = 1 << 5;

    /** Body-properties bit 14: the 2019 header layout. */
    static final int PROPS_VERSION_2019 = 1 << 14;
    /** Body-properties bit 13: the message is split into packages. */
    static final int PROPS_SPLIT = 1 << 13;
    static final int PROPS_BODY_LENGTH_MASK = 0x3ff;
    static final int PROPS_ENCRYPTION_SHIFT = 10;
    /** Protocol version byte written in 2019 headers (the standard's first version, 1). */
    static final int PROTOCOL_VERSION_2019 = 1;
    /** China Standard Time, the zone of the BCD report time; no DST since 1991. */
    static final long GMT8_MS = 8L * 3600_000L;

    private Jt808Protocol() {
    }
}
