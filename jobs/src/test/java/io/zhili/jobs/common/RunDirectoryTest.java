package io.zhili.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a windowed run's partitions: only its own are replaced, and nothing of another run's. */
class RunDirectoryTest {
    @TempDir
    Path out;

    private static void file(Path path, String content) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }

    private static Map<String, List<String>> dayOne() {
        Map<String, List<String>> owned = new LinkedHashMap<>();
        owned.put("cells", List.of("period=2025-07-01"));
        owned.put("profile", List.of("window=2025-07-01_2025-07-02"));
        return owned;
    }

    private Map<String, String> tree() throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(
                    p -> out.relativize(p).toString(), p -> {
                        try {
                            return Files.readString(p);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
        }
    }

    @Test
    void rerunReplacesItsOwnPartitionsAndLeavesOthers() throws Exception {
        file(out.resolve("cells/period=2025-06-30/part-0.parquet"), "june 30");
        file(out.resolve("cells/period=2025-07-01/part-0.parquet"), "old july 1");
        file(out.resolve("cells/period=2025-07-01/part-1.parquet"), "old july 1, second file");
        file(out.resolve("profile/window=2025-06-30_2025-07-01/part-0.parquet"), "june 30 profile");

        RunDirectory run = RunDirectory.create(out);
        file(run.staging().resolve("cells/period=2025-07-01/part-7.parquet"), "new july 1");
        file(run.staging().resolve("profile/window=2025-07-01_2025-07-02/part-7.parquet"), "new profile");
        run.publishPartitions(dayOne(), Map.of("cases", 2), "2025-07-01_2025-07-02");

        Map<String, String> tree = tree();
        assertEquals("june 30", tree.get("cells/period=2025-06-30/part-0.parquet"));
        assertEquals("new july 1", tree.get("cells/period=2025-07-01/part-7.parquet"));
        assertFalse(tree.containsKey("cells/period=2025-07-01/part-0.parquet"), "the old partition's files are gone");
        assertFalse(tree.containsKey("cells/period=2025-07-01/part-1.parquet"));
        assertEquals("june 30 profile", tree.get("profile/window=2025-06-30_2025-07-01/part-0.parquet"));
        assertEquals("new profile", tree.get("profile/window=2025-07-01_2025-07-02/part-7.parquet"));
        assertEquals("", tree.get("_SUCCESS"));
        assertEquals(2, new ObjectMapper().readTree(out.resolve("runs/2025-07-01_2025-07-02.json").toFile())
                .get("cases").asInt());
        assertEquals(2, new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("cases").asInt());
        try (Stream<Path> top = Files.list(out)) {
            assertTrue(top.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no staging or trash left");
        }
    }

    @Test
    void ownedPartitionWithNothingStagedIsRemoved() throws Exception {
        file(out.resolve("cells/period=2025-07-01/part-0.parquet"), "old july 1");
        file(out.resolve("profile/window=2025-07-01_2025-07-02/part-0.parquet"), "old profile");

        RunDirectory run = RunDirectory.create(out);
        file(run.staging().resolve("profile/window=2025-07-01_2025-07-02/part-3.parquet"), "new profile");
        run.publishPartitions(dayOne(), Map.of(), "2025-07-01_2025-07-02");

        assertFalse(Files.exists(out.resolve("cells/period=2025-07-01")), "the window has no rows there any more");
        assertEquals("new profile", Files.readString(out.resolve("profile/window=2025-07-01_2025-07-02/part-3.parquet")));
    }

    @Test
    void stagedPartitionOutsideTheWindowMovesNothing() throws Exception {
        file(out.resolve("cells/period=2025-07-01/part-0.parquet"), "old july 1");
        Files.writeString(out.resolve("_SUCCESS"), "");

        RunDirectory run = RunDirectory.create(out);
        file(run.staging().resolve("cells/period=2025-07-01/part-5.parquet"), "new july 1");
        file(run.staging().resolve("cells/period=2025-07-02/part-5.parquet"), "july 2: not this run's");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run.publishPartitions(dayOne(), Map.of(), "2025-07-01_2025-07-02"));
        assertTrue(e.getMessage().contains("cells/period=2025-07-02"), e.getMessage());
        assertEquals("old july 1", Files.readString(out.resolve("cells/period=2025-07-01/part-0.parquet")));
        assertTrue(Files.exists(out.resolve("_SUCCESS")), "the previous result stays published");
    }

    @Test
    void staleStagingAndTrashOfFailedRunsAreSweptAndLiveOnesKept() throws Exception {
        Path out = this.out.resolve("swept");
        // A run that died two days ago (staging and a half-published trash), and one still writing.
        file(out.resolve(".staging-dead/hotspot_cells/period=2025-07/part-00000-0-00000.parquet"), "x");
        file(out.resolve(".trash-.staging-dead/hotspot_cells/part-00000-0-00000.parquet"), "x");
        file(out.resolve(".staging-live/hotspot_cells/period=2025-07/part-00000-0-00000.parquet"), "x");
        // An old directory whose newest file is fresh belongs to a run still going.
        file(out.resolve(".staging-long/emerging/part-00000-0-00000.parquet"), "x");
        file(out.resolve(".staging-long/hotspot_cells/part-00001-0-00000.parquet"), "x");
        file(out.resolve("hotspot_cells/part-00000-0-00000.parquet"), "published");
        java.nio.file.attribute.FileTime twoDaysAgo = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(2)));
        for (String old : new String[] {".staging-dead", ".trash-.staging-dead", ".staging-long/emerging"}) {
            try (Stream<Path> tree = Files.walk(out.resolve(old))) {
                for (Path p : tree.collect(Collectors.toList())) {
                    Files.setLastModifiedTime(p, twoDaysAgo);
                }
            }
        }
        Files.setLastModifiedTime(out.resolve(".staging-long"), twoDaysAgo);

        RunDirectory run = RunDirectory.create(out);

        assertFalse(Files.exists(out.resolve(".staging-dead")));
        assertFalse(Files.exists(out.resolve(".trash-.staging-dead")));
        assertTrue(Files.exists(out.resolve(".staging-live/hotspot_cells/period=2025-07/part-00000-0-00000.parquet")));
        assertTrue(Files.exists(out.resolve(".staging-long/emerging/part-00000-0-00000.parquet")));
        assertTrue(Files.isDirectory(run.staging()));
        assertEquals("published", Files.readString(out.resolve("hotspot_cells/part-00000-0-00000.parquet")));
    }
}
