package io.zhili.geo.trucks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path against the Jackson path: for every line, {@link GpsJsonParser#parse} (fast path
 * first) and {@code parseWithJackson} must give the same outcome, doubles bit for bit, from bytes and
 * from a String. Separate checks pin that the fast path really takes the ordinary lines, so that
 * the differential checks cannot pass by the fast path never answering.
 */
class GpsJsonFastPathTest {
    private static final String CANONICAL = "{\"truck_id\":\"鲁BN6265\",\"ts\":1763989200000,\"lon\":120.359363,"
            + "\"lat\":36.074689,\"speed_kmh\":0,\"heading\":0,\"lid\":\"CLOSED\",\"load_t\":0.3}";
    private static final String[] FIELDS = {"truck_id", "ts", "lon", "lat", "speed_kmh", "heading", "lid", "load_t"};
    private static final String[] CANONICAL_VALUES = {"\"鲁BN6265\"", "1763989200000", "120.359363", "36.074689",
        "0", "0", "\"CLOSED\"", "0.3"};

    @Test
    void canonicalRecordIsReadByTheFastPathWithItsExactValues() {
        GpsPoint p = GpsJsonFastPath.parse(utf8(CANONICAL), 0, utf8(CANONICAL).length);
        assertNotNull(p);
        assertEquals("鲁BN6265", p.truckId());
        assertEquals(1_763_989_200_000L, p.ts());
        assertBits(120.359363, p.lon());
        assertBits(36.074689, p.lat());
        assertBits(0.0, p.speedKmh());
        assertBits(0.0, p.heading());
        assertEquals(LidState.CLOSED, p.lid());
        assertBits(0.3, p.loadT());
        assertSameOutcome(CANONICAL);
    }

    @Test
    void plainNumbersConvertToTheReferenceDoubles() {
        assertBits(0.1, toDouble("0.1"));
        assertBits(-36.074689, toDouble("-36.074689"));
        assertBits(1e-22, toDouble("0.0000000000000000000001"));
        // (double) long rounds to even, as Double.parseDouble does: 2^53 + 1 is not a double.
        assertBits(9_007_199_254_740_992.0, toDouble("9007199254740993"));
        assertBits(-4.0, toDouble("-4"));
    }

    @Test
    void numbersTheFastPathCannotBeCertainOfAreLeftToJackson() {
        for (String s : List.of("1e2", "1E2", "120.0000000000000001", "-0", "-0.0", "00", "01", "1.", ".5", "-",
                "--1", "1-2", "120.3.5", "0.00000000000000000000001", "1234567890123456789",
                "9007199254740993.5", "120.35936300000000000000000")) {
            assertTrue(Double.isNaN(toDouble(s)), s);
        }
        assertEquals(Long.MIN_VALUE, GpsJsonFastPath.toLong(utf8("-0"), 0, 2));
        assertEquals(Long.MIN_VALUE, GpsJsonFastPath.toLong(utf8("01763989200000"), 0, 14));
        assertEquals(Long.MIN_VALUE, GpsJsonFastPath.toLong(utf8("1763989200000.0"), 0, 15));
        assertEquals(Long.MIN_VALUE, GpsJsonFastPath.toLong(utf8("9223372036854775807"), 0, 19));
        assertEquals(1_763_989_200_000L, GpsJsonFastPath.toLong(utf8("1763989200000"), 0, 13));
    }

    @Test
    void decimalFractionsAreBitIdenticalToParseDouble() {
        Random r = new Random(7);
        int converted = 0;
        for (int n = 0; n < 200_000; n++) {
            int digits = 1 + r.nextInt(17);
            long m = Math.floorMod(r.nextLong(), (long) Math.pow(10, digits));
            if (r.nextInt(10) == 0) {
                m = (1L << 53) - 1 - r.nextInt(1000);
            }
            String text = Long.toString(m);
            int k = r.nextInt(Math.min(22, text.length() + 4) + 1);
            while (text.length() <= k) {
                text = "0" + text;
            }
            String decimal = (r.nextBoolean() ? "-" : "") + text.substring(0, text.length() - k)
                    + (k > 0 ? "." + text.substring(text.length() - k) : "");
            double v = toDouble(decimal);
            if (!Double.isNaN(v)) {
                converted++;
                double reference = k == 0 ? (double) Long.parseLong(decimal) : Double.parseDouble(decimal);
                assertBits(reference, v);
            }
        }
        assertTrue(converted > 150_000, "converted " + converted);
    }

