package io.zhili.jobs.hotspots;

import io.zhili.jobs.common.RunCounts;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.util.OutputTag;

/**
 * Counts of a run. Each count goes two ways: to a Flink accumulator, live, for the progress line and the
 * web UI; and into this task's {@link RunCounts}, which the task emits through {@link #COUNTS} when it
 * ends ({@link #snapshot}) so that the run's commit on the JobManager writes them to {@code run.json}
 * in every deployment. Counter names are dotted paths ({@code cases.rejected.BAD_TIMESTAMP}); stage
 * durations are the slowest subtask's busy time. Not thread-safe: one instance per task.
 */
public final class JobCounters {
    /** Where a counting task emits its {@link #snapshot} when it ends. */
    public static final OutputTag<RunCounts> COUNTS = new OutputTag<>("run-counts") {
    };

    private final RuntimeContext context;
    private final Map<String, Slot> counters = new HashMap<>();
    private final Map<String, long[]> busy = new HashMap<>();
    private final RunCounts counts = new RunCounts();

    /** One counter: the live accumulator and this task's own sum (one map lookup per add on hot paths). */
    private static final class Slot {
        final LongCounter accumulator;
        long sum;

        Slot(LongCounter accumulator) {
            this.accumulator = accumulator;
        }
    }

    private JobCounters(RuntimeContext context) {
        this.context = context;
    }

    public static JobCounters of(RuntimeContext context) {
        return new JobCounters(context);
    }

    public void add(String name, long n) {
        Slot slot = counters.get(name);
        if (slot == null) {
            slot = new Slot(context.getLongCounter(name));
            counters.put(name, slot);
        }
        slot.accumulator.add(n);
        slot.sum += n;
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
        counts.max(stage, total[0]);
    }

    /** Everything counted by this instance so far; emit it once, when the task's input ended. */
    public RunCounts snapshot() {
        RunCounts snapshot = new RunCounts().merge(counts);
        counters.forEach((name, slot) -> snapshot.add(name, slot.sum));
        return snapshot;
    }
}
