package io.zhili.geo.jt808;

import static io.zhili.geo.jt808.Jt808Protocol.ESCAPE;
import static io.zhili.geo.jt808.Jt808Protocol.FLAG;

import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.LidState;
import java.util.HexFormat;

/**
 * Encodes a {@link GpsPoint} as a JT/T 808 0x0200 location report frame (see {@link Jt808Protocol}
 * for the layout and the muck-truck items). Values are rounded to the protocol's units: 1e-6 degree,
 * 0.1 km/h, whole degrees of direction, whole seconds, 0.1 t; the altitude is written as 0 m and an
 * unknown heading (NaN) as 0 degrees; an unknown load or lid leaves its item out.
 *
 * <p>Not thread-safe: an instance reuses one scratch buffer; use one per thread.
 */
public final class Jt808Encoder {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private final byte[] raw = new byte[128];
    private final byte[] escaped = new byte[2 * 128 + 2];

    /**
     * The frame for {@code p}, 0x7e delimiters included.
     *
     * @param phone  terminal phone number (at most 12 digits for 2013, 18 significant digits for 2019)
     * @param serial message serial number, 0–65535 (taken modulo 65536)
     * @throws IllegalArgumentException when the point cannot be represented (a coordinate or speed
     *                                  out of the protocol's range, a year outside 2000–2099, or a
     *                                  phone number too long for the version's BCD field)
     */
    public byte[] encodeLocation(GpsPoint p, long phone, int serial, Jt808Version version) {
        return finish(writeRaw(p, phone, serial, version));
    }

    /**
     * A terminal heartbeat (message 0x0002, empty body): a well-formed frame that is not a location
     * report, e.g. to exercise a reader's {@code UNSUPPORTED_MESSAGE} path.
     */
    public byte[] encodeHeartbeat(long phone, int serial, Jt808Version version) {
        int n = header(0x0002, 0, phone, serial, version);
        return finish(n);
    }

    /** Appends the check code to the {@code n} raw bytes, escapes and delimits them. */
    private byte[] finish(int n) {
        int check = 0;
        for (int k = 0; k < n; k++) {
            check ^= raw[k];
        }
        raw[n++] = (byte) check;
        int m = 0;
        escaped[m++] = (byte) FLAG;
        for (int i = 0; i < n; i++) {
            int b = raw[i] & 0xff;
            if (b == FLAG) {
                escaped[m++] = (byte) ESCAPE;
                escaped[m++] = 0x02;
            } else if (b == ESCAPE) {
                escaped[m++] = (byte) ESCAPE;
                escaped[m++] = 0x01;
            } else {
                escaped[m++] = (byte) b;
            }
        }
        escaped[m++] = (byte) FLAG;
        byte[] out = new byte[m];
        System.arraycopy(escaped, 0, out, 0, m);
        return out;
    }

    /** {@link #encodeLocation} as upper-case hex, the line format of {@code gps.jt808} files. */
    public String encodeLocationHex(GpsPoint p, long phone, int serial, Jt808Version version) {
        return HEX.formatHex(encodeLocation(p, phone, serial, version));
    }

    /** Upper-case hex of any frame bytes. */
    public static String hex(byte[] frame) {
        return HEX.formatHex(frame);
    }

