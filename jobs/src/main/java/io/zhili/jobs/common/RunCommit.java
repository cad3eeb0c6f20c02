package io.zhili.jobs.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.flink.api.common.io.FinalizeOnMaster;
import org.apache.flink.api.common.io.OutputFormat;
import org.apache.flink.configuration.Configuration;

/**
 * The commit of a bounded run, done by the JobManager when every task of the job has finished: the
 * single-task sink adds up the {@link RunCounts} of the run into a file in the staging directory, and
 * {@link #finalizeGlobal} (Flink calls it on the JobManager after the last task finished and before the
 * job counts as FINISHED) reads the counts of the attempt that finished and hands them to the
 * {@link Publisher}, which swaps the staged tables in and writes {@code run.json} and {@code _SUCCESS}.
 *
 * <p>Why on the JobManager and not in the client after the job: a job submitted through the REST API
 * ({@code POST /jars/:id/run}) runs its {@code main} detached, with no client left to wait for the
 * result, and a scheduler's client may die while a long job runs; the job publishes its own output
 * either way. A publish that throws fails the job. Use with parallelism 1.
 */
public final class RunCommit implements OutputFormat<RunCounts>, FinalizeOnMaster {
    private static final long serialVersionUID = 1L;
    private static final String COUNTS_FILE = "_counts-attempt-%d.json";

    /** Publishes a finished run from its counts; runs on the JobManager, once. */
    @FunctionalInterface
    public interface Publisher extends Serializable {
        void publish(RunCounts counts) throws IOException;
    }

    private final String staging;
    private final Publisher publisher;
    private transient RunCounts total;
    private transient int attempt;

    /**
     * @param staging   the run's staging directory (on a filesystem the JobManager and the task share)
     * @param publisher what to do with the counts once every task finished
     */
    public RunCommit(Path staging, Publisher publisher) {
        this.staging = staging.toAbsolutePath().toString();
        this.publisher = publisher;
    }

    @Override
    public void configure(Configuration parameters) {
    }

    @Override
    public void open(InitializationContext context) {
        if (context.getNumTasks() != 1) {
            throw new IllegalStateException("the run commit must run with parallelism 1, not " + context.getNumTasks());
        }
        attempt = context.getAttemptNumber();
        total = new RunCounts();
    }

    @Override
    public void writeRecord(RunCounts counts) {
        total.merge(counts);
    }

    @Override
    public void close() throws IOException {
        if (total == null) {
            return;
        }
        // Named by attempt: the JobManager reads exactly the attempt that finished, never a failed one's.
        Path file = Path.of(staging, String.format(COUNTS_FILE, attempt));
        Path tmp = Path.of(staging, "." + file.getFileName() + ".tmp");
        new ObjectMapper().writeValue(tmp.toFile(), total);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void finalizeGlobal(FinalizationContext context) throws IOException {
        Path file = Path.of(staging, String.format(COUNTS_FILE, context.getFinishedAttempt(0)));
        if (!Files.isRegularFile(file)) {
            throw new IOException("the run's counts " + file + " are missing: is " + staging
                    + " on a filesystem that the JobManager and the TaskManagers share?");
        }
        publisher.publish(new ObjectMapper().readValue(file.toFile(), RunCounts.class));
    }
}
