package io.zhili.jobs.common;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of a bounded run as data: each counting task emits one at its end, and {@link RunCommit}
 * adds them up into {@code run.json}. Unlike accumulators, records flow to the JobManager-side commit
 * in every deployment (a MiniCluster, {@code flink run}, a REST submission whose client does not wait),
 * and a task attempt that failed never contributes, because its records are not consumed.
 *
 * <p>Two kinds of values: {@link #sums} add up across tasks (rows read, rejects by reason), {@link #maxima}
 * keep the largest (a stage's busy time, which is its slowest task's). A Flink POJO; not thread-safe.
 */
public class RunCounts {
    /** Counter name → value, summed across tasks. */
    public HashMap<String, Long> sums = new HashMap<>();
    /** Counter name → value, the largest across tasks. */
    public HashMap<String, Long> maxima = new HashMap<>();

    public RunCounts() {
    }

    public void add(String name, long n) {
        sums.merge(name, n, Long::sum);
    }

    public void max(String name, long value) {
        maxima.merge(name, value, Math::max);
    }

    /** Adds {@code other} into this one. */
    public RunCounts merge(RunCounts other) {
        other.sums.forEach(this::add);
        other.maxima.forEach(this::max);
        return this;
    }

    /** Every value by name, sums and maxima together (names are distinct by convention), sorted. */
    public Map<String, Long> values() {
        Map<String, Long> all = new TreeMap<>(sums);
        all.putAll(maxima);
        return all;
    }
}