    @Test
    void writerLinesOfRandomPointsAgreeAndOrdinaryOnesTakeTheFastPath() {
        Random r = new Random(20251);
        int fast = 0;
        for (int n = 0; n < 30_000; n++) {
            GpsPoint p = randomPoint(r);
            String line = GpsJsonWriter.toJson(p);
            assertSameOutcome(line);
            if (ordinary(p) && !line.matches(".*[0-9]E.*") && !line.contains("\\")) {
                assertTakenByTheFastPath(line);
                fast++;
            }
        }
        assertTrue(fast > 18_000, "fast " + fast);
    }

    @Test
    void handWrittenOrdinaryShapesTakeTheFastPath() {
        List<String> lines = List.of(
                CANONICAL,
                " \t\r\n" + CANONICAL + " \r\n",
                "{ \"truck_id\" : \"鲁BN6265\" ,\n\"ts\"\t:\t1763989200000 , \"lon\":120.359363,\"lat\":36.074689,"
                        + "\"speed_kmh\":0 , \"heading\":0,\"lid\":\"CLOSED\",\"load_t\":0.3 }",
                "{\"load_t\":null,\"lid\":\"open\",\"heading\":null,\"speed_kmh\":12.5,\"lat\":-36.5,\"lon\":-120,"
                        + "\"ts\":1763989200000,\"truck_id\":\"京A·12345\"}",
                "{\"truck_id\":\"鲁BN6265\",\"ts\":1763989200000,\"lon\":120.359363,\"lat\":36.074689,\"speed_kmh\":0}",
                "{\"truck_id\":\"鲁BN6265\",\"x\":\"y😀\",\"ts\":1763989200000,\"lon\":120.359363,\"lat\":36.074689,"
                        + "\"speed_kmh\":0,\"lid\":null}",
                "{\"truck_id\":\"车😀1\",\"ts\":946684800000,\"lon\":180,\"lat\":-90,\"speed_kmh\":250,\"heading\":360,"
                        + "\"lid\":\"Unknown\",\"load_t\":100,\"ts_2\":-12.5,\"note\":null,\"seq\":0}",
                "{\"truck_id\":\"鲁B1\",\"ts\":4102444799999,\"lon\":0,\"lat\":0.1,\"speed_kmh\":0.0,\"heading\":0.0,"
                        + "\"load_t\":0.0000000000000000000001}");
        for (String line : lines) {
            assertTakenByTheFastPath(line);
            assertSameOutcome(line);
        }
    }

    @Test
    void trickyLinesAreLeftToJacksonAndAgree() {
        List<String> tricky = trickyLines();
        for (String line : tricky) {
            assertSameOutcome(line);
        }
        for (String line : List.of(
                with("lon", "1e2"), with("lon", "120.0000000000000001"), with("lat", "-0"), with("lat", "00"),
                with("lon", "1."), with("ts", "\"1763989200000\""), with("ts", "99999999999999999999"),
                with("truck_id", "\"鲁B\\u0031\""), with("lon", "NaN"), with("lid", "true"), with("load_t", "[1]"),
                CANONICAL.replace("\"lat\"", "\"lon\""), CANONICAL.replace(",\"lat\":36.074689", ""),
                with("truck_id", "\"\u3000\""), CANONICAL + "x", "\uFEFF" + CANONICAL, with("lid", "\"CLO\u017FED\""),
                CANONICAL.replace("鲁", "鲁\uD800"))) {
            assertNull(GpsJsonFastPath.parse(line), line);
        }
    }

