package io.zhili.jobs.changes;

import io.zhili.jobs.common.RunCounts;
import io.zhili.jobs.hotspots.InputSplit;
import io.zhili.jobs.hotspots.JobCounters;
import io.zhili.jobs.hotspots.RejectRecord;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.io.OutputFormat;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The {@code zhili changes} batch job graph, top to bottom like its data flow: read change splits in
 * parallel and screen each polygon against the index side → one row per change_id (ledger) → merge the
 * candidates into structures, judge them, match the previous round → write suspects, explained, rejects.
 * Sources are planned splits and sinks are injected, so the same graph runs on a MiniCluster, in tests
 * and on a cluster; operator uids are stable.
 */
public final class ChangesJob {
    private final ChangeOptions options;
    private final List<InputSplit> changeSplits;
    private final IndexSide indexSide;
    private final Path previous;
    private final Path areas;
    private final ChangeSinks sinks;
    private final OutputFormat<RunCounts> commit;

    public ChangesJob(ChangeOptions options, List<InputSplit> changeSplits, List<InputSplit> buildingSplits,
            List<InputSplit> permitSplits, Path previous, Path areas, ChangeSinks sinks, OutputFormat<RunCounts> commit) {
        this.options = options;
        // Flink's collection source cannot start on no elements: an input without rows reads one empty split.
        this.changeSplits = changeSplits.isEmpty() ? List.of(ReadChanges.NO_ROWS) : changeSplits;
        this.indexSide = new IndexSide(buildingSplits, permitSplits);
        this.previous = previous;
        this.areas = areas;
        this.sinks = sinks;
        this.commit = commit;
    }

    /** Adds the job to {@code env} (switching it to BATCH execution). */
    public void build(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        int parallelism = env.getParallelism() > 0 ? env.getParallelism() : Runtime.getRuntime().availableProcessors();

        // The index side's refusals and counts, once.
        SingleOutputStreamOperator<RejectRecord> referenceRejects = env.fromData(List.of(0), Types.INT)
                .name("index side").uid("index-side-source")
                .process(new LoadIndexSide(indexSide)).name("load footprints and permits").uid("load-index-side")
                .setParallelism(1);

        // Read, validate, repair, project and screen each polygon where it is read.
        SingleOutputStreamOperator<ChangeRecord> screened = env
                .fromData(changeSplits, TypeInformation.of(InputSplit.class)).name("change splits").uid("change-splits")
                .rebalance()
                .process(new ReadChanges(options, indexSide)).name("read and screen changes").uid("read-changes")
                .setParallelism(Math.max(1, Math.min(changeSplits.size(), parallelism)));

        // One row per change_id (BATCH sorts the keyed stream, so an id's rows meet).
        SingleOutputStreamOperator<ChangeRecord> candidates = screened
                .keyBy(new ChangeIdKey())
                .transform("change ledger", TypeInformation.of(ChangeRecord.class), new ChangeLedgerOperator())
                .uid("change-ledger");

        // Fragments → structures → suspects, with the previous round.
        SingleOutputStreamOperator<SuspectRow> suspects = candidates
                .global()
                .transform("merge and match suspects", TypeInformation.of(SuspectRow.class),
                        new SuspectOperator(options, previous, areas))
                .uid("suspects").setParallelism(1).setMaxParallelism(1);

        suspects.sinkTo(sinks.suspects()).name("write suspects").uid("sink-suspects");
        candidates.getSideOutput(ChangeLedgerOperator.EXPLAINED)
                .union(suspects.getSideOutput(SuspectOperator.EXPLAINED))
                .sinkTo(sinks.explained()).name("write explained").uid("sink-explained");
        screened.getSideOutput(ReadChanges.REJECTS)
                .union(candidates.getSideOutput(ChangeLedgerOperator.REJECTS), referenceRejects)
                .sinkTo(sinks.rejects()).name("write rejects").uid("sink-rejects");

        if (commit != null) {
            referenceRejects.getSideOutput(JobCounters.COUNTS)
                    .union(screened.getSideOutput(JobCounters.COUNTS),
                            candidates.getSideOutput(JobCounters.COUNTS),
                            suspects.getSideOutput(JobCounters.COUNTS))
                    .writeUsingOutputFormat(commit).setParallelism(1).name("commit run").uid("commit-run");
        }
    }

    static final class ChangeIdKey implements KeySelector<ChangeRecord, String> {
        @Override
        public String getKey(ChangeRecord r) {
            return r.changeId;
        }
    }
}
