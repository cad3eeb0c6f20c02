package io.zhili.geo.trucks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A single-pass scanner for the ordinary GPS JSON record, in front of {@link GpsJsonParser}'s Jackson
 * path.
 *
 * <p>Why it exists: the truck job's source thread decodes every report, and Jackson's streaming
 * parser (parser set-up, symbol table, text buffers, lazy number conversion) made decoding about a
 * quarter of the job's CPU. Nearly every record has the same flat shape
 * <pre>{"truck_id":"鲁BN6265","ts":1763989200000,"lon":120.359363,"lat":36.074689,"speed_kmh":0,
 * "heading":0,"lid":"CLOSED","load_t":0.3}</pre>
 * so this class reads that shape straight from the UTF-8 bytes: each key is first compared, eight
 * bytes at a time, with the one that follows in that order, and each number is converted while it
 * is scanned.
 *
 * <p>The contract is all or nothing: {@link #parse(byte[], int, int)} returns a point only when it is
 * certain that the Jackson path would accept the record with exactly the same field values (doubles
 * bit for bit), and null otherwise, so that the caller runs the Jackson path and every reject reason
 * and message stays what it was. It therefore gives up on anything outside the plain shape: escapes
 * in strings, nested objects or arrays, {@code true}/{@code false}, {@code NaN}/{@code Infinity},
 * exponents, leading zeros, negative zero, numbers that cannot be converted exactly here (below),
 * a string {@code ts}, duplicate known keys, a missing or blank required field, a value out of
 * range, content after the object, control characters, invalid UTF-8 (from a String: any
 * surrogate), and records longer than {@value #MAX_RECORD_BYTES} bytes (which also keeps every
 * accepted record far below Jackson's stream-read length limits).
 *
 * <p>Field rules are those of {@link GpsJsonParser}: any key order, optional JSON whitespace, unknown
 * fields with string, number or null values are ignored, {@code heading}/{@code load_t} may be null
 * (NaN) and {@code lid} null (UNKNOWN). Numbers: a JSON integer of up to 18 digits becomes
 * {@code (double) long}, as Jackson's {@code getDoubleValue} converts it; a decimal fraction
 * {@code m / 10^k} is converted only when {@code m < 2^53} and {@code k ≤ 22}, where one IEEE
 * division of two exact doubles is correctly rounded and so equals {@link Double#parseDouble}
 * (Clinger's fast path).
 *
 * <p>Thread-safe: the static entry points use a fresh instance per call and, for Strings, a
 * per-thread buffer.
 */
final class GpsJsonFastPath {
    /** Longer records are left to Jackson; real ones are about 130 bytes. */
    static final int MAX_RECORD_BYTES = 4096;

    /** Eight bytes of a byte[] as one little-endian long, at any index (declared before KEYS, which use it). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // Field ids in the contract's order, the order GpsJsonWriter writes: the key expected after
    // field f is f + 1.
    private static final int TRUCK_ID = 0;
    private static final int TS = 1;
    private static final int LON = 2;
    private static final int LAT = 3;
    private static final int SPEED = 4;
    private static final int HEADING = 5;
    private static final int LID = 6;
    private static final int LOAD = 7;
    private static final int UNKNOWN_FIELD = -1;
    private static final int REQUIRED = 1 << TRUCK_ID | 1 << TS | 1 << LON | 1 << LAT | 1 << SPEED;
    private static final Key[] KEYS = {
        new Key("truck_id"), new Key("ts"), new Key("lon"), new Key("lat"), new Key("speed_kmh"),
        new Key("heading"), new Key("lid"), new Key("load_t"),
    };

    private static final byte[] LID_CLOSED = ascii("CLOSED");
    private static final byte[] LID_OPEN = ascii("OPEN");
    private static final byte[] LID_UNKNOWN = ascii("UNKNOWN");

    /** Mantissas from 2^53 on are not all exact doubles. */
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    /** 10^0 .. 10^22, the powers of ten that are exact doubles. */
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    /** 18 decimal digits always fit a long. */
    private static final int MAX_LONG_DIGITS = 18;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** The value of the last {@link #readNumber}, so that it can return the next position. */
    private double number;
    /** The value of the last {@link #readInteger}; the magnitude read by the last {@link #readDigits}. */
    private long integer;
    /** The sign read by the last {@link #readDigits}. */
    private boolean negative;

    private GpsJsonFastPath() {
    }

    /**
     * The point encoded in {@code utf8[off, off + len)}, or null when the record is not certainly an
     * ordinary valid one (then only the Jackson path can say what it is).
     */
    static GpsPoint parse(byte[] utf8, int off, int len) {
        if (len <= 0 || len > MAX_RECORD_BYTES) {
            return null;
        }
        return new GpsJsonFastPath().record(utf8, off, off + len);
    }

    /**
     * {@link #parse(byte[], int, int)} of the record's UTF-8 encoding, written into a per-thread
     * buffer: {@link String#getBytes} would allocate twice per record and silently turn an unpaired
     * surrogate (which Jackson's String path keeps) into {@code ?}. Any surrogate gives up.
     */
    static GpsPoint parse(String json) {
        if (json == null) {
            return null;
        }
        int n = json.length();
        if (n == 0 || n > MAX_RECORD_BYTES) {
            return null;
        }
        Buffers buffers = BUFFERS.get();
        char[] chars = buffers.chars;
        byte[] utf8 = buffers.utf8;
        json.getChars(0, n, chars, 0);
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (c < 0x80) {
                utf8[len++] = (byte) c;
            } else if (c < 0x800) {
                utf8[len++] = (byte) (0xc0 | c >> 6);
                utf8[len++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                return null;
            } else {
                utf8[len++] = (byte) (0xe0 | c >> 12);
                utf8[len++] = (byte) (0x80 | c >> 6 & 0x3f);
                utf8[len++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return parse(utf8, 0, len);
    }

    private GpsPoint record(byte[] b, int i, int end) {
        i = skipWhitespace(b, i, end);
        if (i >= end || b[i] != '{') {
            return null;
        }
        String truckId = null;
        long ts = 0;
        double lon = 0;
        double lat = 0;
        double speed = 0;
        double heading = Double.NaN;
        double load = Double.NaN;
        LidState lid = LidState.UNKNOWN;
        int seen = 0;
        int expected = TRUCK_ID;
        i = skipWhitespace(b, i + 1, end);
        while (true) {
            int field;
            if (expected < KEYS.length && KEYS[expected].isAt(b, i, end)) {
                field = expected;
                i += KEYS[expected].length;
            } else {
                if (i >= end || b[i] != '"') {
                    return null;
                }
                int stop = stringEnd(b, i + 1, end);
                if (stop < 0) {
                    return null;
                }
                field = fieldOf(b, i + 1, stop);
                i = skipWhitespace(b, stop + 1, end);
                if (i >= end || b[i] != ':') {
                    return null;
                }
                i++;
            }
            if (field != UNKNOWN_FIELD) {
                // Jackson lets a repeated key overwrite (or, when null, not overwrite): not worth copying.
                if ((seen & 1 << field) != 0) {
                    return null;
                }
                seen |= 1 << field;
                expected = field + 1;
            }
            i = skipWhitespace(b, i, end);
            if (i >= end) {
                return null;
            }
            int c = b[i];
            if (c == '"') {
                int start = i + 1;
                int stop = stringEnd(b, start, end);
                if (stop < 0) {
                    return null;
                }
                i = stop + 1;
                if (field == TRUCK_ID) {
                    // Not cached: with a fleet of 6000 plates through one thread, a plate cache's
                    // lookups missed the CPU caches and cost more than this allocation.
                    truckId = new String(b, start, stop - start, StandardCharsets.UTF_8);
                    if (truckId.isBlank()) {
                        return null;
                    }
                } else if (field == LID) {
                    lid = lidOf(b, start, stop);
                    if (lid == null) {
                        return null;
                    }
                } else if (field != UNKNOWN_FIELD) {
                    return null;
                }
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                if (field == TS) {
                    i = readInteger(b, i, end);
                    ts = integer;
                } else if (field != TRUCK_ID && field != LID) {
                    i = readNumber(b, i, end);
                    switch (field) {
                        case LON -> lon = number;
                        case LAT -> lat = number;
                        case SPEED -> speed = number;
                        case HEADING -> heading = number;
                        case LOAD -> load = number;
                        default -> {
                            // an unknown field: ignored
                        }
                    }
                } else {
                    return null;
                }
                if (i < 0) {
                    return null;
                }
            } else if (c == 'n') {
                if (end - i < 4 || b[i + 1] != 'u' || b[i + 2] != 'l' || b[i + 3] != 'l') {
                    return null;
                }
                // Null leaves heading/load NaN and lid UNKNOWN; a required field would be missing.
                if (field != UNKNOWN_FIELD && (1 << field & REQUIRED) != 0) {
                    return null;
                }
                i += 4;
            } else {
                return null;
            }
            i = skipWhitespace(b, i, end);
            if (i >= end) {
                return null;
            }
            c = b[i++];
            if (c == '}') {
                break;
            }
            if (c != ',') {
                return null;
            }
            i = skipWhitespace(b, i, end);
        }
        if (skipWhitespace(b, i, end) != end || (seen & REQUIRED) != REQUIRED) {
            return null;
        }
        if (!Double.isNaN(heading) && !(heading >= 0 && heading <= 360)) {
            return null;
        }
        if (!Double.isNaN(load) && !(load >= 0 && load <= GpsJsonParser.MAX_LOAD_T)) {
            return null;
        }
        if (GpsJsonParser.rangeProblem(ts, lon, lat, speed) != null) {
            return null;
        }
        return new GpsPoint(truckId, ts, lon, lat, speed, heading, lid, load);
    }

    /** The known field named by the key {@code b[start, stop)}, or {@link #UNKNOWN_FIELD}. */
    private static int fieldOf(byte[] b, int start, int stop) {
        for (int f = 0; f < KEYS.length; f++) {
            if (KEYS[f].isName(b, start, stop)) {
                return f;
            }
        }
        return UNKNOWN_FIELD;
    }

    /** The first index from {@code i} that is not JSON whitespace, or {@code end}. */
    private static int skipWhitespace(byte[] b, int i, int end) {
        while (i < end) {
            int c = b[i];
            if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
                return i;
            }
            i++;
        }
        return end;
    }

    /**
     * Reads an optional minus and the integer digits at {@code i} (at most 18, no leading zero before
     * another digit) into {@link #negative} and {@link #integer} (the magnitude): the index after the
     * digits, or -1 when there are none or they break those rules.
     */
    private int readDigits(byte[] b, int i, int end) {
        negative = b[i] == '-';
        if (negative) {
            i++;
        }
        int start = i;
        long m = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            m = m * 10 + d;
        }
        int digits = i - start;
        if (digits == 0 || digits > MAX_LONG_DIGITS || (b[start] == '0' && digits > 1)) {
            return -1;
        }
        integer = m;
        return i;
    }

    /**
     * Reads the JSON integer at {@code i} (at most 18 digits, no leading zero, not {@code -0}) into
     * {@link #integer}: the index after its digits, or -1 when it is anything else. A fraction or
     * exponent that follows the digits then fails the caller's separator check.
     */
    private int readInteger(byte[] b, int i, int end) {
        i = readDigits(b, i, end);
        if (i < 0 || (negative && integer == 0)) {
            return -1;
        }
        if (negative) {
            integer = -integer;
        }
        return i;
    }

    /**
     * Reads the JSON number at {@code i} into {@link #number} as Jackson's {@code getDoubleValue}
     * reads it, bit for bit: the index after its digits, or -1 when it cannot be certain of the value
     * (negative zero, a leading zero, an integer of more than 18 digits, a fraction beyond Clinger's
     * exact case). An exponent or other character after the digits then fails the caller's
     * separator check.
     */
    private int readNumber(byte[] b, int i, int end) {
        i = readDigits(b, i, end);
        if (i < 0) {
            return -1;
        }
        long m = integer;
        if (i == end || b[i] != '.') {
            if (m == 0 && negative) {
                return -1;
            }
            // Jackson keeps a JSON integer as an int or long and widens it.
            number = negative ? (double) -m : (double) m;
            return i;
        }
        int fracStart = ++i;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            // Checked before each step, so m * 10 + 9 cannot overflow; m never decreases.
            if (m >= MAX_EXACT_MANTISSA) {
                return -1;
            }
            m = m * 10 + d;
        }
        int fracDigits = i - fracStart;
        if (fracDigits == 0 || fracDigits >= POW10.length || m >= MAX_EXACT_MANTISSA || (m == 0 && negative)) {
            return -1;
        }
        double v = m / POW10[fracDigits];
        number = negative ? -v : v;
        return i;
    }

    /**
     * The number {@code b[s, e)} as the fast path reads it, or NaN when it would give up (also when
     * the number does not fill the range); for tests.
     */
    static double toDouble(byte[] b, int s, int e) {
        GpsJsonFastPath reader = new GpsJsonFastPath();
        return reader.readNumber(b, s, e) == e ? reader.number : Double.NaN;
    }

    /** {@link #toDouble} for {@code ts}: the integer, or {@link Long#MIN_VALUE}; for tests. */
    static long toLong(byte[] b, int s, int e) {
        GpsJsonFastPath reader = new GpsJsonFastPath();
        return reader.readInteger(b, s, e) == e ? reader.integer : Long.MIN_VALUE;
    }

    /**
     * The index of the closing quote of the string whose content starts at {@code i}, or -1 when the
     * string is unterminated, has an escape or a control character, or is not well-formed UTF-8.
     */
    static int stringEnd(byte[] b, int i, int end) {
        while (i < end) {
            int c = b[i];
            if (c >= 0x20) {
                if (c == '"') {
                    return i;
                }
                if (c == '\\') {
                    return -1;
                }
                i++;
            } else if (c >= 0) {
                return -1;
            } else {
                int n = utf8SequenceLength(b, i, end);
                if (n < 0) {
                    return -1;
                }
                i += n;
            }
        }
        return -1;
    }

    /**
     * The length of the well-formed multi-byte UTF-8 sequence at {@code i} (Unicode Table 3-7: no
     * overlong forms, no surrogates, nothing above U+10FFFF), or -1.
     */
    private static int utf8SequenceLength(byte[] b, int i, int end) {
        int lead = b[i] & 0xff;
        if (lead >= 0xc2 && lead <= 0xdf) {
            return i + 1 < end && continuation(b[i + 1]) ? 2 : -1;
        }
        if (lead >= 0xe0 && lead <= 0xef) {
            if (i + 2 >= end) {
                return -1;
            }
            int second = b[i + 1] & 0xff;
            int low = lead == 0xe0 ? 0xa0 : 0x80;
            int high = lead == 0xed ? 0x9f : 0xbf;
            return second >= low && second <= high && continuation(b[i + 2]) ? 3 : -1;
        }
        if (lead >= 0xf0 && lead <= 0xf4) {
            if (i + 3 >= end) {
                return -1;
            }
            int second = b[i + 1] & 0xff;
            int low = lead == 0xf0 ? 0x90 : 0x80;
            int high = lead == 0xf4 ? 0x8f : 0xbf;
            return second >= low && second <= high && continuation(b[i + 2]) && continuation(b[i + 3]) ? 4 : -1;
        }
        return -1;
    }

    private static boolean continuation(byte b) {
        return (b & 0xc0) == 0x80;
    }

    /**
     * The lid state named by {@code b[s, e)}, ASCII case-insensitively, or null. Non-ASCII text is
     * null too, though {@link String#equalsIgnoreCase} would match e.g. {@code "CLOſED"}: Jackson
     * decides those.
     */
    private static LidState lidOf(byte[] b, int s, int e) {
        int n = e - s;
        if (n == LID_CLOSED.length && sameIgnoringAsciiCase(b, s, LID_CLOSED)) {
            return LidState.CLOSED;
        }
        if (n == LID_OPEN.length && sameIgnoringAsciiCase(b, s, LID_OPEN)) {
            return LidState.OPEN;
        }
        if (n == LID_UNKNOWN.length && sameIgnoringAsciiCase(b, s, LID_UNKNOWN)) {
            return LidState.UNKNOWN;
        }
        return null;
    }

    private static boolean sameIgnoringAsciiCase(byte[] b, int s, byte[] upperName) {
        for (int j = 0; j < upperName.length; j++) {
            int c = b[s + j];
            if (c >= 'a' && c <= 'z') {
                c -= 'a' - 'A';
            }
            if (c != upperName[j]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A thread's room for the chars of any String record short enough to be read here, and their UTF-8. */
    private static final class Buffers {
        final char[] chars = new char[MAX_RECORD_BYTES];
        final byte[] utf8 = new byte[3 * MAX_RECORD_BYTES];
    }

    /**
     * A known key as the canonical shape writes it, quotes and colon included ({@code "ts":}), held
     * as little-endian words so that {@link #isAt} compares it in one or two loads.
     */
    private static final class Key {
        final byte[] name;
        /** Bytes of {@code "name":}, 5 to 16. */
        final int length;
        /** Its first eight bytes (fewer when shorter, zero-padded), and the mask of those present. */
        final long head;
        final long headMask;
        /** Its last eight bytes, used when it is longer than eight. */
        final long tail;

        Key(String name) {
            this.name = ascii(name);
            byte[] literal = ascii('"' + name + "\":");
            length = literal.length;
            byte[] padded = Arrays.copyOf(literal, Math.max(Long.BYTES, length));
            head = (long) LONGS.get(padded, 0);
            headMask = length >= Long.BYTES ? -1L : (1L << (Byte.SIZE * length)) - 1;
            tail = (long) LONGS.get(padded, padded.length - Long.BYTES);
            if (length > 2 * Long.BYTES) {
                throw new IllegalArgumentException("key too long for two words: " + name);
            }
        }

        /** Whether {@code "name":} starts at {@code i}, all of it before {@code end}. */
        boolean isAt(byte[] b, int i, int end) {
            if (end - i < Math.max(Long.BYTES, length)) {
                return false;
            }
            if (((long) LONGS.get(b, i) & headMask) != head) {
                return false;
            }
            return length <= Long.BYTES || (long) LONGS.get(b, i + length - Long.BYTES) == tail;
        }

        /** Whether {@code b[s, e)} is the name. */
        boolean isName(byte[] b, int s, int e) {
            return Arrays.equals(b, s, e, name, 0, name.length);
        }
    }
}
