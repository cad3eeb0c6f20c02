package io.zhili.jobs.hotspots;

import io.zhili.geo.forecast.ForecastParameters;
import io.zhili.geo.stats.IntCountHistogram;
import io.zhili.jobs.common.RunCounts;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.io.OutputFormat;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The hotspot batch job graph, read top to bottom like its data flow (stage by stage in docs/ARCHITECTURE.md):
 * read and validate → component registry → join cases → aggregate → statistics → write.
 * Sources are planned input splits and sinks are injected, so the same graph runs on files on a
 * MiniCluster, in tests and on a cluster. Operator uids are stable.
 */
public final class HotspotJob {
    private final HotspotOptions options;
    private final ReferenceData reference;
    private final List<InputSplit> componentSplits;
    private final List<InputSplit> caseSplits;
    private final HotspotSinks sinks;
    private final OutputFormat<RunCounts> commit;
    private HotspotCube.Sinks cubeSinks;
    private List<CubeFile> baseFiles;
    private RunCounts baseCounts;

    /**
     * @param commit receives every task's {@link RunCounts} and publishes the run once the whole job
     *               finished (a {@link io.zhili.jobs.common.RunCommit}); null to leave the counts out
     */
    public HotspotJob(HotspotOptions options, ReferenceData reference, List<InputSplit> componentSplits,
            List<InputSplit> caseSplits, HotspotSinks sinks, OutputFormat<RunCounts> commit) {
        this.options = options;
        this.reference = reference;
        this.componentSplits = componentSplits;
        this.caseSplits = caseSplits;
        this.sinks = sinks;
        this.commit = commit;
    }

    /** Also writes the run's count cube ({@link HotspotCube}) into {@code sinks}; null (the default) for none. */
    public HotspotJob withCube(HotspotCube.Sinks sinks) {
        this.cubeSinks = sinks;
        return this;
    }

    /**
     * Makes the job an update of {@code base}: the base run's cube, time profile and case rejects are
     * read back and merged where a full run would have counted their cases, and its case counts are
     * added to the run's, so the tables are those of a full run over the base run's cases and this
     * job's. The components are the job's own (read again).
     */
    public HotspotJob updating(HotspotBaseRun base) {
        this.baseFiles = base.files();
        this.baseCounts = base.caseCounts();
        return this;
    }

