package io.zhili.jobs.changes;

import io.zhili.geo.changes.ChangeOutcome;
import io.zhili.geo.changes.ChangeRejectReason;
import io.zhili.jobs.hotspots.JobCounters;
import io.zhili.jobs.hotspots.RejectRecord;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * One row per change_id: runs on the stream keyed by change_id, which BATCH execution sorts by key, so
 * all rows of an id arrive together and only one id's rows are held at a time (millions of polygons
 * need no memory here). The row that comes first in the input (file, then line) wins whatever order
 * the splits were read in; the others are refused as {@code DUPLICATE_ID}. The winner goes to
 * {@link #EXPLAINED} when its per-polygon outcome explains it, else on to the suspect stage.
 */
final class ChangeLedgerOperator extends AbstractStreamOperator<ChangeRecord>
        implements OneInputStreamOperator<ChangeRecord, ChangeRecord>, BoundedOneInput {
    static final OutputTag<ExplainedRow> EXPLAINED = new OutputTag<>("explained") {
    };
    static final OutputTag<RejectRecord> REJECTS = new OutputTag<>("duplicates") {
    };

    private transient ChangeRecord current;
    private transient JobCounters counters;

    @Override
    public void open() throws Exception {
        super.open();
        counters = JobCounters.of(getRuntimeContext());
    }

    @Override
    public void processElement(StreamRecord<ChangeRecord> element) {
        ChangeRecord r = element.getValue();
        if (current != null && current.changeId.equals(r.changeId)) {
            ChangeRecord loser = r.before(current) ? current : r;
            ChangeRecord winner = loser == current ? r : current;
            counters.add("changes.rejected." + ChangeRejectReason.DUPLICATE_ID.name(), 1);
            output.collect(REJECTS, new StreamRecord<>(new RejectRecord("changes", loser.file, loser.line,
                    ChangeRejectReason.DUPLICATE_ID.name(), "change_id " + loser.changeId + " already in "
                    + winner.file + " line " + winner.line, loser.raw)));
            current = winner;
            return;
        }
        emit();
        current = r;
    }

    private void emit() {
        if (current == null) {
            return;
        }
        ChangeRecord r = current;
        current = null;
        r.raw = null;
        if (ChangeOutcome.valueOf(r.outcome).explained()) {
            counters.add("changes.explained." + r.outcome, 1);
            String detail = r.repaired == null ? r.detail : r.detail + "; geometry " + r.repaired;
            output.collect(EXPLAINED, new StreamRecord<>(new ExplainedRow(r.changeId, r.outcome, detail, r.lonLat)));
        } else {
            counters.add("changes.candidates", 1);
            output.collect(new StreamRecord<>(r));
        }
    }

    @Override
    public void endInput() {
        emit();
        output.collect(JobCounters.COUNTS, new StreamRecord<>(counters.snapshot()));
    }
}
