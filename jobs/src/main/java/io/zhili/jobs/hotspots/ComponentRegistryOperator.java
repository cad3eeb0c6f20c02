package io.zhili.jobs.hotspots;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import com.carrotsearch.hppc.cursors.ObjectCursor;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.table.RejectReason;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Builds the component registry from validated rows partitioned by component id: refuses duplicate ids
 * (the row that comes first in the input wins, whatever order the splits arrive in, so reruns agree),
 * then, at the end of the input, emits the kept components, their exposure counts per cell and category,
 * and their cells for the study area.
 */
final class ComponentRegistryOperator extends AbstractStreamOperator<ComponentRecord>
        implements OneInputStreamOperator<ComponentRecord, ComponentRecord>, BoundedOneInput {
    static final OutputTag<RejectRecord> REJECTS = new OutputTag<>("component-duplicates") {
    };
    static final OutputTag<CellPartial> EXPOSURE = new OutputTag<>("exposure") {
    };
    static final OutputTag<StudyAreaItem> STUDY_AREA = new OutputTag<>("component-cells") {
    };

    private final Categories categories;
    private final String[] files;
    private transient LongObjectHashMap<ComponentRecord> kept;
    private transient JobCounters counters;

    ComponentRegistryOperator(Categories categories, String[] files) {
        this.categories = categories;
        this.files = files;
    }

    @Override
    public void open() throws Exception {
        super.open();
        kept = new LongObjectHashMap<>();
        counters = JobCounters.of(getRuntimeContext());
    }

    @Override
    public void processElement(StreamRecord<ComponentRecord> element) {
        ComponentRecord r = element.getValue();
        ComponentRecord previous = kept.get(r.id);
        if (previous == null) {
            kept.put(r.id, r);
            return;
        }
        boolean newWins = r.file < previous.file || (r.file == previous.file && r.row < previous.row);
        ComponentRecord loser = newWins ? previous : r;
        ComponentRecord winner = newWins ? r : previous;
        if (newWins) {
            kept.put(r.id, r);
        }
        counters.add("components.rejected." + RejectReason.DUPLICATE_ID.name(), 1);
        output.collect(REJECTS, new StreamRecord<>(new RejectRecord("components", files[loser.file], loser.row,
                RejectReason.DUPLICATE_ID.name(), "component_id " + loser.id + " already on line " + winner.row, new String(loser.raw, StandardCharsets.UTF_8))));
    }

    @Override
    public void endInput() {
        long t0 = System.nanoTime();
        LongLongHashMap exposure = new LongLongHashMap();
        com.carrotsearch.hppc.LongHashSet cells = new com.carrotsearch.hppc.LongHashSet();
        for (ObjectCursor<ComponentRecord> c : kept.values()) {
            ComponentRecord r = c.value;
            r.raw = null;
            output.collect(new StreamRecord<>(r));
            int minor = categories.minor(ClassKind.COMPONENT, r.minorClass);
            int major = categories.majorOf(ClassKind.COMPONENT, r.minorClass);
            // Cells are H3 indexes at one resolution: their low 52 bits are unique, so cell and category pack into a key.
            exposure.addTo(CellKeys.pack(r.cell, Categories.ALL), 1);
            exposure.addTo(CellKeys.pack(r.cell, major), 1);
            exposure.addTo(CellKeys.pack(r.cell, minor), 1);
            cells.add(r.cell);
        }
        counters.add("components.accepted", kept.size());
        for (LongLongCursor e : exposure) {
            output.collect(EXPOSURE, new StreamRecord<>(new CellPartial(CellKeys.cell(e.key), CellPartial.EXPOSURE,
                    CellKeys.category(e.key), e.value)));
        }
        for (com.carrotsearch.hppc.cursors.LongCursor c : cells) {
            output.collect(STUDY_AREA, new StreamRecord<>(new StudyAreaItem(c.value, 0)));
        }
        counters.addMillis("stage.registry_ms", t0);
        output.collect(JobCounters.COUNTS, new StreamRecord<>(counters.snapshot()));
    }
}
