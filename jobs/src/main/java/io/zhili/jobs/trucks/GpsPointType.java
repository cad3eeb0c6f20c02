package io.zhili.jobs.trucks;

import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.LidState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink type of {@link GpsPoint}, the record every decoded report travels as from the decoder to the
 * keyed rules. Flink's own analysis would treat the geo-lib record as a POJO, whose serializer reads
 * and writes each field by reflection and rebuilds the record through a reflective constructor call:
 * a noticeable share of the decoder's and the rules' CPU at hundreds of thousands of reports a
 * second. This serializer writes the fields directly: the plate's UTF-8 bytes, {@code ts}, the five
 * doubles (NaN for an unknown heading or load survives) and the lid state's ordinal, about 60 bytes a
 * report, and reads plates back as shared instances ({@link Serializer}). The record is immutable,
 * so copies are the instance itself.
 *
 * <p>The type information is stateless and thread-safe; its serializers are one per thread. Not used
 * in keyed state: only on the wire and in the late output.
 */
public final class GpsPointType extends TypeInformation<GpsPoint> {
    private static final long serialVersionUID = 1L;
    /** The one instance. */
    public static final GpsPointType INSTANCE = new GpsPointType();

    private GpsPointType() {
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<GpsPoint> getTypeClass() {
        return GpsPoint.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<GpsPoint> createSerializer(SerializerConfig config) {
        return new Serializer();
    }

    @Override
    public String toString() {
        return "GpsPoint";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GpsPointType;
    }

    @Override
    public int hashCode() {
        return GpsPointType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof GpsPointType;
    }

    /**
     * The serializer: the plate as its UTF-8 length (one byte below 255, else 255 and an int) and
     * bytes, then {@code ts}, the five doubles and the lid's ordinal.
     *
     * <p>Plates repeat: a few thousand trucks send millions of reports. The reading side keeps a small
     * table of the plates it has met (keyed by their bytes) and hands out the same {@code String}
     * instance for the same bytes, so a report costs no string allocation or UTF-8 decoding, and the
     * keyed state downstream compares keys by identity and finds their hash codes cached. Stateful
     * (its read buffer), hence one instance per thread through {@link #duplicate()}.
     */
    public static final class Serializer extends TypeSerializer<GpsPoint> {
        private static final long serialVersionUID = 1L;
        private static final LidState[] LIDS = LidState.values();
        /** Plates remembered per instance (a power of two); a colliding plate replaces the older one. */
        private static final int PLATES = 1 << 13;
        private static final int LONG_LENGTH = 255;

        private transient byte[] buffer;
        private transient Plate[] plates;

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public TypeSerializer<GpsPoint> duplicate() {
            return new Serializer();
        }

        @Override
        public GpsPoint createInstance() {
            return null;
        }

        @Override
        public GpsPoint copy(GpsPoint from) {
            return from;
        }

        @Override
        public GpsPoint copy(GpsPoint from, GpsPoint reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(GpsPoint p, DataOutputView out) throws IOException {
            byte[] plate = p.truckId().getBytes(StandardCharsets.UTF_8);
            if (plate.length < LONG_LENGTH) {
                out.writeByte(plate.length);
            } else {
                out.writeByte(LONG_LENGTH);
                out.writeInt(plate.length);
            }
            out.write(plate);
            out.writeLong(p.ts());
            out.writeDouble(p.lon());
            out.writeDouble(p.lat());
            out.writeDouble(p.speedKmh());
            out.writeDouble(p.heading());
            out.writeDouble(p.loadT());
            out.writeByte(p.lid().ordinal());
        }

        @Override
        public GpsPoint deserialize(DataInputView in) throws IOException {
            String truck = plate(in);
            long ts = in.readLong();
            double lon = in.readDouble();
            double lat = in.readDouble();
            double speed = in.readDouble();
            double heading = in.readDouble();
            double load = in.readDouble();
            return new GpsPoint(truck, ts, lon, lat, speed, heading, LIDS[in.readByte()], load);
        }

        @Override
        public GpsPoint deserialize(GpsPoint reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            int length = length(in);
            if (length < LONG_LENGTH) {
                out.writeByte(length);
            } else {
                out.writeByte(LONG_LENGTH);
                out.writeInt(length);
            }
            out.write(in, length + 8 * 6 + 1);
        }

        private static int length(DataInputView in) throws IOException {
            int length = in.readUnsignedByte();
            return length < LONG_LENGTH ? length : in.readInt();
        }

        /** The plate's string, the remembered instance when these bytes were met before. */
        private String plate(DataInputView in) throws IOException {
            int length = length(in);
            if (buffer == null || buffer.length < length) {
                buffer = new byte[Math.max(64, length)];
                if (plates == null) {
                    plates = new Plate[PLATES];
                }
            }
            in.readFully(buffer, 0, length);
            int hash = 1;
            for (int i = 0; i < length; i++) {
                hash = 31 * hash + buffer[i];
            }
            int slot = (hash ^ (hash >>> 16)) & (PLATES - 1);
            Plate known = plates[slot];
            if (known != null && Arrays.equals(known.bytes, 0, known.bytes.length, buffer, 0, length)) {
                return known.text;
            }
            Plate fresh = new Plate(Arrays.copyOf(buffer, length), new String(buffer, 0, length, StandardCharsets.UTF_8));
            plates[slot] = fresh;
            return fresh.text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Serializer;
        }

        @Override
        public int hashCode() {
            return Serializer.class.hashCode();
        }

        @Override
        public TypeSerializerSnapshot<GpsPoint> snapshotConfiguration() {
            return new Snapshot();
        }

        /** A remembered plate: its UTF-8 bytes and its string. */
        private record Plate(byte[] bytes, String text) {
        }
    }

    /** Serializer snapshot: the format has no parameters. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<GpsPoint> {
        public Snapshot() {
            super(Serializer::new);
        }
    }
}
