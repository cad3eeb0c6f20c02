package io.zhili.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

/**
 * The entry point of the jar on a Flink cluster (its manifest's {@code program-class}, which
 * {@code flink run}, the REST API's {@code POST /jars/:id/run} and the Kubernetes operator use in
 * preference to {@code Main-Class}). The same command line as {@link ZhiliCommand}, but it never calls
 * {@code System.exit}: a REST submission runs {@code main} inside the JobManager, which an exit would
 * end. A non-zero outcome becomes an exception carrying the one-line reason, which Flink returns to
 * whoever submitted the jar.
 */
public final class ZhiliApplication {
    private ZhiliApplication() {
    }

    public static void main(String[] args) {
        StringWriter errors = new StringWriter();
        int code = ZhiliCommand.execute(new PrintWriter(errors, true), args);
        String reason = errors.toString().trim();
        if (!reason.isEmpty()) {
            System.err.println(reason);
        }
        if (code != 0) {
            throw new IllegalArgumentException(reason.isEmpty()
                    ? "zhili " + String.join(" ", Arrays.asList(args)) + " ended with exit code " + code : reason);
        }
    }
}
