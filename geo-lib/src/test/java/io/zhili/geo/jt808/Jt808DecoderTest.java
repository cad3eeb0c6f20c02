package io.zhili.geo.jt808;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.trucks.DecodeOutcome;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.GpsRejectReason;
import io.zhili.geo.trucks.LidState;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Jt808DecoderTest {
    /**
     * A 2013-header 0x0200 report published by a terminal vendor (Huabao, "JT808 common message
     * parsing of GPS electronic lock"), with their field-by-field reading: phone 002002604323,
     * serial 0x00A4, lat 0x0158B91B, lon 0x06CB7061, speed 0, direction 0x59, time 210922163758,
     * items 0x01 0x03 0x25 0x30 0x31 0xE3 0xD5, check code 0x86.
     */
    private static final String VENDOR_FRAME = "7E0200005200200260432300A400020000000C00020158B91B06CB7061004600000059"
            + "21092216375801040000000103020000250400000001300111310110E30100D51B022002604323279593786160001220000012"
            + "342795937861580012867E";

    private final Jt808Decoder decoder = new Jt808Decoder(TerminalRegistry.of(Map.of("13912345678", "鲁B12345")));

    @Test
    void decodesAPublishedVendorFrame() {
        DecodeOutcome o = new Jt808Decoder(TerminalRegistry.EMPTY).decodeHex(VENDOR_FRAME);
        assertTrue(o.ok(), o.reasonText());
        GpsPoint p = o.point();
        assertEquals("2002604323", p.truckId());
        assertEquals(22.591771, p.lat(), 0);
        assertEquals(113.995873, p.lon(), 0);
        assertEquals(0.0, p.speedKmh());
        assertEquals(89.0, p.heading());
        assertEquals(OffsetDateTime.parse("2021-09-22T16:37:58+08:00").toInstant().toEpochMilli(), p.ts());
        assertEquals(LidState.UNKNOWN, p.lid());
        assertTrue(Double.isNaN(p.loadT()));
    }

    @Test
    void vendorFrameHeaderFieldsAreRead() {
        decoder.decodeHex(VENDOR_FRAME);
        assertEquals(0x0200, decoder.lastMessageId());
        assertEquals(2_002_604_323L, decoder.lastPhone());
        assertEquals(0xA4, decoder.lastSerial());
        assertEquals(Jt808Version.V2013, decoder.lastVersion());
    }

    @Test
    void flippedByteIsBadChecksum() {
        String corrupted = VENDOR_FRAME.substring(0, 40) + "FF" + VENDOR_FRAME.substring(42);
        DecodeOutcome o = decoder.decodeHex(corrupted);
        assertEquals(GpsRejectReason.BAD_CHECKSUM, o.reason());
    }

    @Test
    void frameCutShortIsTruncated() {
        String cut = VENDOR_FRAME.substring(0, 80) + "7E";
        assertEquals(GpsRejectReason.TRUNCATED, decoder.decodeHex(cut).reason());
    }

    @Test
    void missingEndDelimiterIsBadFrame() {
        assertEquals(GpsRejectReason.BAD_FRAME, decoder.decodeHex(VENDOR_FRAME.substring(0, VENDOR_FRAME.length() - 2)).reason());
    }

    @Test
    void escapeFollowedByThreeIsBadEscape() {
        String bad = "7E02007D03" + VENDOR_FRAME.substring(6);
        assertEquals(GpsRejectReason.BAD_ESCAPE, decoder.decodeHex(bad).reason());
    }

    @Test
    void nonHexLineIsBadHex() {
        assertEquals(GpsRejectReason.BAD_HEX, decoder.decodeHex("7E02ZZ7E").reason());
        assertEquals(GpsRejectReason.BAD_HEX, decoder.decodeHex("7E0").reason());
    }

    @Test
    void authenticationMessageIsUnsupported() {
        // Terminal authentication 0x0102 from the same vendor document.
        DecodeOutcome o = decoder.decodeHex("7E0102000D00200260432500013833303032303032363034333213 7E".replace(" ", ""));
        assertEquals(GpsRejectReason.UNSUPPORTED_MESSAGE, o.reason());
        assertEquals("UNSUPPORTED_MESSAGE: message id 0x0102", o.reasonText());
    }

    @Test
    void heartbeatIsAWellFormedButUnsupportedMessage() {
        byte[] frame = new Jt808Encoder().encodeHeartbeat(13_912_345_678L, 9, Jt808Version.V2019);
        // 0x0002, body properties with only the 2019 bit, version 1, BCD[10] phone, serial 9, check.
        assertEquals("7E0002400001000000000139123456780009", Jt808Encoder.hex(frame).substring(0, 36));
        DecodeOutcome o = decoder.decode(frame);
        assertEquals(GpsRejectReason.UNSUPPORTED_MESSAGE, o.reason());
        assertEquals(13_912_345_678L, decoder.lastPhone());
        assertEquals(9, decoder.lastSerial());
    }

    @Test
    void unescapesBothEscapeSequences() {
        // Header-only frame whose serial number is 0x7e7d: on the wire 7d02 7d01.
        byte[] raw = {0x01, 0x02, 0x00, 0x00, 0x00, 0x20, 0x02, 0x60, 0x43, 0x25, 0x7e, 0x7d};
        byte check = 0;
        for (byte b : raw) {
            check ^= b;
        }
        String wire = "7E010200000020026043257D027D01" + HexFormat.of().withUpperCase().toHexDigits(check) + "7E";
        decoder.decodeHex(wire);
        assertEquals(0x7e7d, decoder.lastSerial());
        assertEquals(0x0102, decoder.lastMessageId());
    }

    @Test
    void roundTripsA2019FrameWithLoadAndLid() {
        GpsPoint p = new GpsPoint("鲁B12345", OffsetDateTime.parse("2025-11-24T23:30:05+08:00").toInstant().toEpochMilli(),
                120.380001, 36.070002, 38.5, 271, LidState.OPEN, 18.5);
        byte[] frame = new Jt808Encoder().encodeLocation(p, 13_912_345_678L, 7, Jt808Version.V2019);
        DecodeOutcome o = decoder.decode(frame);
        assertTrue(o.ok(), o.reasonText());
        assertEquals(p, o.point());
        assertEquals(Jt808Version.V2019, decoder.lastVersion());
        assertEquals(13_912_345_678L, decoder.lastPhone());
    }

    @Test
    void encoder2013FrameHasTheExpectedBytes() {
        GpsPoint p = new GpsPoint("x", OffsetDateTime.parse("2021-09-22T16:37:58+08:00").toInstant().toEpochMilli(),
                113.995873, 22.591771, 0, 89, LidState.CLOSED, 18.5);
        String hex = new Jt808Encoder().encodeLocationHex(p, 2_002_604_323L, 0xA4, Jt808Version.V2013);
        // Header and the fixed body as in the vendor frame (alarm and status differ: no alarm, ACC on +
        // positioned), then E1 02 00B9 (18.5 t) and E2 01 00 (closed).
        String expectedWithoutCheck = "7E0200002300200260432300A400000000000000030158B91B06CB706100000000005921092216375"
                + "8E10200B9E20100";
        assertEquals(expectedWithoutCheck, hex.substring(0, hex.length() - 4));
        byte[] body = HexFormat.of().parseHex(expectedWithoutCheck.substring(2));
        int check = 0;
        for (byte b : body) {
            check ^= b;
        }
        assertEquals(String.format("%02X7E", check & 0xff), hex.substring(hex.length() - 4));
    }

    @Test
    void southWestHemisphereBitsGiveNegativeCoordinates() {
        GpsPoint p = new GpsPoint("鲁B12345", 1_763_998_200_000L, -58.381592, -34.603722, 12.3, 5, LidState.CLOSED, Double.NaN);
        DecodeOutcome o = decoder.decode(new Jt808Encoder().encodeLocation(p, 13_912_345_678L, 1, Jt808Version.V2013));
        assertTrue(o.ok(), o.reasonText());
        assertEquals(-58.381592, o.point().lon(), 0);
        assertEquals(-34.603722, o.point().lat(), 0);
    }

    @Test
    void frameWithEscapedBytesInsideRoundTrips() {
        // Load 0x7e/10 = 12.6 t and serial 0x7d7e force both escapes in the body and header.
        GpsPoint p = new GpsPoint("鲁B12345", 1_763_998_200_000L, 120.3, 36.1, 40, 90, LidState.CLOSED, 12.6);
        byte[] frame = new Jt808Encoder().encodeLocation(p, 13_912_345_678L, 0x7d7e, Jt808Version.V2019);
        String hex = Jt808Encoder.hex(frame);
        assertTrue(hex.contains("7D02") && hex.contains("7D01"), hex);
        DecodeOutcome o = decoder.decode(frame);
        assertTrue(o.ok(), o.reasonText());
        assertEquals(12.6, o.point().loadT());
        assertEquals(0x7d7e, decoder.lastSerial());
    }

    @Test
    void invalidBcdTimeIsBadTimestamp() {
        GpsPoint p = new GpsPoint("x", OffsetDateTime.parse("2021-09-22T16:37:58+08:00").toInstant().toEpochMilli(),
                113.995873, 22.591771, 0, 89, LidState.CLOSED, Double.NaN);
        byte[] frame = new Jt808Encoder().encodeLocation(p, 1, 1, Jt808Version.V2013);
        // Month byte (body offset 23 = header 12 + 23 + flag 1) set to 0x13 and the check code fixed.
        frame[1 + 12 + 23] = 0x13;
        fixCheck(frame);
        assertEquals(GpsRejectReason.BAD_TIMESTAMP, decoder.decode(frame).reason());
    }

    @Test
    void reportWithoutFixIsOutOfRange() {
        GpsPoint p = new GpsPoint("x", 1_763_998_200_000L, 120.3, 36.1, 0, 0, LidState.CLOSED, Double.NaN);
        byte[] frame = new Jt808Encoder().encodeLocation(p, 1, 1, Jt808Version.V2013);
        frame[1 + 12 + 7] &= ~Jt808Protocol.STATUS_POSITIONED; // lowest status byte
        fixCheck(frame);
        DecodeOutcome o = decoder.decode(frame);
        assertEquals(GpsRejectReason.OUT_OF_RANGE, o.reason());
    }

    @Test
    void unregisteredPhoneIsKeyedByItsDigits() {
        GpsPoint p = new GpsPoint("x", 1_763_998_200_000L, 120.3, 36.1, 0, 0, LidState.CLOSED, Double.NaN);
        byte[] frame = new Jt808Encoder().encodeLocation(p, 13_800_000_001L, 1, Jt808Version.V2019);
        assertEquals("13800000001", decoder.decode(frame).point().truckId());
    }

    private static void fixCheck(byte[] frame) {
        int check = 0;
        for (int i = 1; i < frame.length - 2; i++) {
            check ^= frame[i];
        }
        frame[frame.length - 2] = (byte) check;
    }
}
