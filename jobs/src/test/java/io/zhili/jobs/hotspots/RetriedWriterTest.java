package io.zhili.jobs.hotspots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.jobs.common.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer task that fails after writing part of its rows and is retried (a cluster configured with a
 * restart strategy does that) must not leave the failed attempt's part files beside the retry's: the
 * published tables hold each row once, exactly as a run without the failure.
 */
class RetriedWriterTest {
    /** Rows the first attempt of subtask 0 writes before it fails; static: the MiniCluster shares the JVM. */
    static final int ROWS_BEFORE_FAILURE = 3;
    static final AtomicInteger FAILURES = new AtomicInteger();

    @TempDir
    Path dir;

    @Test
    void aRetriedWritersFailedAttemptIsNotPublished() throws Exception {
        Path components = Files.writeString(dir.resolve("components.csv"), HotspotJobTest.COMPONENTS);
        Path cases = Files.writeString(dir.resolve("cases.csv"), HotspotJobTest.CASES);
        long clean = cellRows(run(components, cases, dir.resolve("clean"), false));
        assertEquals(0, FAILURES.get());
        Path retried = run(components, cases, dir.resolve("retried"), true);
        assertEquals(1, FAILURES.get(), "the injected failure did not happen");
        assertTrue(clean > ROWS_BEFORE_FAILURE, "too few rows to fail in the middle: " + clean);
        assertEquals(clean, cellRows(retried), "rows of the failed attempt were published beside the retry's");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT h3, h3_res, period, category, kind, count(*) n FROM "
                        + "read_parquet('" + retried + "/hotspot_cells/**/*.parquet', hive_partitioning=true) GROUP BY ALL HAVING n > 1)")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "duplicate hotspot_cells rows");
        }
        // Nothing of the bookkeeping is published.
        try (var files = Files.walk(retried)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".finished")));
        }
    }

    private static Path run(Path components, Path cases, Path out, boolean failOnce) throws Exception {
        HotspotOptions options = new HotspotOptions();
        Configuration conf = new Configuration();
        // As a cluster configured to retry failed tasks.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofMillis(10));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        RunDirectory run = RunDirectory.create(out);
        HotspotSinks parquet = HotspotSinks.parquet(run.staging());
        HotspotSinks sinks = !failOnce ? parquet : new HotspotSinks() {
            @Override
            public Sink<HotspotCellRow> cells() {
                return new FailOnce<>(parquet.cells());
            }

            @Override
            public Sink<EmergingRow> emerging() {
                return parquet.emerging();
            }

            @Override
            public Sink<TimeProfileRow> timeProfile() {
                return parquet.timeProfile();
            }

            @Override
            public Sink<AreaSummaryRow> areaSummary() {
                return parquet.areaSummary();
            }

            @Override
            public Sink<RecurrenceRow> recurrence() {
                return parquet.recurrence();
            }

            @Override
            public Sink<RejectRecord> rejects() {
                return parquet.rejects();
            }

            @Override
            public Sink<ForecastCellRow> forecastCells() {
                return parquet.forecastCells();
            }

            @Override
            public Sink<HourOfWeekRow> forecastHourOfWeek() {
                return parquet.forecastHourOfWeek();
            }
        };
        new HotspotJob(options, new ReferenceData(ClassCatalog.standard(), null),
                InputPlanner.plan("components", components, options.splitBytes, ComponentParser.COLUMNS),
                InputPlanner.plan("cases", cases, options.splitBytes, CaseParser.COLUMNS), sinks, null).build(env);
        env.execute("retried writer");
        run.publish(List.of(HotspotTables.ALL), Map.of("job", "test"));
        return out;
    }

    private static long cellRows(Path out) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + out + "/hotspot_cells/**/*.parquet')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Test-only: subtask 0's first attempt throws after {@link #ROWS_BEFORE_FAILURE} rows, once per JVM. */
    static final class FailOnce<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        private final Sink<T> inner;

        FailOnce(Sink<T> inner) {
            this.inner = inner;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
            SinkWriter<T> writer = inner.createWriter(context);
            boolean fail = context.getTaskInfo().getIndexOfThisSubtask() == 0 && context.getTaskInfo().getAttemptNumber() == 0;
            return new SinkWriter<>() {
                private int rows;

                @Override
                public void write(T element, Context ctx) throws IOException, InterruptedException {
                    writer.write(element, ctx);
                    if (fail && ++rows == ROWS_BEFORE_FAILURE && FAILURES.getAndIncrement() == 0) {
                        throw new IOException("injected failure after " + rows + " rows");
                    }
                }

                @Override
                public void flush(boolean endOfInput) throws IOException, InterruptedException {
                    writer.flush(endOfInput);
                }

                @Override
                public void close() throws Exception {
                    writer.close();
                }
            };
        }
    }
}
