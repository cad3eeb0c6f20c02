package io.zhili.geo.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet writing and reading need only the dependencies geo-lib declares for runtime: hadoop-common
 * and hadoop-mapreduce-client-core come without their transitive dependencies, so a class reached
 * at runtime that needs one of those would fail here (surefire's own JVM also has the test jars).
 */
class RuntimeClasspathTest {
    @TempDir
    Path dir;

    @Test
    void parquetIoRunsInAFreshJvmOnTheDeclaredRuntimeClasspath() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        String runtime = Files.readString(target.resolve("runtime-classpath.txt")).trim();
        Path zstd = dir.resolve("duck-zstd.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT 'C1' AS id, 2.5 AS x, TIMESTAMPTZ '1970-01-01 00:00:02+00' AS t) TO '"
                    + zstd.toAbsolutePath() + "' (FORMAT parquet, COMPRESSION zstd)");
        }
        String classpath = String.join(File.pathSeparator, target.resolve("classes").toString(),
                target.resolve("test-classes").toString(), runtime);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", classpath, RuntimeClasspathProbe.class.getName(),
                dir.toString(), zstd.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().filter(l -> !l.startsWith("SLF4J")).toList();
        assertEquals(List.of(
                "geo {\"version\":\"1.1.0\",\"primary_column\":\"geometry\",\"columns\":{\"geometry\":"
                        + "{\"encoding\":\"WKB\",\"geometry_types\":[\"Point\"],\"bbox\":[1.0,2.0,1.0,2.0]}}}",
                "parts true",
                "row all.parquet x,1,2,3.5,true,1000,0101000000000000000000f03f0000000000000040,",
                "row duck-zstd.parquet C1,2.5,2000"), lines, out);
    }
}