    /** Adds the job to {@code env} (switching it to BATCH execution). */
    public void build(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        Categories categories = new Categories(reference.catalog());

        // Read and validate.
        SingleOutputStreamOperator<ComponentRecord> components = env
                .fromData(componentSplits, TypeInformation.of(InputSplit.class)).name("component splits").uid("component-splits")
                .rebalance()
                .process(new ReadComponents(options, reference)).name("read components").uid("read-components")
                .setParallelism(readParallelism(env, componentSplits));
        SingleOutputStreamOperator<CaseRecord> cases = env
                .fromData(caseSplits, TypeInformation.of(InputSplit.class)).name("case splits").uid("case-splits")
                .rebalance()
                .process(new ReadCases(options, reference)).name("read cases").uid("read-cases")
                .setParallelism(readParallelism(env, caseSplits));

        // Component registry: duplicates refused where all rows of an id meet.
        SingleOutputStreamOperator<ComponentRecord> registry = components
                .partitionCustom(new HashPartitioner(), new ComponentIdKey())
                .transform("component registry", TypeInformation.of(ComponentRecord.class),
                        new ComponentRegistryOperator(categories, files(componentSplits)))
                .uid("component-registry");

        // An update's base run, read back from its cube (null for a full run).
        SingleOutputStreamOperator<CellPartial> cube = baseFiles == null || baseFiles.isEmpty() ? null : env
                .fromData(baseFiles, TypeInformation.of(CubeFile.class)).name("cube files").uid("cube-files")
                .rebalance()
                .process(new ReadCube(categories)).name("read cube").uid("read-cube")
                .setParallelism(readParallelism(env, baseFiles.size()));

        // Duplicate case ids: the row first in the input keeps the id, whatever the arrival order
        // (an update's earlier days come before its cases).
        DataStream<CaseRowId> caseRowIds = cases.map(new CaseRowIdOf()).name("case positions").uid("case-positions");
        if (cube != null) {
            caseRowIds = caseRowIds.union(cube.getSideOutput(ReadCube.CASE_IDS));
        }
        SingleOutputStreamOperator<JoinReference> keptCases = caseRowIds
                .partitionCustom(new HashPartitioner(), new CaseRowIdKey())
                .transform("case duplicates", TypeInformation.of(JoinReference.class), new CaseDuplicatesOperator())
                .uid("case-duplicates");

        // Join cases to the registry and fold them into partial aggregates.
        SingleOutputStreamOperator<CellPartial> partials = registry.map(new ReferenceOf()).name("registry reference")
                .uid("registry-reference").broadcast()
                .union(keptCases.partitionCustom(new HashPartitioner(), new JoinReferenceCaseKey()))
                .connect(cases.partitionCustom(new HashPartitioner(), new CaseIdKey()))
                .transform("join cases", TypeInformation.of(CellPartial.class),
                        new CaseJoinOperator(options, categories, reference, files(caseSplits)))
                .uid("join-cases");

        DataStream<CellPartial> caseCounts = cube == null ? partials : partials.union(cube);

        // Gi* and emerging patterns per category over the shared study area.
        DataStream<StudyAreaItem> studyArea = registry.getSideOutput(ComponentRegistryOperator.STUDY_AREA)
                .union(partials.getSideOutput(CaseJoinOperator.STUDY_AREA));
        if (cube != null) {
            studyArea = studyArea.union(cube.getSideOutput(ReadCube.STUDY_AREA));
        }
        SingleOutputStreamOperator<HotspotCellRow> cells = studyArea.broadcast()
                .connect(caseCounts.union(registry.getSideOutput(ComponentRegistryOperator.EXPOSURE))
                        .partitionCustom(new CategoryPartitioner(), new CategoryKey()))
                .transform("hotspot statistics", TypeInformation.of(HotspotCellRow.class),
                        new HotspotStatisticsOperator(options, categories))
                .uid("hotspot-statistics");
        cells.sinkTo(sinks.cells()).name("write hotspot_cells").uid("sink-hotspot-cells");
        cells.getSideOutput(HotspotStatisticsOperator.EMERGING).sinkTo(sinks.emerging()).name("write emerging")
                .uid("sink-emerging");

        // Peak time slots and handling speed per area.
        DataStream<TimeProfilePartial> timeProfile = partials.getSideOutput(CaseJoinOperator.TIME_PROFILE);
        DataStream<AreaPartial> areaPartials = partials.getSideOutput(CaseJoinOperator.AREA_SUMMARY);
        DataStream<CaseEvent> componentCases = partials.getSideOutput(CaseJoinOperator.COMPONENT_CASES);
        DataStream<RejectRecord> caseRejects = partials.getSideOutput(CaseJoinOperator.REJECTS);
        if (cube != null) {
            timeProfile = timeProfile.union(cube.getSideOutput(ReadCube.TIME_PROFILE));
            areaPartials = areaPartials.union(cube.getSideOutput(ReadCube.AREAS));
            componentCases = componentCases.union(cube.getSideOutput(ReadCube.COMPONENT_CASES));
            caseRejects = caseRejects.union(cube.getSideOutput(ReadCube.REJECTS));
        }
        timeProfile
                .partitionCustom(new HashPartitioner(), new TimeProfileKey())
                .transform("merge time profile", TypeInformation.of(TimeProfileRow.class),
                        new MergeByKeyOperator<>(new TimeProfileMerger(categories)))
                .uid("merge-time-profile")
                .sinkTo(sinks.timeProfile()).name("write time_profile").uid("sink-time-profile");
        areaPartials
                .partitionCustom(new HashPartitioner(), new AreaKey())
                .transform("merge area summary", TypeInformation.of(AreaSummaryRow.class),
                        new MergeByKeyOperator<>(new AreaSummaryMerger(categories, options.period)))
                .uid("merge-area-summary")
                .sinkTo(sinks.areaSummary()).name("write area_summary").uid("sink-area-summary");

        // Recurring component faults.
        componentCases
                .partitionCustom(new HashPartitioner(), new EventComponentKey())
                .transform("component recurrence", TypeInformation.of(RecurrenceRow.class), new RecurrenceOperator(options))
                .uid("component-recurrence")
                .sinkTo(sinks.recurrence()).name("write component_recurrence").uid("sink-recurrence");

        // Forecast baseline: per cell and category the level and the next period, per category the hour-of-week profile.
        DataStream<RunCounts> forecastCounts = ForecastStage.add(studyArea, partials,
                partials.getSideOutput(CaseJoinOperator.TIME_PROFILE), options, categories, ForecastParameters.DEFAULTS, sinks);

        // Every refused row, with its reason.
        components.getSideOutput(ReadRows.REJECTS)
                .union(registry.getSideOutput(ComponentRegistryOperator.REJECTS),
                        cases.getSideOutput(ReadRows.REJECTS),
                        caseRejects)
                .sinkTo(sinks.rejects()).name("write rejects").uid("sink-rejects");

        // The count cube that a later update starts from.
        if (cubeSinks != null) {
            caseCounts.partitionCustom(new CategoryPartitioner(), new CategoryKey())
                    .transform("cube cells", TypeInformation.of(CellPartial.class), new CubeCellsOperator())
                    .uid("cube-cells")
                    .sinkTo(cubeSinks.cells()).name("write cube/cells").uid("sink-cube-cells");
            areaPartials.partitionCustom(new HashPartitioner(), new AreaKey())
                    .transform("cube areas", TypeInformation.of(AreaPartial.class),
                            new MergeByKeyOperator<>(new AreaCubeMerger()))
                    .uid("cube-areas")
                    .sinkTo(cubeSinks.areas()).name("write cube/areas").uid("sink-cube-areas");
            componentCases.sinkTo(cubeSinks.recurrence()).name("write cube/recurrence").uid("sink-cube-recurrence");
            keptCases.getSideOutput(CaseDuplicatesOperator.CASE_IDS)
                    .sinkTo(cubeSinks.caseIds()).name("write cube/case_ids").uid("sink-cube-case-ids");
        }

        // The run's counts, added up and published by the JobManager when every task has finished.
        if (commit != null) {
            DataStream<RunCounts> counts = components.getSideOutput(JobCounters.COUNTS)
                    .union(cases.getSideOutput(JobCounters.COUNTS),
                            registry.getSideOutput(JobCounters.COUNTS),
                            partials.getSideOutput(JobCounters.COUNTS),
                            cells.getSideOutput(JobCounters.COUNTS),
                            forecastCounts);
            if (baseCounts != null) {
                // The base run's case counts, so run.json counts the earlier days' cases as a full run would.
                counts = counts.union(env.fromData(List.of(baseCounts), TypeInformation.of(RunCounts.class))
                        .name("base counts").uid("base-counts"));
            }
            counts.writeUsingOutputFormat(commit).setParallelism(1).name("commit run").uid("commit-run");
        }
    }

