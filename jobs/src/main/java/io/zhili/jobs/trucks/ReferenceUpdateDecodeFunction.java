package io.zhili.jobs.trucks;

import io.zhili.jobs.common.RecordCounter;
import io.zhili.geo.fence.ReferenceUpdate;
import io.zhili.geo.fence.ReferenceUpdateParser;
import io.zhili.geo.fence.UpdateRejectReason;
import io.zhili.geo.fence.UpdateRejectedException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Validates reference update records ({@link ReferenceUpdateParser}) before they are broadcast: a
 * valid one goes on as a {@link ReferenceChange} carrying its raw text and effective time; an invalid
 * one (bad JSON or geometry, unknown layer or op, missing id, a feature that fails the layer's checks)
 * leaves through {@link #DEAD_LETTERS} with the raw record and {@code REASON: detail}, and the job
 * goes on. Blank lines are skipped without a count. Counts {@code updates.read} and
 * {@code updates.dead_letter.<REASON>}.
 *
 * <p>One instance per subtask; not thread-safe.
 */
public final class ReferenceUpdateDecodeFunction extends ProcessFunction<byte[], ReferenceChange>
        implements ResultTypeQueryable<ReferenceChange> {
    private static final long serialVersionUID = 1L;
    /** Update records that cannot be applied, with the reason. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("reference-update-dead-letters", TypeInformation.of(DeadLetter.class));

    private transient RecordCounter read;
    private transient RecordCounter[] deadLetters;

    @Override
    public void open(OpenContext openContext) {
        read = RecordCounter.of(getRuntimeContext(), TruckCounters.UPDATES_READ);
        UpdateRejectReason[] reasons = UpdateRejectReason.values();
        deadLetters = new RecordCounter[reasons.length];
        for (UpdateRejectReason r : reasons) {
            deadLetters[r.ordinal()] = RecordCounter.of(getRuntimeContext(), TruckCounters.UPDATES_DEAD_LETTER_PREFIX + r.name());
        }
    }

    @Override
    public TypeInformation<ReferenceChange> getProducedType() {
        return TypeInformation.of(ReferenceChange.class);
    }

    @Override
    public void processElement(byte[] raw, Context ctx, Collector<ReferenceChange> out) {
        String text = new String(raw, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return;
        }
        read.inc();
        try {
            ReferenceUpdate u = ReferenceUpdateParser.parse(text);
            out.collect(ReferenceChange.of(text, u.effectiveAt()));
        } catch (UpdateRejectedException e) {
            deadLetters[e.reason().ordinal()].inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(System.currentTimeMillis(), e.reasonText(), text));
        }
    }
}
