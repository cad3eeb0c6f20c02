package io.zhili.jobs.changes;

import io.zhili.jobs.hotspots.JobCounters;
import io.zhili.jobs.hotspots.RejectRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Loads the index side once for the run's record: emits the refused footprint and permit rows and the
 * reference counts exactly once (the readers load the same, JVM-shared index for screening).
 */
final class LoadIndexSide extends ProcessFunction<Integer, RejectRecord> {
    private final IndexSide indexSide;

    LoadIndexSide(IndexSide indexSide) {
        this.indexSide = indexSide;
    }

    @Override
    public void processElement(Integer ignored, Context ctx, Collector<RejectRecord> out) throws Exception {
        IndexSide.Loaded loaded = indexSide.get();
        loaded.rejects().forEach(out::collect);
        ctx.output(JobCounters.COUNTS, loaded.counts());
    }
}
