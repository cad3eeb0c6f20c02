package io.zhili.jobs.common;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Executes a built job and prints a progress line every two seconds from the job's live accumulators
 * (rows read so far and the rate), on a MiniCluster and on a cluster alike.
 */
public final class JobRunner {
    private JobRunner() {
    }

    /** Runs the job to completion; returns the final accumulator values by name. */
    public static Map<String, Object> run(StreamExecutionEnvironment env, String name, String progressCounter)
            throws Exception {
        long start = System.nanoTime();
        JobClient client = env.executeAsync(name);
        System.out.printf("%s: submitted job %s%n", name, client.getJobID());
        while (true) {
            try {
                JobExecutionResult result = client.getJobExecutionResult().get(2, TimeUnit.SECONDS);
                Map<String, Object> all = new TreeMap<>(result.getAllAccumulatorResults());
                all.put("job.net_runtime_ms", result.getNetRuntime());
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
