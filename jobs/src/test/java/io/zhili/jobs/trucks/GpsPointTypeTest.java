package io.zhili.jobs.trucks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.LidState;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** {@link GpsPointType}: the wire format of a decoded report. */
class GpsPointTypeTest {
    private final TypeSerializer<GpsPoint> serializer = GpsPointType.INSTANCE.createSerializer(new SerializerConfigImpl());

    private byte[] bytes(GpsPoint p) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(p, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void aReportIsFiftyNineBytesAndComesBackEqual() throws Exception {
        GpsPoint p = new GpsPoint("鲁B12345", 1763998200000L, 120.38, 36.07, 38.5, 270, LidState.CLOSED, 18.5);
        byte[] b = bytes(p);
        // Plate: its UTF-8 length (9) in one byte, 鲁 (U+9C81) in three bytes, six ASCII bytes;
        // then ts and five doubles, 8 bytes each, and the lid's ordinal in one byte.
        assertEquals(1 + 3 + 6 + 8 + 5 * 8 + 1, b.length);
        assertEquals(9, b[0]);
        assertEquals(p, serializer.deserialize(new DataInputDeserializer(b)));
    }

    @Test
    void unknownHeadingAndLoadStayNaN() throws Exception {
        GpsPoint p = new GpsPoint("鲁B00001", 0, 120.3, 36.1, 0, Double.NaN, LidState.UNKNOWN, Double.NaN);
        GpsPoint back = serializer.deserialize(new DataInputDeserializer(bytes(p)));
        assertTrue(Double.isNaN(back.heading()));
        assertTrue(Double.isNaN(back.loadT()));
        assertEquals(LidState.UNKNOWN, back.lid());
    }

    @Test
    void copyingBetweenViewsKeepsTheRecordWhole() throws Exception {
        GpsPoint p = new GpsPoint("鲁B54321", 42, -0.5, 0.25, 80, 90, LidState.OPEN, 3);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(bytes(p)), copied);
        assertEquals(p, serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer())));
    }

    @Test
    void theRecordIsImmutableSoACopyIsTheSameInstance() {
        GpsPoint p = new GpsPoint("鲁B1", 1, 2, 3, 4, 5, LidState.CLOSED, 6);
        assertTrue(serializer.isImmutableType());
        assertSame(p, serializer.copy(p));
    }

    @Test
    void aPlateMetBeforeComesBackAsTheSameInstance() throws Exception {
        TypeSerializer<GpsPoint> reader = serializer.duplicate();
        GpsPoint a = reader.deserialize(new DataInputDeserializer(bytes(
                new GpsPoint(new String("鲁B12345"), 1, 120.3, 36.1, 0, 0, LidState.CLOSED, 0))));
        GpsPoint b = reader.deserialize(new DataInputDeserializer(bytes(
                new GpsPoint(new String("鲁B12345"), 2, 120.3, 36.1, 0, 0, LidState.CLOSED, 0))));
        assertSame(a.truckId(), b.truckId());
        assertEquals("鲁B12345", b.truckId());
    }

    @Test
    void manyPlatesSharingTableSlotsEachComeBackRight() throws Exception {
        TypeSerializer<GpsPoint> reader = serializer.duplicate();
        // 50 000 plates over an 8 192-slot table: collisions replace entries, never confuse them.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 50_000; i++) {
                String plate = "鲁B" + i;
                GpsPoint back = reader.deserialize(new DataInputDeserializer(bytes(
                        new GpsPoint(plate, i, 120.3, 36.1, 0, 0, LidState.OPEN, 1))));
                assertEquals(plate, back.truckId());
                assertEquals(i, back.ts());
            }
        }
    }

    @Test
    void aPlateOfMoreThan254BytesTravelsWithAnIntLength() throws Exception {
        String plate = "鲁".repeat(100) + "B1";
        GpsPoint p = new GpsPoint(plate, 7, 120.3, 36.1, 1, 2, LidState.OPEN, 3);
        byte[] b = bytes(p);
        assertEquals(1 + 4 + 302 + 8 + 5 * 8 + 1, b.length);
        assertEquals(p, serializer.duplicate().deserialize(new DataInputDeserializer(b)));
        DataOutputSerializer copied = new DataOutputSerializer(1024); // copy(in, out) does not grow the target
        serializer.copy(new DataInputDeserializer(b), copied);
        assertEquals(p, serializer.duplicate().deserialize(new DataInputDeserializer(copied.getCopyOfBuffer())));
    }
}
