package io.zhili.jobs.hotspots;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.IntObjectHashMap;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.cursors.IntObjectCursor;
import com.carrotsearch.hppc.cursors.LongCursor;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.stats.EmergingHotSpots;
import io.zhili.geo.stats.EmergingPattern;
import io.zhili.geo.stats.GetisOrdGiStar;
import io.zhili.geo.stats.HotClass;
import io.zhili.geo.stats.MannKendall;
import io.zhili.geo.stats.BenjaminiHochberg;
import io.zhili.geo.stats.Significance;
import java.util.Arrays;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.InputSelectable;
import org.apache.flink.streaming.api.operators.InputSelection;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Gi* hot spots and emerging patterns for the categories partitioned to this subtask. Input 1 (read
 * first, broadcast) is the study area: every base cell with a component or a case, and every period
 * with cases, the same for all categories so that zero-count cells count as ArcGIS's Find Hot Spots
 * counts them. Input 2 are partial case and exposure counts of this subtask's categories. At the end,
 * per category, resolution and period: counts (rolled up to coarser resolutions by H3 parent), Gi* z,
 * p and class; per base cell and category: the emerging pattern of its Gi* series and Mann-Kendall on
 * its counts.
 */
final class HotspotStatisticsOperator extends AbstractStreamOperator<HotspotCellRow>
        implements TwoInputStreamOperator<StudyAreaItem, CellPartial, HotspotCellRow>, InputSelectable, BoundedMultiInput {
    static final OutputTag<EmergingRow> EMERGING = new OutputTag<>("emerging") {
    };

    private final HotspotOptions options;
    private final Categories categories;
    private transient boolean studyAreaDone;
    private transient LongHashSet studyCells;
    private transient IntArrayList periods;
    private transient IntObjectHashMap<LongLongHashMap> casesByCategory;
    private transient IntObjectHashMap<LongLongHashMap> exposureByCategory;
    private transient JobCounters counters;

    HotspotStatisticsOperator(HotspotOptions options, Categories categories) {
        this.options = options;
        this.categories = categories;
    }

    @Override
    public void open() throws Exception {
        super.open();
        studyCells = new LongHashSet();
        periods = new IntArrayList();
        casesByCategory = new IntObjectHashMap<>();
        exposureByCategory = new IntObjectHashMap<>();
        counters = JobCounters.of(getRuntimeContext());
    }

    @Override
    public InputSelection nextSelection() {
        return studyAreaDone ? InputSelection.SECOND : InputSelection.FIRST;
    }

    @Override
    public void processElement1(StreamRecord<StudyAreaItem> element) {
        StudyAreaItem item = element.getValue();
        if (item.cell != 0) {
            studyCells.add(item.cell);
        } else if (!periods.contains(item.period)) {
            periods.add(item.period);
            String tooMany = CellKeys.periodLimitProblem(periods.size(), options.period, "the cases span at least");
            if (tooMany != null) {
                throw new IllegalStateException(tooMany);
            }
        }
    }

    @Override
    public void processElement2(StreamRecord<CellPartial> element) {
        CellPartial p = element.getValue();
        IntObjectHashMap<LongLongHashMap> target = p.period == CellPartial.EXPOSURE ? exposureByCategory : casesByCategory;
        LongLongHashMap counts = target.get(p.category);
        if (counts == null) {
            counts = new LongLongHashMap();
            target.put(p.category, counts);
        }
        // Key: base cell with the period index in the low bits (see CellKeys), or the cell alone for exposure.
        long key = p.period == CellPartial.EXPOSURE ? CellKeys.pack(p.cell, 0) : CellKeys.pack(p.cell, periodIndex(p.period));
        counts.addTo(key, p.count);
    }

    private int periodIndex(int period) {
        int i = periods.indexOf(period);
        if (i < 0) {
            throw new IllegalStateException("period " + period + " missing from the study area");
        }
        return i;
    }

    @Override
    public void endInput(int inputId) {
        if (inputId == 1) {
            studyAreaDone = true;
            int[] sorted = periods.toArray();
            Arrays.sort(sorted);
            periods = IntArrayList.from(sorted);
            return;
        }
        long t0 = System.nanoTime();
        Grid[] grids = new Grid[1 + options.rollups.length];
        grids[0] = new Grid(options.resolution, studyCells.toArray(), null, options.ringK);
        for (int i = 0; i < options.rollups.length; i++) {
            grids[i + 1] = new Grid(options.rollups[i], grids[0].cells, grids[0], options.ringK);
        }
        for (IntObjectCursor<LongLongHashMap> entry : casesByCategory) {
            computeCategory(entry.key, entry.value, exposureByCategory.get(entry.key), grids);
        }
        counters.addMillis("stage.statistics_ms", t0);
        output.collect(JobCounters.COUNTS, new StreamRecord<>(counters.snapshot()));
    }

    private void computeCategory(int category, LongLongHashMap caseCounts, LongLongHashMap exposure, Grid[] grids) {
        int nPeriods = periods.size();
        boolean all = category == Categories.ALL;
        double[][] baseZ = null;
        double[][] baseCounts = null;
        // Each partial count resolved to its base cell once; rollups map base indexes through an array.
        int m = caseCounts.size();
        int[] baseIndex = new int[m];
        int[] periodIndex = new int[m];
        double[] value = new double[m];
        int j = 0;
        for (com.carrotsearch.hppc.cursors.LongLongCursor e : caseCounts) {
            baseIndex[j] = grids[0].indexOfBase(CellKeys.cell(e.key));
            periodIndex[j] = CellKeys.category(e.key);
            value[j++] = e.value;
        }
        for (int g = 0; g < grids.length; g++) {
            Grid grid = grids[g];
            int n = grid.cells.length;
            double[][] counts = grid.counts(nPeriods);
            for (int i = 0; i < m; i++) {
                counts[periodIndex[i]][grid.ofBase[baseIndex[i]]] += value[i];
            }
            long[] components = grid.components;
            Arrays.fill(components, 0);
            if (exposure != null) {
                for (com.carrotsearch.hppc.cursors.LongLongCursor e : exposure) {
                    int base = grids[0].indexOfBase(CellKeys.cell(e.key));
                    if (base >= 0) {
                        components[grid.ofBase[base]] += e.value;
                    }
                }
            }
            double[][] zs = grid.z(nPeriods);
            for (int t = 0; t < nPeriods; t++) {
                double[] x = counts[t];
                double total = 0;
                for (double v : x) {
                    total += v;
                }
                if (total == 0 && !all) {
                    Arrays.fill(zs[t], 0.0);
                    // No case of this category in the period: z is 0 everywhere and no row is written.
                    continue;
                }
                double[] z = zs[t];
                GetisOrdGiStar.zScores(x, grid.neighbours, z);
                double[] p = null;
                HotClass[] classes = null;
                if (options.fdr) {
                    p = new double[n];
                    for (int i = 0; i < n; i++) {
                        p[i] = Significance.twoSidedP(z[i]);
                    }
                    classes = BenjaminiHochberg.classifyFdr(z, p);
                }
                String label = options.period.label(periods.get(t));
                long start = options.period.startMillis(periods.get(t));
                String code = categories.code(category);
                String kind = categories.kind(category);
                for (int i = 0; i < n; i++) {
                    if (!all && x[i] == 0) {
                        continue;
                    }
                    double pi = p != null ? p[i] : z[i] == 0 ? 1.0 : Significance.twoSidedP(z[i]);
                    HotspotCellRow row = new HotspotCellRow();
                    row.h3 = grid.cells[i];
                    row.h3Res = grid.resolution;
                    row.period = label;
                    row.periodStart = start;
                    row.category = code;
                    row.kind = kind;
                    row.cases = (long) x[i];
                    row.components = components[i];
                    row.rate = components[i] > 0 ? x[i] / components[i] : null;
                    row.giZ = z[i];
                    row.giP = pi;
                    row.hotClass = (classes != null ? classes[i] : HotClass.of(z[i], pi)).name();
                    output.collect(new StreamRecord<>(row));
                }
            }
            if (g == 0) {
                baseZ = zs;
                baseCounts = counts;
            }
        }
        emitEmerging(category, grids[0], baseZ, baseCounts, all);
    }

    private void emitEmerging(int category, Grid base, double[][] z, double[][] counts, boolean all) {
        int nPeriods = periods.size();
        double[] series = new double[nPeriods];
        double[] zSeries = new double[nPeriods];
        double[] pSeries = new double[nPeriods];
        for (int i = 0; i < base.cells.length; i++) {
            boolean any = false;
            for (int t = 0; t < nPeriods; t++) {
                series[t] = counts[t][i];
                zSeries[t] = z[t][i];
                pSeries[t] = zSeries[t] == 0 ? 1.0 : Significance.twoSidedP(zSeries[t]);
                any |= series[t] > 0;
            }
            if (!all && !any) {
                continue;
            }
            MannKendall.Result trend = MannKendall.test(series, options.trendAlpha);
            EmergingPattern pattern = EmergingHotSpots.classify(zSeries, pSeries, trend);
            EmergingRow row = new EmergingRow();
            row.h3 = base.cells[i];
            row.category = categories.code(category);
            row.kind = categories.kind(category);
            row.pattern = pattern.contractName();
            row.spot = pattern == EmergingPattern.NO_PATTERN ? "NONE" : pattern.cold() ? "COLD" : "HOT";
            row.mkZ = trend.z();
            row.mkP = trend.p();
            output.collect(EMERGING, new StreamRecord<>(row));
        }
    }

    /** The study area at one resolution with its k-ring neighbour lists and a map from base cells to its cells. */
    private static final class Grid {
        final int resolution;
        final long[] cells;
        final int[][] neighbours;
        /** Index in this grid of each base cell (by base index); the identity for the base grid. */
        final int[] ofBase;
        /** Per-category work buffers, reused because 160-odd categories pass through each grid. */
        final long[] components;
        private double[][] counts;
        private double[][] z;
        private final LongIntHashMap baseToIndex = new LongIntHashMap();

        Grid(int resolution, long[] baseCells, Grid base, int k) {
            this.resolution = resolution;
            H3Grid h3 = H3Grid.get();
            if (base == null) {
                long[] sorted = baseCells.clone();
                Arrays.sort(sorted);
                cells = sorted;
                ofBase = new int[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    baseToIndex.put(cells[i], i);
                    ofBase[i] = i;
                }
            } else {
                LongIntHashMap index = new LongIntHashMap();
                LongHashSet parents = new LongHashSet();
                for (long c : base.cells) {
                    parents.add(h3.parent(c, resolution));
                }
                long[] sorted = parents.toArray();
                Arrays.sort(sorted);
                cells = sorted;
                for (int i = 0; i < cells.length; i++) {
                    index.put(cells[i], i);
                }
                ofBase = new int[base.cells.length];
                for (int i = 0; i < base.cells.length; i++) {
                    ofBase[i] = index.get(h3.parent(base.cells[i], resolution));
                }
            }
            components = new long[cells.length];
            neighbours = GetisOrdGiStar.h3Neighbours(cells, k, c -> h3.disk(c, k));
        }

        /** Base index of a base cell, -1 outside the study area (base grid only). */
        int indexOfBase(long baseCell) {
            return baseToIndex.getOrDefault(baseCell, -1);
        }

        /** The zeroed count buffer, [period][cell]. */
        double[][] counts(int periods) {
            if (counts == null || counts.length != periods) {
                counts = new double[periods][cells.length];
            } else {
                for (double[] row : counts) {
                    Arrays.fill(row, 0.0);
                }
            }
            return counts;
        }

        /** The z buffer, [period][cell], overwritten by each category. */
        double[][] z(int periods) {
            if (z == null || z.length != periods) {
                z = new double[periods][cells.length];
            }
            return z;
        }
    }
}
