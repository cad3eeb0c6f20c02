package io.zhili.bench;

import io.zhili.geo.index.NearestComponentIndex;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nearest-component search over a Qingdao-sized registry (1.9 M components, 102 classes, clustered
 * along street grids): H3 buckets per class ({@link NearestComponentIndex}, the implementation) against
 * one JTS STR-tree per class ({@link StrTreeNearestIndex}), for 30 m queries, plus build time. Each
 * strategy's retained heap is printed once per trial ("footprint:").
 *
 * <p>Run: {@code scripts/bench.sh jmh NearestComponent}.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NearestComponentBenchmark {
    static final int COMPONENTS = 1_900_000;
    static final int QUERIES = 1 << 16;
    static final double RADIUS_M = 30;

    /** The registry and the queries, generated once per fork. */
    @State(Scope.Benchmark)
    public static class Registry {
        QingdaoComponents data;
        double[] qLon;
        double[] qLat;
        int[] qClass;

        @Setup(Level.Trial)
        public void generate() {
            data = new QingdaoComponents(COMPONENTS, 20251124L);
            double[][] q = data.queries(QUERIES, 7L);
            qLon = q[0];
            qLat = q[1];
            qClass = new int[QUERIES];
            for (int i = 0; i < QUERIES; i++) {
                qClass[i] = (int) q[2][i];
            }
        }
    }

    /** One built index of the chosen strategy. */
    @State(Scope.Benchmark)
    public static class Index {
        @Param({"H3_BUCKETS", "STR_TREE"})
        public String strategy;

        NearestComponentIndex h3;
        StrTreeNearestIndex strTree;

        @Setup(Level.Trial)
        public void build(Registry r) {
            long before = usedHeapAfterGc();
            if (strategy.equals("H3_BUCKETS")) {
                h3 = NearestComponentIndex.build(r.data.ids, r.data.minorClass, r.data.lon, r.data.lat);
            } else {
                strTree = new StrTreeNearestIndex(r.data.ids, r.data.minorClass, r.data.lon, r.data.lat);
            }
            long after = usedHeapAfterGc();
            int found = 0;
            for (int i = 0; i < QUERIES; i++) {
                found += nearest(r, i) >= 0 ? 1 : 0;
            }
            // H3_BUCKETS keeps the ids and classes (22 MiB) and copies the coordinates; STR_TREE keeps all input arrays (51 MiB).
            System.out.printf("%nfootprint: %s allocated and retains %.1f MiB besides the input arrays; %d of %d queries matched%n",
                    strategy, (after - before) / 1048576.0, found, QUERIES);
        }

        int nearest(Registry r, int i) {
            return h3 != null
                    ? h3.nearest(r.qLon[i], r.qLat[i], r.qClass[i], RADIUS_M)
                    : strTree.nearest(r.qLon[i], r.qLat[i], r.qClass[i], RADIUS_M);
        }
    }

    /** Per-thread position in the query list. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int nearest30m(Registry r, Index index, Cursor c) {
        int i = c.next;
        c.next = (i + 1) & (QUERIES - 1);
        return index.nearest(r, i);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public Object build(Registry r, Index index) {
        return index.strategy.equals("H3_BUCKETS")
                ? NearestComponentIndex.build(r.data.ids, r.data.minorClass, r.data.lon, r.data.lat)
                : new StrTreeNearestIndex(r.data.ids, r.data.minorClass, r.data.lon, r.data.lat);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
