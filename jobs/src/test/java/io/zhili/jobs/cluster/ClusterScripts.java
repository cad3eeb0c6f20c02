package io.zhili.jobs.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's operations scripts ({@code scripts/flink-cluster.sh}, {@code scripts/submit.sh})
 * from a test, as an operator would, with their output kept in a log file that a failure quotes.
 */
final class ClusterScripts {
    /** The repository root (the build passes it; the jobs module's parent otherwise). */
    static final Path ROOT = Path.of(System.getProperty("zhili.root", "..")).toAbsolutePath().normalize();
    /** The jar for a cluster, with Flink's own jars left out (built by {@code mvn -Pcluster package}). */
    static final Path CLUSTER_JAR = Path.of(System.getProperty("zhili.cluster.jar", "target/zhili-cluster.jar"))
            .toAbsolutePath();

    private ClusterScripts() {
    }

    /** Runs {@code scripts/<script> args...}; returns its output, failing the test when it exits non-zero. */
    static String run(Path log, Duration timeout, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("scripts").resolve(script).toString());
        command.addAll(Arrays.asList(args));
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            fail(script + " " + String.join(" ", args) + " did not end within " + timeout + ":\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        if (p.exitValue() != 0) {
            fail(script + " " + String.join(" ", args) + " exited with " + p.exitValue() + ":\n" + output);
        }
        return output;
    }

    /** A TCP port nothing listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The first of {@code n} consecutive free ports. */
    static int freePorts(int n) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = freePort();
            boolean free = base + n <= 65535;
            for (int i = 1; i < n && free; i++) {
                try (ServerSocket s = new ServerSocket(base + i)) {
                    free = true;
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no " + n + " consecutive free ports");
    }

    static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            fail("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