    private static String[] files(List<InputSplit> splits) {
        int max = splits.stream().mapToInt(s -> s.fileIndex).max().orElse(-1);
        String[] files = new String[max + 1];
        for (InputSplit s : splits) {
            files[s.fileIndex] = s.path;
        }
        return files;
    }

    /**
     * Readers get one subtask per split up to the job's parallelism. Set explicitly: the adaptive batch
     * scheduler sizes a stage by its input bytes, and a reader's input is a handful of split descriptors.
     */
    private static int readParallelism(StreamExecutionEnvironment env, List<InputSplit> splits) {
        return readParallelism(env, splits.size());
    }

    private static int readParallelism(StreamExecutionEnvironment env, int inputs) {
        int parallelism = env.getParallelism() > 0 ? env.getParallelism() : Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(inputs, parallelism));
    }

    /**
     * Categories dealt out in index order (ALL, then each kind's majors and minors), which spreads the
     * large major classes over the subtasks more evenly than a hash of 160-odd keys.
     */
    static final class CategoryPartitioner implements Partitioner<Long> {
        @Override
        public int partition(Long category, int numPartitions) {
            return (int) (category % numPartitions);
        }
    }

    /** Spreads keys over subtasks with a mixed hash so sequential ids do not cluster. */
    static final class HashPartitioner implements Partitioner<Long> {
        @Override
        public int partition(Long key, int numPartitions) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) Math.floorMod(h ^ (h >>> 32), (long) numPartitions);
        }
    }

    static final class ComponentIdKey implements KeySelector<ComponentRecord, Long> {
        @Override
        public Long getKey(ComponentRecord r) {
            return r.id;
        }
    }

    static final class CaseIdKey implements KeySelector<CaseRecord, Long> {
        @Override
        public Long getKey(CaseRecord r) {
            return (long) r.caseId.hashCode();
        }
    }

    /** The same key as {@link CaseIdKey}, so an id's positions and its rows meet in the same subtasks. */
    static final class CaseRowIdKey implements KeySelector<CaseRowId, Long> {
        @Override
        public Long getKey(CaseRowId r) {
            return (long) r.caseId.hashCode();
        }
    }

    static final class JoinReferenceCaseKey implements KeySelector<JoinReference, Long> {
        @Override
        public Long getKey(JoinReference r) {
            return (long) r.keptCase.caseId.hashCode();
        }
    }

    static final class CaseRowIdOf implements MapFunction<CaseRecord, CaseRowId> {
        @Override
        public CaseRowId map(CaseRecord c) {
            return CaseRowId.of(c);
        }
    }

    static final class ReferenceOf implements MapFunction<ComponentRecord, JoinReference> {
        @Override
        public JoinReference map(ComponentRecord c) {
            return JoinReference.of(c);
        }
    }

    static final class CategoryKey implements KeySelector<CellPartial, Long> {
        @Override
        public Long getKey(CellPartial p) {
            return (long) p.category;
        }
    }

    static final class EventComponentKey implements KeySelector<CaseEvent, Long> {
        @Override
        public Long getKey(CaseEvent e) {
            return e.componentId;
        }
    }

    static final class TimeProfileKey implements KeySelector<TimeProfilePartial, Long> {
        @Override
        public Long getKey(TimeProfilePartial p) {
            return (long) p.key().hashCode();
        }
    }

    static final class AreaKey implements KeySelector<AreaPartial, Long> {
        @Override
        public Long getKey(AreaPartial p) {
            return (long) p.key().hashCode();
        }
    }

    static final class TimeProfileMerger implements MergeByKeyOperator.Merger<TimeProfilePartial, TimeProfileRow> {
        private final Categories categories;

        TimeProfileMerger(Categories categories) {
            this.categories = categories;
        }

        @Override
        public String key(TimeProfilePartial p) {
            return p.key();
        }

        @Override
        public TimeProfilePartial merge(TimeProfilePartial a, TimeProfilePartial b) {
            a.cases += b.cases;
            return a;
        }

        @Override
        public TimeProfileRow toRow(TimeProfilePartial p) {
            TimeProfileRow r = new TimeProfileRow();
            r.areaLevel = p.areaLevel;
            r.areaId = p.areaId;
            r.category = categories.code(p.category);
            r.kind = categories.kind(p.category);
            r.dayOfWeek = p.dayOfWeek;
            r.hour = p.hour;
            r.cases = p.cases;
            return r;
        }
    }

    /** Merges area partials for {@code cube/areas}: the merged partial itself, minutes and all. */
    static final class AreaCubeMerger implements MergeByKeyOperator.Merger<AreaPartial, AreaPartial> {
        @Override
        public String key(AreaPartial p) {
            return p.key();
        }

        @Override
        public AreaPartial merge(AreaPartial a, AreaPartial b) {
            return a.merge(b);
        }

        @Override
        public AreaPartial toRow(AreaPartial p) {
            return p;
        }
    }

    static final class AreaSummaryMerger implements MergeByKeyOperator.Merger<AreaPartial, AreaSummaryRow> {
        private final Categories categories;
        private final Period period;

        AreaSummaryMerger(Categories categories, Period period) {
            this.categories = categories;
            this.period = period;
        }

        @Override
        public String key(AreaPartial p) {
            return p.key();
        }

        @Override
        public AreaPartial merge(AreaPartial a, AreaPartial b) {
            return a.merge(b);
        }

        @Override
        public AreaSummaryRow toRow(AreaPartial p) {
            AreaSummaryRow r = new AreaSummaryRow();
            r.areaLevel = p.areaLevel;
            r.areaId = p.areaId;
            r.period = period.label(p.period);
            r.periodStart = period.startMillis(p.period);
            r.category = categories.code(p.category);
            r.kind = categories.kind(p.category);
            r.cases = p.cases;
            r.closed = p.closed;
            r.closureRate = p.cases == 0 ? 0 : (double) p.closed / p.cases;
            IntCountHistogram dispatch = AreaPartial.histogram(p.dispatchMinutes, p.dispatchCount);
            IntCountHistogram close = AreaPartial.histogram(p.closeMinutes, p.closeCount);
            r.p50DispatchMin = dispatch.isEmpty() ? null : dispatch.percentileLinear(0.5);
            r.p90DispatchMin = dispatch.isEmpty() ? null : dispatch.percentileLinear(0.9);
            r.p50CloseMin = close.isEmpty() ? null : close.percentileLinear(0.5);
            r.p90CloseMin = close.isEmpty() ? null : close.percentileLinear(0.9);
            return r;
        }
    }
}
