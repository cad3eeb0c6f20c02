package io.zhili.bench;

import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.stats.GetisOrdGiStar;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Gi* over a large study area on one core: the 99 919 res-9 cells within grid distance 182 of central
 * Qingdao (about 10 500 km², a whole city's grid), with skewed case counts (most cells 0–2 cases, a
 * few hot clusters). Measures the neighbour lists (built once per study area: one k = 1 disk per cell
 * and binary searches) and one period's z-scores over them (run once per period and category).
 *
 * <p>Run: {@code scripts/bench.sh jmh GiStar}. Results are milliseconds per call.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GiStarBenchmark {
    static final int RADIUS = 182;

    /** The study area, its neighbour lists and one period's counts, once per fork. */
    @State(Scope.Benchmark)
    public static class StudyArea {
        long[] cells;
        int[][] neighbours;
        double[] counts;
        double[] z;

        @Setup(Level.Trial)
        public void build() {
            H3Grid grid = H3Grid.get();
            cells = grid.disk(grid.cell(120.38, 36.07, 9), RADIUS);
            neighbours = GetisOrdGiStar.h3Neighbours(cells, 1, c -> grid.disk(c, 1));
            SplittableRandom rnd = new SplittableRandom(7);
            counts = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                // geometric counts (mean 0.5) with one cell in 500 a hot spot of about 20 cases
                counts[i] = (rnd.nextInt(500) == 0 ? 20 : 0) + Math.floor(Math.log(rnd.nextDouble()) / Math.log(1.0 / 3));
            }
            z = new double[cells.length];
            System.out.printf("%nstudy area: %d cells%n", cells.length);
        }
    }

    @Benchmark
    public int[][] neighbourLists(StudyArea s) {
        H3Grid grid = H3Grid.get();
        return GetisOrdGiStar.h3Neighbours(s.cells, 1, c -> grid.disk(c, 1));
    }

    @Benchmark
    public double[] zScoresOnePeriod(StudyArea s) {
        GetisOrdGiStar.zScores(s.counts, s.neighbours, s.z);
        return s.z;
    }
}
