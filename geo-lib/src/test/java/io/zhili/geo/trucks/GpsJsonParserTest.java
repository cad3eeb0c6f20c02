package io.zhili.geo.trucks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class GpsJsonParserTest {
    private static final String CONTRACT_EXAMPLE = "{\"truck_id\":\"鲁B12345\",\"ts\":1763998200000,\"lon\":120.38,"
            + "\"lat\":36.07,\"speed_kmh\":38.5,\"heading\":270,\"lid\":\"CLOSED\",\"load_t\":18.5}";

    @Test
    void parsesTheDesignContractExample() {
        DecodeOutcome o = GpsJsonParser.parse(CONTRACT_EXAMPLE);
        assertTrue(o.ok(), o.reasonText());
        GpsPoint p = o.point();
        assertEquals("鲁B12345", p.truckId());
        assertEquals(1_763_998_200_000L, p.ts());
        assertEquals(120.38, p.lon());
        assertEquals(36.07, p.lat());
        assertEquals(38.5, p.speedKmh());
        assertEquals(270.0, p.heading());
        assertEquals(LidState.CLOSED, p.lid());
        assertEquals(18.5, p.loadT());
    }

    @Test
    void parsesUtf8BytesLikeAKafkaValue() {
        byte[] bytes = ("xx" + CONTRACT_EXAMPLE).getBytes(StandardCharsets.UTF_8);
        DecodeOutcome o = GpsJsonParser.parse(bytes, 2, bytes.length - 2);
        assertTrue(o.ok(), o.reasonText());
        assertEquals("鲁B12345", o.point().truckId());
    }

    @Test
    void nullLoadAndMissingLidAreUnknown() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B1\",\"ts\":1763998200000,\"lon\":120.38,"
                + "\"lat\":36.07,\"speed_kmh\":0,\"load_t\":null}");
        assertTrue(o.ok(), o.reasonText());
        assertTrue(Double.isNaN(o.point().loadT()));
        assertFalse(o.point().hasLoad());
        assertTrue(Double.isNaN(o.point().heading()));
        assertEquals(LidState.UNKNOWN, o.point().lid());
    }

    @Test
    void isoTimestampWithOffsetIsAccepted() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B1\",\"ts\":\"2025-11-24T23:30:00+08:00\",\"lon\":120.38,"
                + "\"lat\":36.07,\"speed_kmh\":10}");
        assertTrue(o.ok(), o.reasonText());
        assertEquals(OffsetDateTime.parse("2025-11-24T15:30:00Z").toInstant().toEpochMilli(), o.point().ts());
        assertEquals(1_763_998_200_000L, o.point().ts());
    }

    @Test
    void truncatedLineIsMalformedJson() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B12345\",\"ts\":17639982");
        assertEquals(GpsRejectReason.MALFORMED_JSON, o.reason());
        assertFalse(o.reasonText().contains("\n"));
    }

    @Test
    void trailingGarbageIsMalformedJson() {
        assertEquals(GpsRejectReason.MALFORMED_JSON, GpsJsonParser.parse(CONTRACT_EXAMPLE + "}").reason());
        assertEquals(GpsRejectReason.MALFORMED_JSON, GpsJsonParser.parse("[1,2]").reason());
        assertEquals(GpsRejectReason.MALFORMED_JSON, GpsJsonParser.parse("").reason());
    }

    @Test
    void missingLatIsMissingField() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B1\",\"ts\":1763998200000,\"lon\":120.38,\"speed_kmh\":3}");
        assertEquals(GpsRejectReason.MISSING_FIELD, o.reason());
        assertEquals("MISSING_FIELD: lat is missing", o.reasonText());
    }

    @Test
    void nullTruckIdIsMissingField() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":null,\"ts\":1763998200000,\"lon\":120.38,\"lat\":36.0,\"speed_kmh\":3}");
        assertEquals(GpsRejectReason.MISSING_FIELD, o.reason());
    }

    @Test
    void nanLatitudeIsOutOfRange() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B1\",\"ts\":1763998200000,\"lon\":120.38,\"lat\":NaN,\"speed_kmh\":3}");
        assertEquals(GpsRejectReason.OUT_OF_RANGE, o.reason());
    }

    @Test
    void latitudeAboveNinetyIsOutOfRange() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B1\",\"ts\":1763998200000,\"lon\":120.38,\"lat\":95.5,\"speed_kmh\":3}");
        assertEquals("OUT_OF_RANGE: lat 95.5 outside [-90, 90]", o.reasonText());
    }

    @Test
    void negativeSpeedIsOutOfRange() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B1\",\"ts\":1763998200000,\"lon\":120.38,\"lat\":36,\"speed_kmh\":-4}");
        assertEquals(GpsRejectReason.OUT_OF_RANGE, o.reason());
    }

    @Test
    void zeroZeroIsOutOfRange() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B1\",\"ts\":1763998200000,\"lon\":0,\"lat\":0,\"speed_kmh\":4}");
        assertEquals(GpsRejectReason.OUT_OF_RANGE, o.reason());
    }

    @Test
    void epochSecondsAreOutOfRange() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B1\",\"ts\":1763998200,\"lon\":120.3,\"lat\":36,\"speed_kmh\":4}");
        assertEquals(GpsRejectReason.OUT_OF_RANGE, o.reason());
        assertTrue(o.detail().contains("seconds"));
    }

    @Test
    void unparseableTimestampIsBadTimestamp() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B1\",\"ts\":\"yesterday\",\"lon\":120.3,\"lat\":36,\"speed_kmh\":4}");
        assertEquals(GpsRejectReason.BAD_TIMESTAMP, o.reason());
    }

    @Test
    void unknownLidValueIsBadValue() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B1\",\"ts\":1763998200000,\"lon\":120.3,\"lat\":36,\"speed_kmh\":4,\"lid\":\"HALF\"}");
        assertEquals(GpsRejectReason.BAD_VALUE, o.reason());
    }

    @Test
    void textInANumberFieldIsBadValue() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B1\",\"ts\":1763998200000,\"lon\":\"120.3\",\"lat\":36,\"speed_kmh\":4}");
        assertEquals(GpsRejectReason.BAD_VALUE, o.reason());
    }

    @Test
    void negativeLoadIsOutOfRange() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B1\",\"ts\":1763998200000,\"lon\":120.3,\"lat\":36,\"speed_kmh\":4,\"load_t\":-1}");
        assertEquals(GpsRejectReason.OUT_OF_RANGE, o.reason());
    }

    @Test
    void unknownFieldsAreIgnored() {
        DecodeOutcome o = GpsJsonParser.parse("{\"truck_id\":\"鲁B1\",\"extra\":{\"a\":[1,2]},\"ts\":1763998200000,"
                + "\"lon\":120.3,\"lat\":36,\"speed_kmh\":4}");
        assertTrue(o.ok(), o.reasonText());
    }

    @Test
    void writerProducesTheContractFieldOrderAndReadsBack() {
        GpsPoint p = new GpsPoint("鲁B12345", 1_763_998_200_000L, 120.38, 36.07, 38.5, 270, LidState.CLOSED, 18.5);
        String json = GpsJsonWriter.toJson(p);
        assertEquals(CONTRACT_EXAMPLE, json);
        assertEquals(p, GpsJsonParser.parse(json).point());
    }

    @Test
    void writerWritesNullForUnknownLoadAndHeading() {
        GpsPoint p = new GpsPoint("鲁B\"1", 1_763_998_200_000L, 120.123456, 36.000001, 0, Double.NaN, LidState.UNKNOWN, Double.NaN);
        String json = GpsJsonWriter.toJson(p);
        assertEquals("{\"truck_id\":\"鲁B\\\"1\",\"ts\":1763998200000,\"lon\":120.123456,\"lat\":36.000001,"
                + "\"speed_kmh\":0,\"heading\":null,\"lid\":\"UNKNOWN\",\"load_t\":null}", json);
        GpsPoint back = GpsJsonParser.parse(json).point();
        assertEquals("鲁B\"1", back.truckId());
        assertTrue(Double.isNaN(back.loadT()));
    }
}
