package io.zhili.jobs.trucks;

import io.zhili.jobs.common.RecordCounter;
import io.zhili.geo.jt808.Jt808Decoder;
import io.zhili.geo.trucks.DecodeOutcome;
import io.zhili.geo.trucks.GpsJsonParser;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.GpsRejectReason;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw GPS payloads (a JSON object, a binary JT/T 808 frame, or a JT/T 808 frame as a hex
 * line) into {@link GpsPoint}s with the geo-lib decoders. A payload that cannot be used leaves
 * through {@link #DEAD_LETTERS} with its raw text and the decoder's one-line reason; nothing is
 * dropped and nothing throws. Counts {@code gps.read} and {@code gps.dead_letter.<REASON>}.
 *
 * <p>JT/T 808 frames are keyed by the plate registered for the terminal's phone number in the
 * permits ({@code terminal_phones[]}); an unregistered terminal is keyed by its phone digits.
 *
 * <p>One instance per subtask (the decoders reuse buffers); not thread-safe.
 */
public final class GpsDecodeFunction extends ProcessFunction<byte[], GpsPoint> implements ResultTypeQueryable<GpsPoint> {
    private static final long serialVersionUID = 1L;
    /** Records the job could not use, with the reason. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final GpsFormat format;
    private final ReferenceSnapshot reference;

    private transient Jt808Decoder jt808;
    private transient AsciiView ascii;
    private transient RecordCounter read;
    private transient RecordCounter[] deadLetters;

    /**
     * @param reference the permits that map JT/T 808 terminals to plates; unused for JSON
     */
    public GpsDecodeFunction(GpsFormat format, ReferenceSnapshot reference) {
        this.format = format;
        this.reference = reference;
    }

    @Override
    public void open(OpenContext openContext) {
        if (format == GpsFormat.JT808) {
            jt808 = new Jt808Decoder(ReferenceSnapshot.terminals(reference.layers()));
            ascii = new AsciiView();
        }
        read = RecordCounter.of(getRuntimeContext(), TruckCounters.GPS_READ);
        GpsRejectReason[] reasons = GpsRejectReason.values();
        deadLetters = new RecordCounter[reasons.length];
        for (GpsRejectReason r : reasons) {
            deadLetters[r.ordinal()] = RecordCounter.of(getRuntimeContext(), TruckCounters.DEAD_LETTER_PREFIX + r.name());
        }
    }

    @Override
    public TypeInformation<GpsPoint> getProducedType() {
        return GpsPointType.INSTANCE;
    }

    @Override
    public void processElement(byte[] raw, Context ctx, Collector<GpsPoint> out) {
        read.inc();
        DecodeOutcome o = decode(raw);
        if (o.ok()) {
            out.collect(o.point());
        } else {
            deadLetters[o.reason().ordinal()].inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(System.currentTimeMillis(), o.reasonText(), rawText(raw)));
        }
    }

    private DecodeOutcome decode(byte[] raw) {
        if (format == GpsFormat.JSON) {
            return GpsJsonParser.parse(raw, 0, raw.length);
        }
        if (raw.length > 0 && (raw[0] & 0xff) == 0x7e) {
            return jt808.decode(raw, 0, raw.length);
        }
        return jt808.decodeHex(ascii.of(raw));
    }

    /** The payload as text for the dead-letter {@code raw} column: binary frames as hex, text as UTF-8. */
    static String rawText(byte[] raw) {
        if (raw.length > 0 && (raw[0] & 0xff) == 0x7e) {
            return HexFormat.of().formatHex(raw);
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** A reusable view of ASCII bytes as characters, so hex lines are decoded without a String copy. */
    private static final class AsciiView implements CharSequence {
        private byte[] bytes;

        AsciiView of(byte[] b) {
            bytes = b;
            return this;
        }

        @Override
        public int length() {
            return bytes.length;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
