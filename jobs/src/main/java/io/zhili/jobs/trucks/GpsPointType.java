package io.zhili.jobs.trucks;

import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.LidState;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink type of {@link GpsPoint}, the record every decoded report travels as from the decoder to the
 * keyed rules. Flink's own analysis would treat the geo-lib record as a POJO, whose serializer reads
 * and writes each field by reflection and rebuilds the record through a reflective constructor call:
 * a noticeable share of the decoder's and the rules' CPU at hundreds of thousands of reports a
 * second. This serializer writes the fields directly: the plate as Flink writes strings, {@code ts},
 * the five doubles (NaN for an unknown heading or load survives) and the lid state's ordinal, about
 * 60 bytes a report. The record is immutable, so copies are the instance itself.
 *
 * <p>Stateless and thread-safe. Not used in keyed state: only on the wire and in the late output.
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
        return Serializer.INSTANCE;
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

    /** The serializer; format version 1 as described on {@link GpsPointType}. */
    public static final class Serializer extends TypeSerializerSingleton<GpsPoint> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();
        private static final LidState[] LIDS = LidState.values();

        @Override
        public boolean isImmutableType() {
            return true;
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
            StringValue.writeString(p.truckId(), out);
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
            String truck = StringValue.readString(in);
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
            StringValue.copyString(in, out);
            out.write(in, 8 * 6 + 1);
        }

        @Override
        public TypeSerializerSnapshot<GpsPoint> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Serializer snapshot: the format has no parameters. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<GpsPoint> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
