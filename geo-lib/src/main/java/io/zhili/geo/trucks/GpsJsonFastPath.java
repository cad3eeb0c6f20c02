package io.zhili.geo.trucks;

import java.nio.charset.StandardCharsets;

/**
 * A single-pass scanner for the ordinary GPS JSON record, in front of {@link GpsJsonParser}'s Jackson
 * path.
 *
 * <p>Why it exists: the truck job's source thread decodes every report, and Jackson's streaming
 * parser (parser set-up, symbol table, text buffers, lazy number conversion) made decoding about a
 * quarter of the job's CPU. Nearly every record has the same flat shape
 * <pre>{"truck_id":"鲁BN6265","ts":1763989200000,"lon":120.359363,"lat":36.074689,"speed_kmh":0,
 * "heading":0,"lid":"CLOSED","load_t":0.3}</pre>
 * so this class reads that shape straight from the UTF-8 bytes.
 *
 * <p>The contract is all or nothing: {@link #parse(byte[], int, int)} returns a point only when it is
 * certain that the Jackson path would accept the record with exactly the same field values (doubles
 * bit for bit), and null otherwise, so that the caller runs the Jackson path and every reject reason
 * and message stays what it was. It therefore gives up on anything outside the plain shape: escapes
 * in strings, nested objects or arrays, {@code true}/{@code false}, {@code NaN}/{@code Infinity},
 * exponents, leading zeros, negative zero, numbers that {@link #toDouble} cannot convert exactly,
 * a string {@code ts}, duplicate known keys, a missing or blank required field, a value out of
 * range, content after the object, control characters or invalid UTF-8, and records longer than
 * {@value #MAX_RECORD_BYTES} bytes (which also keeps every accepted record far below Jackson's
 * stream-read length limits).
 *
 * <p>Field rules are those of {@link GpsJsonParser}: any key order, optional JSON whitespace, unknown
 * fields with string, number or null values are ignored, {@code heading}/{@code load_t} may be null
 * (NaN) and {@code lid} null (UNKNOWN). Numbers: a JSON integer becomes {@code (double) long}, as
 * Jackson's {@code getDoubleValue} converts it; a decimal fraction {@code m / 10^k} is converted only
 * when {@code m < 2^53} and {@code k ≤ 22}, where one IEEE division of two exact doubles is correctly
 * rounded and so equals {@link Double#parseDouble} (Clinger's fast path).
 *
 * <p>Stateless apart from the shared {@link TruckIdCache}; thread-safe.
 */
final class GpsJsonFastPath {
    /** Longer records are left to Jackson; real ones are about 130 bytes. */
    static final int MAX_RECORD_BYTES = 4096;

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

    private static final byte[] NAME_TRUCK_ID = ascii("truck_id");
    private static final byte[] NAME_TS = ascii("ts");
    private static final byte[] NAME_LON = ascii("lon");
    private static final byte[] NAME_LAT = ascii("lat");
    private static final byte[] NAME_SPEED = ascii("speed_kmh");
    private static final byte[] NAME_HEADING = ascii("heading");
    private static final byte[] NAME_LID = ascii("lid");
    private static final byte[] NAME_LOAD = ascii("load_t");
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

