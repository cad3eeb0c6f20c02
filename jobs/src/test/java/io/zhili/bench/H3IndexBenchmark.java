package io.zhili.bench;

import io.zhili.geo.h3.H3Grid;
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
 * H3 indexing as the hotspot job uses it, on one core, over 65 536 Qingdao-like positions (the
 * component layout of {@link QingdaoComponents}): a position's res-9 cell (the base grid), its res-8
 * and res-7 parents (the rollups), and the k = 1 disk of a cell (Gi* neighbours, nearest-component
 * lookups), all through {@link H3Grid} and its native h3-java core.
 *
 * <p>Run: {@code scripts/bench.sh jmh H3Index}. Results are nanoseconds per call.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class H3IndexBenchmark {
    static final int POSITIONS = 1 << 16;

    /** The positions and their res-9 cells, once per fork. */
    @State(Scope.Benchmark)
    public static class Positions {
        double[] lon;
        double[] lat;
        long[] cells = new long[POSITIONS];

        @Setup(Level.Trial)
        public void generate() {
            QingdaoComponents data = new QingdaoComponents(POSITIONS, 20251126L);
            lon = data.lon;
            lat = data.lat;
            H3Grid grid = H3Grid.get();
            for (int i = 0; i < POSITIONS; i++) {
                cells[i] = grid.cell(lon[i], lat[i], 9);
            }
        }
    }

    /** Per-thread position in the list. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            int i = next;
            next = (i + 1) & (POSITIONS - 1);
            return i;
        }
    }

    @Benchmark
    public long cellRes9(Positions p, Cursor c) {
        int i = c.advance();
        return H3Grid.get().cell(p.lon[i], p.lat[i], 9);
    }

    @Benchmark
    public long parentRes7(Positions p, Cursor c) {
        return H3Grid.get().parent(p.cells[c.advance()], 7);
    }

    @Benchmark
    public long[] diskK1(Positions p, Cursor c) {
        return H3Grid.get().disk(p.cells[c.advance()], 1);
    }
}
