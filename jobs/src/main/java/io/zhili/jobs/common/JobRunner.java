package io.zhili.jobs.common;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Executes a built job and prints a progress line every two seconds from the job's live accumulators
 * (rows read so far and the rate), on a MiniCluster and on a cluster alike.
 *
 * <p>A detached execution ({@code execution.attached: false}: a jar run through the REST API, whose
 * {@code main} runs on the JobManager, or {@code flink run --detached}) returns right after the
 * submission: there is no client to report to, and the web submission's job client refuses to wait.
 */
public final class JobRunner {
    /** The submitted job's id, always present in the result. */
    public static final String JOB_ID = "job.id";
    /** Present (true) when the job was submitted detached and is still running. */
    public static final String DETACHED = "job.detached";

    private JobRunner() {
    }

    /**
     * Whether the execution is detached. Only an explicit {@code execution.attached: false} counts: a
     * local MiniCluster run leaves the option unset (its default is false) and is waited for.
     */
    public static boolean detached(StreamExecutionEnvironment env) {
        return !env.getConfiguration().getOptional(DeploymentOptions.ATTACHED).orElse(true);
    }

    /**
     * Runs the job to completion, or only submits it when the execution is detached; returns the final
     * accumulator values by name, with {@link #JOB_ID} (and {@link #DETACHED} when detached).
     */
    public static Map<String, Object> run(StreamExecutionEnvironment env, String name, String progressCounter)
            throws Exception {
        long start = System.nanoTime();
        JobClient client = env.executeAsync(name);
        System.out.printf("%s: submitted job %s%n", name, client.getJobID());
        if (detached(env)) {
            Map<String, Object> submitted = new TreeMap<>();
            submitted.put(JOB_ID, client.getJobID().toHexString());
            submitted.put(DETACHED, true);
            return submitted;
        }
        while (true) {
            try {
                JobExecutionResult result = client.getJobExecutionResult().get(2, TimeUnit.SECONDS);
                Map<String, Object> all = new TreeMap<>(result.getAllAccumulatorResults());
                all.put("job.net_runtime_ms", result.getNetRuntime());
                all.put(JOB_ID, client.getJobID().toHexString());
                return all;
            } catch (java.util.concurrent.TimeoutException e) {
                long read = 0;
                try {
                    Object v = client.getAccumulators().get(2, TimeUnit.SECONDS).get(progressCounter);
                    read = v instanceof Number ? ((Number) v).longValue() : 0;
                } catch (Exception ignored) {
                    // Accumulators are unavailable while the job is being scheduled; report the time only.
                }
                double secs = Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0;
                System.out.printf("%s: running %.0f s, %,d %s%n", name, secs, read, progressCounter);
                System.out.flush();
            }
        }
    }

}
