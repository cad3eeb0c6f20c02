package io.zhili.geo.jt808;

import static io.zhili.geo.jt808.Jt808Protocol.ESCAPE;
import static io.zhili.geo.jt808.Jt808Protocol.FLAG;

import io.zhili.geo.trucks.DecodeOutcome;
import io.zhili.geo.trucks.GpsJsonParser;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.GpsRejectReason;
import io.zhili.geo.trucks.LidState;
import java.util.HexFormat;

/**
 * Decodes JT/T 808-2019 and -2013 frames holding a 0x0200 location report into {@link GpsPoint}s
 * (layout and muck-truck items in {@link Jt808Protocol}). Every problem is a value, never an
 * exception: a {@link DecodeOutcome} with {@link GpsRejectReason#BAD_FRAME}, {@code BAD_ESCAPE},
 * {@code TRUNCATED}, {@code BAD_CHECKSUM}, {@code UNSUPPORTED_MESSAGE}, {@code BAD_VALUE},
 * {@code BAD_TIMESTAMP}, {@code OUT_OF_RANGE} or (hex input) {@code BAD_HEX}.
 *
 * <p>Checks run in this order: delimiters and escapes, minimum length and the declared body length
 * ({@code TRUNCATED}), the check code, the message type, then field values. Values pass the same
 * range check as JSON input ({@link GpsJsonParser#rangeProblem}).
 *
 * <p>The frame is unescaped once into a reused scratch buffer and read in place; the only
 * allocations per frame are the point and its outcome (and the plate string of an unregistered
 * terminal). Not thread-safe: use one decoder per thread (one per Flink subtask).
 */
public final class Jt808Decoder {
    private final TerminalRegistry registry;
    private byte[] buf = new byte[256];
    private int messageId;
    private long phone;
    private int serial;
    private Jt808Version version;

    /** A decoder that keys points by the plate registered for the terminal's phone number. */
    public Jt808Decoder(TerminalRegistry registry) {
        this.registry = registry == null ? TerminalRegistry.EMPTY : registry;
    }

    /**
     * Decodes one frame, 0x7e delimiters included.
     *
     * @param frame bytes holding the frame at {@code [off, off + len)}
     */
    public DecodeOutcome decode(byte[] frame, int off, int len) {
        if (len < 2 || (frame[off] & 0xff) != FLAG || (frame[off + len - 1] & 0xff) != FLAG) {
            return reject(GpsRejectReason.BAD_FRAME, "frame does not start and end with 0x7e");
        }
        ensure(len);
        int n = 0;
        int end = off + len - 1;
        for (int i = off + 1; i < end; i++) {
            int b = frame[i] & 0xff;
            if (b == ESCAPE) {
                if (i + 1 >= end) {
                    return reject(GpsRejectReason.BAD_ESCAPE, "0x7d at the end of the frame");
                }
                int next = frame[++i] & 0xff;
                if (next == 0x01) {
                    buf[n++] = (byte) ESCAPE;
                } else if (next == 0x02) {
                    buf[n++] = (byte) FLAG;
                } else {
                    return reject(GpsRejectReason.BAD_ESCAPE,
                            String.format("0x7d followed by 0x%02x at byte %d", next, i - off));
                }
            } else if (b == FLAG) {
                return reject(GpsRejectReason.BAD_FRAME, "0x7e inside the frame at byte " + (i - off));
            } else {
                buf[n++] = (byte) b;
            }
        }
        return decodeUnescaped(n);
    }

    /** Decodes a whole array as one frame. */
    public DecodeOutcome decode(byte[] frame) {
        return decode(frame, 0, frame.length);
    }

