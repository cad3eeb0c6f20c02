package io.zhili.jobs.hotspots;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import com.carrotsearch.hppc.cursors.LongObjectCursor;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums the partial case counts of each (base cell, period, category) for {@code cube/cells}: the join's
 * partials come one per join subtask, and an update's cube rows join them, so the cube keeps one row
 * per key whatever the number of runs folded into it. Input partitioned by category; primitive maps per
 * (period, category), emitted at the end of the input.
 */
final class CubeCellsOperator extends AbstractStreamOperator<CellPartial>
        implements OneInputStreamOperator<CellPartial, CellPartial>, BoundedOneInput {
    private transient LongObjectHashMap<LongLongHashMap> countsByPeriodCategory;

    @Override
    public void open() throws Exception {
        super.open();
        countsByPeriodCategory = new LongObjectHashMap<>();
    }

    @Override
    public void processElement(StreamRecord<CellPartial> element) {
        CellPartial p = element.getValue();
        long key = ((long) p.period << 32) | p.category;
        LongLongHashMap counts = countsByPeriodCategory.get(key);
        if (counts == null) {
            counts = new LongLongHashMap();
            countsByPeriodCategory.put(key, counts);
        }
        counts.addTo(p.cell, p.count);
    }

    @Override
    public void endInput() {
        for (LongObjectCursor<LongLongHashMap> group : countsByPeriodCategory) {
            int period = (int) (group.key >> 32);
            int category = (int) group.key;
            for (LongLongCursor c : group.value) {
                output.collect(new StreamRecord<>(new CellPartial(c.key, period, category, c.value)));
            }
        }
        countsByPeriodCategory = null;
    }
}
