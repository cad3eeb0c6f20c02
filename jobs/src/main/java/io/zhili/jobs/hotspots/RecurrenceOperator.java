package io.zhili.jobs.hotspots;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;
import java.util.Arrays;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Recurring component faults: collects the report times of each component's cases (input partitioned
 * by component id) and emits the components with at least {@code recurrenceMinCases} cases inside some
 * window of {@code recurrenceWindowDays} days (two pointers over the sorted times).
 */
final class RecurrenceOperator extends AbstractStreamOperator<RecurrenceRow>
        implements OneInputStreamOperator<CaseEvent, RecurrenceRow>, BoundedOneInput {
    private final HotspotOptions options;
    private transient LongObjectHashMap<LongArrayList> times;
    private transient LongObjectHashMap<CaseEvent> firstEvent;

    RecurrenceOperator(HotspotOptions options) {
        this.options = options;
    }

    @Override
    public void open() throws Exception {
        super.open();
        times = new LongObjectHashMap<>();
        firstEvent = new LongObjectHashMap<>();
    }

    @Override
    public void processElement(StreamRecord<CaseEvent> element) {
        CaseEvent e = element.getValue();
        LongArrayList list = times.get(e.componentId);
        if (list == null) {
            list = new LongArrayList(4);
            times.put(e.componentId, list);
            firstEvent.put(e.componentId, e);
        }
        list.add(e.reportedAt);
    }

    @Override
    public void endInput() {
        long window = options.recurrenceWindowDays * 86_400_000L;
        for (LongObjectCursor<LongArrayList> c : times) {
            if (c.value.size() < options.recurrenceMinCases) {
                continue;
            }
            long[] t = c.value.toArray();
            Arrays.sort(t);
            int best = maxInWindow(t, window);
            if (best < options.recurrenceMinCases) {
                continue;
            }
            CaseEvent e = firstEvent.get(c.key);
            RecurrenceRow row = new RecurrenceRow();
            row.componentId = String.format("%016d", c.key);
            row.minorClass = String.format("%04d", e.minorClass);
            row.cases = t.length;
            row.windowCases = best;
            row.firstAt = t[0];
            row.lastAt = t[t.length - 1];
            row.lon = e.lon;
            row.lat = e.lat;
            output.collect(new StreamRecord<>(row));
        }
    }

    /** Largest number of sorted times inside a closed window of the given length. */
    static int maxInWindow(long[] sorted, long window) {
        int best = 0;
        int lo = 0;
        for (int hi = 0; hi < sorted.length; hi++) {
            while (sorted[hi] - sorted[lo] > window) {
                lo++;
            }
            best = Math.max(best, hi - lo + 1);
        }
        return best;
    }
}