    /**
     * Decodes one frame written as hex (the line format of {@code gps.jt808} files: one frame per
     * line, upper- or lower-case, 0x7e delimiters included, surrounding white space ignored).
     */
    public DecodeOutcome decodeHex(CharSequence hex) {
        int from = 0;
        int to = hex.length();
        while (from < to && Character.isWhitespace(hex.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(hex.charAt(to - 1))) {
            to--;
        }
        int chars = to - from;
        if (chars == 0) {
            return reject(GpsRejectReason.BAD_HEX, "empty line");
        }
        if ((chars & 1) != 0) {
            return reject(GpsRejectReason.BAD_HEX, "odd number of hex digits (" + chars + ")");
        }
        int len = chars / 2;
        // Hex is decoded into the upper half of a scratch array; unescaping then writes to buf.
        byte[] bytes = hexScratch(len);
        for (int k = 0; k < len; k++) {
            char hi = hex.charAt(from + 2 * k);
            char lo = hex.charAt(from + 2 * k + 1);
            if (!HexFormat.isHexDigit(hi) || !HexFormat.isHexDigit(lo)) {
                return reject(GpsRejectReason.BAD_HEX, "non-hex character near position " + (2 * k + 1));
            }
            bytes[k] = (byte) (HexFormat.fromHexDigit(hi) << 4 | HexFormat.fromHexDigit(lo));
        }
        return decode(bytes, 0, len);
    }

    /** Message id of the last frame whose header was read (valid after a decode past the header). */
    public int lastMessageId() {
        return messageId;
    }

    /** Terminal phone number of the last frame whose header was read. */
    public long lastPhone() {
        return phone;
    }

    /** Message serial number of the last frame whose header was read. */
    public int lastSerial() {
        return serial;
    }

    /** Header layout of the last frame whose header was read. */
    public Jt808Version lastVersion() {
        return version;
    }

    private byte[] hexScratch;

    private byte[] hexScratch(int len) {
        if (hexScratch == null || hexScratch.length < len) {
            hexScratch = new byte[Math.max(256, len)];
        }
        return hexScratch;
    }

    private void ensure(int len) {
        if (buf.length < len) {
            buf = new byte[Math.max(len, 2 * buf.length)];
        }
    }

    private DecodeOutcome decodeUnescaped(int n) {
        // n counts header + body + check code.
        if (n < Jt808Version.V2013.headerLength() + 1) {
            return reject(GpsRejectReason.TRUNCATED, "frame of " + n + " bytes is shorter than a header");
        }
        messageId = u16(0);
        int props = u16(2);
        version = (props & Jt808Protocol.PROPS_VERSION_2019) != 0 ? Jt808Version.V2019 : Jt808Version.V2013;
        boolean split = (props & Jt808Protocol.PROPS_SPLIT) != 0;
        int headerLength = version.headerLength() + (split ? 4 : 0);
        int bodyLength = props & Jt808Protocol.PROPS_BODY_LENGTH_MASK;
        if (n - 1 < headerLength) {
            return reject(GpsRejectReason.TRUNCATED, "frame of " + n + " bytes is shorter than a " + version + " header");
        }
        int phoneAt = version == Jt808Version.V2019 ? 5 : 4;
        serial = u16(phoneAt + version.phoneBytes());
        if (n - 1 < headerLength + bodyLength) {
            return reject(GpsRejectReason.TRUNCATED, "body of " + (n - 1 - headerLength) + " bytes, header declares " + bodyLength);
        }
        if (n - 1 > headerLength + bodyLength) {
            return reject(GpsRejectReason.BAD_FRAME, "body of " + (n - 1 - headerLength) + " bytes, header declares " + bodyLength);
        }
        int check = 0;
        for (int i = 0; i < n - 1; i++) {
            check ^= buf[i];
        }
        if ((check & 0xff) != (buf[n - 1] & 0xff)) {
            return reject(GpsRejectReason.BAD_CHECKSUM,
                    String.format("check code 0x%02x, computed 0x%02x", buf[n - 1] & 0xff, check & 0xff));
        }
        long ph = 0;
        for (int i = phoneAt; i < phoneAt + version.phoneBytes(); i++) {
            int b = buf[i] & 0xff;
            int hi = b >>> 4;
            int lo = b & 0xf;
            if (hi > 9 || lo > 9) {
                return reject(GpsRejectReason.BAD_VALUE, String.format("terminal phone BCD byte 0x%02x", b));
            }
            if (ph > 99_999_999_999_999_99L) {
                return reject(GpsRejectReason.BAD_VALUE, "terminal phone number has over 18 significant digits");
            }
            ph = ph * 100 + hi * 10 + lo;
        }
        phone = ph;
        if (messageId != Jt808Protocol.MSG_LOCATION_REPORT) {
            return reject(GpsRejectReason.UNSUPPORTED_MESSAGE, String.format("message id 0x%04x", messageId));
        }
        if (split) {
            return reject(GpsRejectReason.UNSUPPORTED_MESSAGE, "location report split into packages");
        }
        if (((props >>> Jt808Protocol.PROPS_ENCRYPTION_SHIFT) & 0x7) != 0) {
            return reject(GpsRejectReason.UNSUPPORTED_MESSAGE, "encrypted message body");
        }
        return decodeLocation(headerLength, bodyLength);
    }

    private DecodeOutcome decodeLocation(int at, int bodyLength) {
        if (bodyLength < Jt808Protocol.LOCATION_BASE_LENGTH) {
            return reject(GpsRejectReason.TRUNCATED, "0x0200 body of " + bodyLength + " bytes, at least 28 needed");
        }
        int status = (int) u32(at + 4);
        if ((status & Jt808Protocol.STATUS_COORDS_ENCRYPTED) != 0) {
            return reject(GpsRejectReason.UNSUPPORTED_MESSAGE, "latitude/longitude encrypted (status bit 5)");
        }
        if ((status & Jt808Protocol.STATUS_POSITIONED) == 0) {
            return reject(GpsRejectReason.OUT_OF_RANGE, "no satellite fix (status bit 1 clear)");
        }
        long latMicro = u32(at + 8);
        long lonMicro = u32(at + 12);
        double lat = ((status & Jt808Protocol.STATUS_SOUTH) != 0 ? -latMicro : latMicro) / 1e6;
        double lon = ((status & Jt808Protocol.STATUS_WEST) != 0 ? -lonMicro : lonMicro) / 1e6;
        double speed = u16(at + 18) / 10.0;
        int direction = u16(at + 20);
        if (direction > 359) {
            return reject(GpsRejectReason.OUT_OF_RANGE, "direction " + direction + " outside [0, 359]");
        }
        long ts = bcdTime(at + 22);
        if (ts == Long.MIN_VALUE) {
            return reject(GpsRejectReason.BAD_TIMESTAMP, String.format("BCD time %02x%02x%02x%02x%02x%02x",
                    buf[at + 22], buf[at + 23], buf[at + 24], buf[at + 25], buf[at + 26], buf[at + 27]));
        }
        double load = Double.NaN;
        LidState lid = LidState.UNKNOWN;
        int i = at + Jt808Protocol.LOCATION_BASE_LENGTH;
        int end = at + bodyLength;
        while (i < end) {
            if (i + 2 > end) {
                return reject(GpsRejectReason.TRUNCATED, "additional item header cut at body end");
            }
            int id = buf[i] & 0xff;
            int len = buf[i + 1] & 0xff;
            int v = i + 2;
            if (v + len > end) {
                return reject(GpsRejectReason.TRUNCATED, String.format("additional item 0x%02x of %d bytes overruns the body", id, len));
            }
            if (id == Jt808Protocol.ITEM_LOAD) {
                if (len != 2) {
                    return reject(GpsRejectReason.BAD_VALUE, "load item 0xE1 has length " + len + ", 2 expected");
                }
                load = u16(v) / 10.0;
                if (load > GpsJsonParser.MAX_LOAD_T) {
                    return reject(GpsRejectReason.OUT_OF_RANGE, "load " + load + " t above " + GpsJsonParser.MAX_LOAD_T);
                }
            } else if (id == Jt808Protocol.ITEM_LID) {
                if (len != 1) {
                    return reject(GpsRejectReason.BAD_VALUE, "lid item 0xE2 has length " + len + ", 1 expected");
                }
                int s = buf[v] & 0xff;
                if (s > 1) {
                    return reject(GpsRejectReason.BAD_VALUE, "lid item 0xE2 value " + s + ", 0 or 1 expected");
                }
                lid = s == 1 ? LidState.OPEN : LidState.CLOSED;
            }
            i = v + len;
        }
        String problem = GpsJsonParser.rangeProblem(ts, lon, lat, speed);
        if (problem != null) {
            return reject(GpsRejectReason.OUT_OF_RANGE, problem);
        }
        return DecodeOutcome.accepted(new GpsPoint(registry.truckId(phone), ts, lon, lat, speed, direction, lid, load));
    }

    /** Epoch ms of a BCD YYMMDDhhmmss time in GMT+8, or Long.MIN_VALUE when it is not a valid time. */
    private long bcdTime(int at) {
        int year = bcd(at);
        int month = bcd(at + 1);
        int day = bcd(at + 2);
        int hour = bcd(at + 3);
        int minute = bcd(at + 4);
        int second = bcd(at + 5);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int y = 2000 + year;
        if (day > daysInMonth(y, month)) {
            return Long.MIN_VALUE;
        }
        long days = daysFromCivil(y, month, day);
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L - Jt808Protocol.GMT8_MS;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm, no allocation). */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468;
    }

    private int bcd(int i) {
        int b = buf[i] & 0xff;
        int hi = b >>> 4;
        int lo = b & 0xf;
        return hi > 9 || lo > 9 ? -1 : hi * 10 + lo;
    }

    private int u16(int i) {
        return (buf[i] & 0xff) << 8 | (buf[i + 1] & 0xff);
    }

    private long u32(int i) {
        return ((long) (buf[i] & 0xff) << 24) | (buf[i + 1] & 0xff) << 16 | (buf[i + 2] & 0xff) << 8 | (buf[i + 3] & 0xff);
    }

    private static DecodeOutcome reject(GpsRejectReason reason, String detail) {
        return DecodeOutcome.rejected(reason, detail);
    }
}
