package io.zhili.jobs.hotspots;

import com.carrotsearch.hppc.ObjectHashSet;
import com.carrotsearch.hppc.ObjectLongHashMap;
import com.carrotsearch.hppc.cursors.ObjectCursor;
import com.carrotsearch.hppc.cursors.ObjectLongCursor;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Decides, for every case id that occurs more than once, which row keeps it: the one first in the input
 * (file, then line), whatever order the splits arrive in, as {@link ComponentRegistryOperator} does for
 * components. Sees the positions of all valid rows partitioned by case id; at the end of the input emits
 * the kept row of each duplicated id, which the join reads before the cases and refuses the others.
 */
final class CaseDuplicatesOperator extends AbstractStreamOperator<JoinReference>
        implements OneInputStreamOperator<CaseRowId, JoinReference>, BoundedOneInput {
    /** Every case id seen, at the row that keeps it: the ids of the run's count cube ({@link HotspotCube#CASE_IDS}). */
    static final OutputTag<CaseRowId> CASE_IDS = new OutputTag<>("case-ids") {
    };
    private transient ObjectLongHashMap<String> first;
    private transient ObjectHashSet<String> duplicated;

    @Override
    public void open() throws Exception {
        super.open();
        first = new ObjectLongHashMap<>();
        duplicated = new ObjectHashSet<>();
    }

    @Override
    public void processElement(StreamRecord<CaseRowId> element) {
        CaseRowId r = element.getValue();
        long position = r.position();
        int slot = first.indexOf(r.caseId);
        if (!first.indexExists(slot)) {
            first.indexInsert(slot, r.caseId, position);
            return;
        }
        duplicated.add(r.caseId);
        if (position < first.indexGet(slot)) {
            first.indexReplace(slot, position);
        }
    }

    @Override
    public void endInput() {
        for (ObjectLongCursor<String> id : first) {
            output.collect(CASE_IDS, new StreamRecord<>(CaseRowId.at(id.key, id.value)));
        }
        for (ObjectCursor<String> id : duplicated) {
            output.collect(new StreamRecord<>(JoinReference.of(CaseRowId.at(id.value, first.get(id.value)))));
        }
        first = null;
        duplicated = null;
    }
}