    private static final TruckIdCache TRUCK_IDS = new TruckIdCache();

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
        final byte[] b = utf8;
        final int end = off + len;
        int i = skipWhitespace(b, off, end);
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
        i = skipWhitespace(b, i + 1, end);
        while (true) {
            if (i >= end || b[i] != '"') {
                return null;
            }
            int keyEnd = stringEnd(b, i + 1, end);
            if (keyEnd < 0) {
                return null;
            }
            int field = fieldOf(b, i + 1, keyEnd - i - 1);
            if (field != UNKNOWN_FIELD) {
                // Jackson lets a repeated key overwrite (or, when null, not overwrite): not worth copying.
                if ((seen & 1 << field) != 0) {
                    return null;
                }
                seen |= 1 << field;
            }
            i = skipWhitespace(b, keyEnd + 1, end);
            if (i >= end || b[i] != ':') {
                return null;
            }
            i = skipWhitespace(b, i + 1, end);
            if (i >= end) {
                return null;
            }
            int c = b[i];
            int valueEnd;
            if (c == '"') {
                int stringEnd = stringEnd(b, i + 1, end);
                if (stringEnd < 0) {
                    return null;
                }
                if (field == TRUCK_ID) {
                    truckId = TRUCK_IDS.decode(b, i + 1, stringEnd);
                    if (truckId.isBlank()) {
                        return null;
                    }
                } else if (field == LID) {
                    lid = lidOf(b, i + 1, stringEnd);
                    if (lid == null) {
                        return null;
                    }
                } else if (field != UNKNOWN_FIELD) {
                    return null;
                }
                valueEnd = stringEnd + 1;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                valueEnd = numberEnd(b, i, end);
                if (field == TS) {
                    ts = toLong(b, i, valueEnd);
                    if (ts == Long.MIN_VALUE) {
                        return null;
                    }
                } else {
                    double v = toDouble(b, i, valueEnd);
                    // NaN: not convertible here; a JSON number never reads as NaN.
                    if (Double.isNaN(v) || field == TRUCK_ID || field == LID) {
                        return null;
                    }
                    switch (field) {
                        case LON -> lon = v;
                        case LAT -> lat = v;
                        case SPEED -> speed = v;
                        case HEADING -> heading = v;
                        case LOAD -> load = v;
                        default -> {
                            // an unknown field: ignored
                        }
                    }
                }
            } else if (c == 'n') {
                if (end - i < 4 || b[i + 1] != 'u' || b[i + 2] != 'l' || b[i + 3] != 'l') {
                    return null;
                }
                // Null leaves heading/load NaN and lid UNKNOWN; a required field would be missing.
                if (field != UNKNOWN_FIELD && (1 << field & REQUIRED) != 0) {
                    return null;
                }
                valueEnd = i + 4;
            } else {
                return null;
            }
            i = skipWhitespace(b, valueEnd, end);
            if (i >= end) {
                return null;
            }
            if (b[i] == ',') {
                i = skipWhitespace(b, i + 1, end);
            } else if (b[i] == '}') {
                break;
            } else {
                return null;
            }
        }
        if (skipWhitespace(b, i + 1, end) != end || (seen & REQUIRED) != REQUIRED) {
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

    /**
     * {@link #parse(byte[], int, int)} for a record held as a String: its UTF-8 encoding, or null when
     * it holds an unpaired surrogate (UTF-8 cannot carry one, Jackson's String path would keep it).
     */
    static GpsPoint parse(String json) {
        if (json == null || json.isEmpty() || json.length() > MAX_RECORD_BYTES) {
            return null;
        }
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                    i++;
                } else {
                    return null;
                }
            }
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        return parse(utf8, 0, utf8.length);
    }

    /** The first index from {@code i} that is not JSON whitespace, or {@code end}. */
    private static int skipWhitespace(byte[] b, int i, int end) {
        while (i < end) {
            int c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
            i++;
        }
        return end;
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

    /** The end of the run of number characters (digits, '-', '.') from {@code i}; validated later. */
    private static int numberEnd(byte[] b, int i, int end) {
        while (i < end) {
            int c = b[i];
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return i;
            }
            i++;
        }
        return end;
    }

    /** The known field named by {@code b[s, s + n)}, or {@link #UNKNOWN_FIELD}. */
    private static int fieldOf(byte[] b, int s, int n) {
        return switch (n) {
            case 2 -> same(b, s, NAME_TS) ? TS : UNKNOWN_FIELD;
            case 3 -> same(b, s, NAME_LON) ? LON : same(b, s, NAME_LAT) ? LAT : same(b, s, NAME_LID) ? LID : UNKNOWN_FIELD;
            case 6 -> same(b, s, NAME_LOAD) ? LOAD : UNKNOWN_FIELD;
            case 7 -> same(b, s, NAME_HEADING) ? HEADING : UNKNOWN_FIELD;
            case 8 -> same(b, s, NAME_TRUCK_ID) ? TRUCK_ID : UNKNOWN_FIELD;
            case 9 -> same(b, s, NAME_SPEED) ? SPEED : UNKNOWN_FIELD;
            default -> UNKNOWN_FIELD;
        };
    }

    private static boolean same(byte[] b, int s, byte[] name) {
        for (int j = 0; j < name.length; j++) {
            if (b[s + j] != name[j]) {
                return false;
            }
        }
        return true;
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

    /**
     * The JSON integer {@code b[s, e)} (at most 18 digits, no leading zero, not {@code -0}), or
     * {@link Long#MIN_VALUE} when it is anything else.
     */
    static long toLong(byte[] b, int s, int e) {
        boolean negative = b[s] == '-';
        int i = negative ? s + 1 : s;
        int digits = e - i;
        if (digits <= 0 || digits > MAX_LONG_DIGITS || (b[i] == '0' && (digits > 1 || negative))) {
            return Long.MIN_VALUE;
        }
        long m = 0;
        for (; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            m = m * 10 + d;
        }
        return negative ? -m : m;
    }

    /**
     * The JSON number {@code b[s, e)} as Jackson's {@code getDoubleValue} reads it, bit for bit, or
     * NaN when this method cannot be certain of that: not a plain JSON number (sign, integer part
     * without leading zero, optional fraction; exponents are left to Jackson), negative zero, an
     * integer of more than 18 digits, or a fraction beyond Clinger's exact case.
     */
    static double toDouble(byte[] b, int s, int e) {
        boolean negative = b[s] == '-';
        int i = negative ? s + 1 : s;
        int intStart = i;
        long m = 0;
        while (i < e && b[i] >= '0' && b[i] <= '9') {
            m = m * 10 + (b[i] - '0');
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (b[intStart] == '0' && intDigits > 1) || intDigits > MAX_LONG_DIGITS) {
            return Double.NaN;
        }
        if (i == e) {
            if (m == 0 && negative) {
                return Double.NaN;
            }
            // Jackson keeps a JSON integer as an int or long and widens it.
            return negative ? (double) -m : (double) m;
        }
        if (b[i] != '.') {
            return Double.NaN;
        }
        int fracStart = ++i;
        while (i < e && b[i] >= '0' && b[i] <= '9') {
            // Checked before each step, so m * 10 + 9 cannot overflow; m never decreases.
            if (m >= MAX_EXACT_MANTISSA) {
                return Double.NaN;
            }
            m = m * 10 + (b[i] - '0');
            i++;
        }
        int fracDigits = i - fracStart;
        if (i != e || fracDigits == 0 || fracDigits >= POW10.length || m >= MAX_EXACT_MANTISSA
                || (m == 0 && negative)) {
            return Double.NaN;
        }
        double v = m / POW10[fracDigits];
        return negative ? -v : v;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
