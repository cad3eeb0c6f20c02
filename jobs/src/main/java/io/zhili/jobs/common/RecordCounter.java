package io.zhili.jobs.common;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * One of a streaming job's counts, kept two ways: as a Flink accumulator (for {@code run.json}, the web UI
 * and progress lines) and as a counter in the operator's {@code zhili} metric group, which metric
 * reporters such as Prometheus expose live ({@code gps.dead_letter.BAD_CHECKSUM} becomes
 * {@code …_zhili_gps_dead_letter_BAD_CHECKSUM}). Not thread-safe, like the function that owns it.
 */
public final class RecordCounter {
    private final LongCounter accumulator;
    private final Counter metric;

    private RecordCounter(LongCounter accumulator, Counter metric) {
        this.accumulator = accumulator;
        this.metric = metric;
    }

    public static RecordCounter of(RuntimeContext context, String name) {
        return new RecordCounter(context.getLongCounter(name),
                context.getMetricGroup().addGroup("zhili").counter(name.replace('.', '_')));
    }

    public void inc() {
        accumulator.add(1);
        metric.inc();
    }
}