    @Test
    void invalidUtf8IsLeftToJacksonAndAgrees() {
        byte[] canonical = utf8(CANONICAL);
        // Each replacement overwrites the three bytes of 鲁 in the truck id.
        int at = utf8(CANONICAL.substring(0, CANONICAL.indexOf('鲁'))).length;
        byte[][] replacements = {
            {(byte) 0xc0, (byte) 0xb2, 'x'},            // overlong
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},    // an encoded surrogate
            {(byte) 0x80, 'x', 'y'},                     // a lone continuation byte
            {(byte) 0xe9, (byte) 0xb2, 'x'},             // a truncated sequence
            {(byte) 0xf5, (byte) 0x80, (byte) 0x80},    // beyond U+10FFFF
            {(byte) 0xe0, (byte) 0x80, (byte) 0x80},    // overlong three-byte form
            {0x00, 'x', 'y'},                            // NUL
            {0x1f, 'x', 'y'},                            // a control character
        };
        for (byte[] rep : replacements) {
            byte[] b = canonical.clone();
            System.arraycopy(rep, 0, b, at, 3);
            assertNull(GpsJsonFastPath.parse(b, 0, b.length), Arrays.toString(rep));
            assertSameOutcome(b);
        }
    }

    @Test
    void everyPrefixOfTheCanonicalLineAgrees() {
        byte[] b = utf8(CANONICAL);
        for (int n = 0; n <= b.length; n++) {
            assertSameOutcome(Arrays.copyOf(b, n));
        }
    }

    @Test
    void randomMutationsOfValidLinesAgree() {
        Random r = new Random(808);
        List<byte[]> bases = new ArrayList<>();
        bases.add(utf8(CANONICAL));
        for (int n = 0; n < 200; n++) {
            bases.add(utf8(GpsJsonWriter.toJson(randomPoint(r))));
        }
        byte[] alphabet = utf8("{}[]\":, \t\n\r\\-+.0123456789eEnulltruefalseNaN鲁😀");
        int acceptedByFastPath = 0;
        for (int n = 0; n < 60_000; n++) {
            byte[] b = bases.get(r.nextInt(bases.size()));
            int mutations = 1 + r.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                byte value = r.nextBoolean() ? alphabet[r.nextInt(alphabet.length)] : (byte) r.nextInt(256);
                b = mutate(b, r.nextInt(3), b.length == 0 ? 0 : r.nextInt(b.length + 1), value);
            }
            assertSameOutcome(b);
            if (GpsJsonFastPath.parse(b, 0, b.length) != null) {
                acceptedByFastPath++;
            }
        }
        assertTrue(acceptedByFastPath > 1_000, "accepted " + acceptedByFastPath);
    }

    /** From bytes always; from a String unless it has surrogates (emoji), which that path leaves. */
    private static void assertTakenByTheFastPath(String line) {
        byte[] b = utf8(line);
        assertNotNull(GpsJsonFastPath.parse(b, 0, b.length), line);
        if (line.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
            assertNotNull(GpsJsonFastPath.parse(line), line);
        } else {
            assertNull(GpsJsonFastPath.parse(line), line);
        }
    }

    // ---- the differential check ----

    private static void assertSameOutcome(String line) {
        assertSameOutcome(GpsJsonParser.parseWithJackson(line), GpsJsonParser.parse(line), line);
        assertSameOutcome(utf8(line));
    }

    /** From bytes, also at an offset inside a larger buffer; and from the bytes decoded to a String. */
    private static void assertSameOutcome(byte[] b) {
        String shown = new String(b, StandardCharsets.UTF_8);
        assertSameOutcome(GpsJsonParser.parseWithJackson(b, 0, b.length), GpsJsonParser.parse(b, 0, b.length), shown);
        byte[] framed = new byte[b.length + 6];
        Arrays.fill(framed, (byte) '{');
        System.arraycopy(b, 0, framed, 3, b.length);
        assertSameOutcome(GpsJsonParser.parseWithJackson(framed, 3, b.length), GpsJsonParser.parse(framed, 3, b.length), shown);
        assertSameOutcome(GpsJsonParser.parseWithJackson(shown), GpsJsonParser.parse(shown), shown);
    }

    private static void assertSameOutcome(DecodeOutcome expected, DecodeOutcome actual, String line) {
        assertEquals(expected.reason(), actual.reason(), line);
        assertEquals(expected.detail(), actual.detail(), line);
        if (expected.ok()) {
            GpsPoint e = expected.point();
            GpsPoint a = actual.point();
            assertEquals(e.truckId(), a.truckId(), line);
            assertEquals(e.ts(), a.ts(), line);
            assertEquals(e.lid(), a.lid(), line);
            assertEquals(Double.doubleToRawLongBits(e.lon()), Double.doubleToRawLongBits(a.lon()), line);
            assertEquals(Double.doubleToRawLongBits(e.lat()), Double.doubleToRawLongBits(a.lat()), line);
            assertEquals(Double.doubleToRawLongBits(e.speedKmh()), Double.doubleToRawLongBits(a.speedKmh()), line);
            assertEquals(Double.doubleToRawLongBits(e.heading()), Double.doubleToRawLongBits(a.heading()), line);
            assertEquals(Double.doubleToRawLongBits(e.loadT()), Double.doubleToRawLongBits(a.loadT()), line);
        }
    }

    // ---- inputs ----

    private static List<String> trickyLines() {
        List<String> lines = new ArrayList<>();
        String[] numbers = {"0.1", "1e2", "1E2", "1.5e-3", "120.0000000000000001", "9007199254740993", "-0", "-0.0", "00",
            "01", "1.", ".5", "-", "--1", "+1", "120.3.5", "NaN", "Infinity", "-Infinity", "+Infinity",
            "120.35936300000000000000000", "0.0000000000000000000001", "0.00000000000000000000001",
            "123456789012345678", "1234567890123456789", "99999999999999999999", "true", "false", "null",
            "\"120.3\"", "[120.3]", "{}", "{\"a\":1}", "120.359363x", "120.359363 x", "nul", "nulls", "\"\"", "-1",
            "180", "180.0000001", "-180", "90", "90.5", "250", "250.1", "360", "360.0000001", "100", "100.5", "0"};
        for (String field : new String[] {"lon", "lat", "speed_kmh", "heading", "load_t", "ts", "extra"}) {
            for (String v : numbers) {
                lines.add(with(field, v));
            }
        }
        for (String ts : new String[] {"\"1763989200000\"", "\"2025-11-24T23:30:00+08:00\"", "\" 1763989200000 \"",
            "\"yesterday\"", "1763989200000.0", "1.7639892E12", "-1763989200000", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "0", "01763989200000", "946684800000", "946684799999",
            "4102444800000", "4102444799999", "1763998200"}) {
            lines.add(with("ts", ts));
        }
        for (String id : new String[] {"\"鲁B\\u0031\"", "\"\"", "\"  \"", "\"\u3000\"", "\"\t\"", "null", "123",
            "\"鲁B😀\"", "\"a\\\"b\"", "\"é\"", "true", "[\"a\"]", "\"鲁\uD800B\"", "\"鲁B?1\"", "\"?\""}) {
            lines.add(with("truck_id", id));
        }
        for (String lid : new String[] {"\"closed\"", "\"Open\"", "\"unknown\"", "\"HALF\"", "\"CLO\u017FED\"",
            "\"UN\u212ANOWN\"", "\"clo\u017Fed\"", "null", "1", "\"\"", "\"CLOSED \"", "\"\\u0043LOSED\""}) {
            lines.add(with("lid", lid));
        }
        for (String field : FIELDS) {
            lines.add(CANONICAL.replace("\"" + field + "\":", "\"" + field + "\":null,\"" + field + "\":"));
            lines.add(CANONICAL.replaceFirst("\"" + field + "\":[^,}]*,?", ""));
            lines.add(CANONICAL.replace("}", ",\"" + field + "\":null}"));
            lines.add(CANONICAL.replace("\"" + field + "\"", "\"" + field.substring(0, 1) + "\\u00"
                    + Integer.toHexString(field.charAt(1)) + field.substring(2) + "\""));
            lines.add(CANONICAL.replace("\"" + field + "\"", "\"" + field.toUpperCase() + "\""));
        }
        lines.add(CANONICAL.replace("}", ",\"x\":1,\"x\":\"y\"}"));
        lines.add(CANONICAL.replace("}", ",\"x\":{\"a\":[1,2]}}"));
        lines.add(CANONICAL.replace("}", ",\"x\":[]}"));
        lines.add(CANONICAL.replace("}", ",\"x\":true}"));
        lines.add(CANONICAL.replace("}", ",\"\":0}"));
        lines.add(CANONICAL.replace("}", ",\"键\":\"值\"}"));
        lines.add(CANONICAL.replace("}", ",}"));
        lines.add(CANONICAL.replace("{", "{,"));
        lines.add(CANONICAL.replace(",", ",,"));
        lines.add(CANONICAL.replace(":", "::"));
        lines.add(CANONICAL.replace("\"ts\":", "\"ts\" "));
        lines.add(CANONICAL.replace("\"ts\"", "ts"));
        lines.add(CANONICAL.replace("\"ts\"", "'ts'"));
        lines.add(CANONICAL.replace(",", "\f,"));
        lines.add(CANONICAL.replace(",", "\u00a0,"));
        lines.add(CANONICAL.replace(",", "/* c */,"));
        lines.add(CANONICAL.replace(",", "\u0000,"));
        lines.add(CANONICAL.replace("BN", "B\u0001N"));
        lines.add(CANONICAL.replace("BN", "B\u007fN"));
        for (String suffix : new String[] {"x", "}", ",", " {}", "\n\n", "\u0000", "[]", "  null", " //"}) {
            lines.add(CANONICAL + suffix);
        }
        lines.addAll(List.of("", " ", "{}", "[]", "{", "}", "null", "1", "\"s\"", "[" + CANONICAL + "]",
                "\uFEFF" + CANONICAL, "\uFEFF", "\uD800" + CANONICAL, CANONICAL + "\uDC00",
                "{\"truck_id\":\"鲁B1\",\"ts\":1763998200000,\"lon\":0,\"lat\":0,\"speed_kmh\":4}",
                "{\"truck_id\":\"鲁B1\",\"ts\":1763998200000,\"lon\":-0.0,\"lat\":0,\"speed_kmh\":4}"));
        return lines;
    }

    /** The canonical line with {@code field}'s value replaced by {@code raw} (appended if new). */
    private static String with(String field, String raw) {
        for (int i = 0; i < FIELDS.length; i++) {
            if (FIELDS[i].equals(field)) {
                String key = "\"" + field + "\":";
                return CANONICAL.replace(key + CANONICAL_VALUES[i], key + raw);
            }
        }
        return CANONICAL.replace("}", ",\"" + field + "\":" + raw + "}");
    }

    private static final String[] IDS = {"鲁BN6265", "鲁B12345", "京A0001", "ABC", "车😀1", " 鲁B1 ", "鲁B\"1",
        "tab\tid", "   ", "\u3000", "é", "", "鲁B·7"};

    /** Six in ten like the generator's reports, the others with edge and out-of-range values. */
    private static GpsPoint randomPoint(Random r) {
        if (r.nextInt(10) < 6) {
            return new GpsPoint("鲁B" + (10_000 + r.nextInt(90_000)), 1_763_989_200_000L + r.nextInt(86_400_000),
                    Math.round((115 + 10 * r.nextDouble()) * 1e6) / 1e6, Math.round((30 + 10 * r.nextDouble()) * 1e6) / 1e6,
                    Math.round(800 * r.nextDouble()) / 10.0, r.nextInt(8) == 0 ? Double.NaN : r.nextInt(360),
                    LidState.values()[r.nextInt(3)], r.nextInt(8) == 0 ? Double.NaN : Math.round(400 * r.nextDouble()) / 10.0);
        }
        String id = r.nextInt(4) == 0 ? IDS[r.nextInt(IDS.length)] : "鲁B" + (10_000 + r.nextInt(90_000));
        long ts = switch (r.nextInt(8)) {
            case 0 -> GpsJsonParser.MIN_TS - 1 + r.nextInt(3);
            case 1 -> GpsJsonParser.MAX_TS - 1 + r.nextInt(3);
            case 2 -> r.nextLong() >> r.nextInt(64);
            default -> 1_763_989_200_000L + r.nextInt(86_400_000);
        };
        double lon = number(r, 180);
        double lat = number(r, 90);
        double speed = Math.abs(number(r, 250));
        double heading = r.nextInt(6) == 0 ? Double.NaN : Math.abs(number(r, 360));
        LidState lid = LidState.values()[r.nextInt(3)];
        double load = r.nextInt(5) == 0 ? Double.NaN : Math.abs(number(r, 100));
        return new GpsPoint(id, ts, lon, lat, speed, heading, lid, load);
    }

    /** Mostly values rounded to a few decimals within ±limit, sometimes edges, raw doubles or beyond. */
    private static double number(Random r, double limit) {
        return switch (r.nextInt(12)) {
            case 0 -> limit * (r.nextBoolean() ? 1 : -1);
            case 1 -> 0.0;
            case 2 -> (r.nextDouble() * 2 - 1) * limit;
            case 3 -> limit + Math.pow(10, -r.nextInt(9));
            case 4 -> Math.pow(10, -1 - r.nextInt(12)) * r.nextInt(10);
            case 5 -> (r.nextDouble() * 2 - 1) * limit * 1e6;
            default -> {
                double scale = Math.pow(10, r.nextInt(10));
                yield Math.round((r.nextDouble() * 2 - 1) * limit * scale) / scale;
            }
        };
    }

    /** A point the Jackson path accepts, written without escapes, that the fast path must take. */
    private static boolean ordinary(GpsPoint p) {
        return GpsJsonParser.parseWithJackson(GpsJsonWriter.toJson(p)).ok() && fractionFits(p.lon()) && fractionFits(p.lat()) && fractionFits(p.speedKmh())
                && (Double.isNaN(p.heading()) || fractionFits(p.heading()))
                && (Double.isNaN(p.loadT()) || fractionFits(p.loadT()));
    }

    /** Whether Double.toString's digits of v fit Clinger's exact case (mantissa below 2^53). */
    private static boolean fractionFits(double v) {
        String s = Double.toString(Math.abs(v));
        if (s.contains("E")) {
            return false;
        }
        String digits = s.replace(".", "").replaceFirst("^0+", "");
        return digits.isEmpty() || (digits.length() <= 18 && Long.parseLong(digits) < 1L << 53);
    }

    private static byte[] mutate(byte[] b, int kind, int at, byte value) {
        return switch (kind) {
            case 0 -> {
                if (b.length == 0) {
                    yield b;
                }
                int i = Math.min(at, b.length - 1);
                byte[] out = new byte[b.length - 1];
                System.arraycopy(b, 0, out, 0, i);
                System.arraycopy(b, i + 1, out, i, b.length - i - 1);
                yield out;
            }
            case 1 -> {
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = value;
                System.arraycopy(b, at, out, at + 1, b.length - at);
                yield out;
            }
            default -> {
                if (b.length == 0) {
                    yield b;
                }
                byte[] out = b.clone();
                out[Math.min(at, b.length - 1)] = value;
                yield out;
            }
        };
    }

    private static double toDouble(String s) {
        byte[] b = utf8(s);
        return GpsJsonFastPath.toDouble(b, 0, b.length);
    }

    private static void assertBits(double expected, double actual) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> "expected " + expected + ", was " + actual);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
