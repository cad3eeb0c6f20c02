package io.zhili.jobs.hotspots;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * Counts of a run through Flink accumulators, so they add up across subtasks on a MiniCluster and on a
 * cluster alike and reach {@code run.json} from the job result. Counter names are dotted paths
 * ({@code cases.rejected.BAD_TIMESTAMP}); stage durations are the slowest subtask's busy time.
 * Not thread-safe: one instance per task.
 */
public final class JobCounters {
    private final RuntimeContext context;
    private final Map<String, LongCounter> counters = new HashMap<>();
    private final Map<String, long[]> busy = new HashMap<>();

    private JobCounters(RuntimeContext context) {
        this.context = context;
    }

    public static JobCounters of(RuntimeContext context) {
        return new JobCounters(context);
    }

    public void add(String name, long n) {
        LongCounter c = counters.get(name);
        if (c == null) {
            c = context.getLongCounter(name);
            counters.put(name, c);
        }
        c.add(n);
    }

    /** Adds the time since {@code startNanos} to this task's busy time of a stage. */
    public void addMillis(String stage, long startNanos) {
        long[] total = busy.computeIfAbsent(stage, k -> new long[1]);
        total[0] += (System.nanoTime() - startNanos) / 1_000_000L;
        @SuppressWarnings("unchecked")
        LongMaximum max = (LongMaximum) (Object) context.getAccumulator(stage);
        if (max == null) {
            max = new LongMaximum();
            context.addAccumulator(stage, max);
        }
        max.add(total[0]);
    }
}
