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
        // Plate: length 7 + 1 as one varint byte, 鲁 (U+9C81) in three varint bytes, six ASCII chars;
        // then ts and five doubles, 8 bytes each, and the lid's ordinal in one byte.
        assertEquals(1 + 3 + 6 + 8 + 5 * 8 + 1, b.length);
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
}