    private int writeRaw(GpsPoint p, long phone, int serial, Jt808Version version) {
        long latMicro = Math.round(Math.abs(p.lat()) * 1e6);
        long lonMicro = Math.round(Math.abs(p.lon()) * 1e6);
        if (!(Math.abs(p.lat()) <= 90) || !(Math.abs(p.lon()) <= 180)) {
            throw new IllegalArgumentException("coordinates out of range: " + p.lon() + "," + p.lat());
        }
        long speedTenths = Math.round(p.speedKmh() * 10);
        if (!(speedTenths >= 0 && speedTenths <= 0xffff)) {
            throw new IllegalArgumentException("speed out of range: " + p.speedKmh());
        }
        int direction = Double.isNaN(p.heading()) ? 0 : (int) (Math.round(p.heading()) % 360);
        int status = Jt808Protocol.STATUS_ACC_ON | Jt808Protocol.STATUS_POSITIONED;
        if (p.lat() < 0) {
            status |= Jt808Protocol.STATUS_SOUTH;
        }
        if (p.lon() < 0) {
            status |= Jt808Protocol.STATUS_WEST;
        }

        int bodyStart = version.headerLength();
        int i = bodyStart;
        i = u32(i, 0);                        // alarm flags: none raised by the terminal
        i = u32(i, status);
        i = u32(i, latMicro);
        i = u32(i, lonMicro);
        i = u16(i, 0);                        // altitude, m
        i = u16(i, (int) speedTenths);
        i = u16(i, direction);
        i = bcdTime(i, p.ts());
        if (p.hasLoad()) {
            long loadTenths = Math.round(p.loadT() * 10);
            if (loadTenths < 0 || loadTenths > 0xffff) {
                throw new IllegalArgumentException("load out of range: " + p.loadT());
            }
            raw[i++] = (byte) Jt808Protocol.ITEM_LOAD;
            raw[i++] = 2;
            i = u16(i, (int) loadTenths);
        }
        if (p.lid() != LidState.UNKNOWN) {
            raw[i++] = (byte) Jt808Protocol.ITEM_LID;
            raw[i++] = 1;
            raw[i++] = (byte) (p.lid() == LidState.OPEN ? 1 : 0);
        }
        int bodyLength = i - bodyStart;
        int h = header(Jt808Protocol.MSG_LOCATION_REPORT, bodyLength, phone, serial, version);
        assert h == bodyStart;
        return i;
    }

    /** Writes the header at raw[0..]; returns its length. */
    private int header(int messageId, int bodyLength, long phone, int serial, Jt808Version version) {
        int props = bodyLength;
        int h = 0;
        h = u16(h, messageId);
        if (version == Jt808Version.V2019) {
            props |= Jt808Protocol.PROPS_VERSION_2019;
            h = u16(h, props);
            raw[h++] = (byte) Jt808Protocol.PROTOCOL_VERSION_2019;
        } else {
            h = u16(h, props);
        }
        h = bcdPhone(h, phone, version.phoneBytes());
        return u16(h, serial & 0xffff);
    }

    private int u16(int i, int v) {
        raw[i] = (byte) (v >>> 8);
        raw[i + 1] = (byte) v;
        return i + 2;
    }

    private int u32(int i, long v) {
        raw[i] = (byte) (v >>> 24);
        raw[i + 1] = (byte) (v >>> 16);
        raw[i + 2] = (byte) (v >>> 8);
        raw[i + 3] = (byte) v;
        return i + 4;
    }

    private int bcdPhone(int i, long phone, int bytes) {
        if (phone < 0) {
            throw new IllegalArgumentException("negative terminal phone number: " + phone);
        }
        long v = phone;
        for (int k = bytes - 1; k >= 0; k--) {
            int lo = (int) (v % 10);
            v /= 10;
            int hi = (int) (v % 10);
            v /= 10;
            raw[i + k] = (byte) (hi << 4 | lo);
        }
        if (v != 0) {
            throw new IllegalArgumentException("terminal phone number " + phone + " does not fit BCD[" + bytes + "]");
        }
        return i + bytes;
    }

    private int bcdTime(int i, long epochMs) {
        long localSec = Math.floorDiv(epochMs + Jt808Protocol.GMT8_MS, 1000);
        long days = Math.floorDiv(localSec, 86_400);
        int secOfDay = (int) Math.floorMod(localSec, 86_400);
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm): no allocation on the encode path.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 2000 || year > 2099) {
            throw new IllegalArgumentException("year " + year + " outside the BCD range 2000-2099");
        }
        raw[i++] = bcd((int) (year - 2000));
        raw[i++] = bcd(month);
        raw[i++] = bcd(day);
        raw[i++] = bcd(secOfDay / 3600);
        raw[i++] = bcd(secOfDay / 60 % 60);
        raw[i++] = bcd(secOfDay % 60);
        return i;
    }

    private static byte bcd(int v) {
        return (byte) ((v / 10) << 4 | (v % 10));
    }
}
