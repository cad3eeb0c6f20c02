package io.zhili.jobs.hotspots;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Final merge of partial aggregates that arrive hash-partitioned by their group key: a hash map per
 * subtask, rows emitted at the end of the input. Used instead of a keyed reduce because BATCH mode
 * sorts keyed input, and sorting millions of small partials costs more than merging them in memory.
 */
final class MergeByKeyOperator<P, R> extends AbstractStreamOperator<R>
        implements OneInputStreamOperator<P, R>, BoundedOneInput {

    /** How partials of one kind are grouped, merged and turned into output rows. */
    interface Merger<P, R> extends Serializable {
        String key(P partial);

        P merge(P into, P other);

        R toRow(P merged);
    }

    private final Merger<P, R> merger;
    private transient Map<String, P> groups;

    MergeByKeyOperator(Merger<P, R> merger) {
        this.merger = merger;
    }

    @Override
    public void open() throws Exception {
        super.open();
        groups = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<P> element) {
        P p = element.getValue();
        groups.merge(merger.key(p), p, merger::merge);
    }

    @Override
    public void endInput() {
        for (P p : groups.values()) {
            output.collect(new StreamRecord<>(merger.toRow(p)));
        }
        groups = null;
    }
}
