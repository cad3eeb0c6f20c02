package io.zhili.jobs.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The output directory of a run. A run writes into a hidden staging directory beside the published
 * tables; {@link #publish} then removes {@code _SUCCESS}, swaps each table directory by rename, writes
 * {@code run.json} and finally {@code _SUCCESS}. A reader that checks {@code _SUCCESS} therefore never
 * sees a mix of two runs, and a failed run leaves the previous result in place.
 *
 * <p>A scheduled run of a date window publishes with {@link #publishPartitions} instead: it replaces
 * only the partition directories it owns, so yesterday's run leaves last week's partitions alone and a
 * rerun of the same window replaces exactly what the first run wrote.
 *
 * <p>The directory must be on a filesystem where a rename is atomic (a local disk, NFS, CephFS); not
 * thread-safe; two runs publishing into one directory at once must own disjoint partitions.
 */
public final class RunDirectory {
    public static final String SUCCESS = "_SUCCESS";
    public static final String RUN_JSON = "run.json";
    /** Under {@code out}: the summary of every window published, {@code runs/<window>.json}. */
    public static final String RUNS = "runs";

    /**
     * A {@code .staging-*} or {@code .trash-*} directory in which nothing was modified for this long is
     * left over by a run that died (killed client, lost JobManager, a failed publish) and is removed when
     * the next run starts. A live run writes part files into its staging directory throughout, so its
     * newest file is never this old; a publish holds its trash for seconds.
     */
    public static final java.time.Duration STALE_AFTER = java.time.Duration.ofHours(24);

    private final Path out;
    private final Path staging;

    private RunDirectory(Path out, Path staging) {
        this.out = out;
        this.staging = staging;
    }

    /** Creates {@code out} if needed and a fresh staging directory inside it. */
    public static RunDirectory create(Path out) {
        try {
            Files.createDirectories(out);
            if (!Files.isWritable(out)) {
                throw new IllegalArgumentException("output directory " + out + " is not writable");
            }
            sweepStale(out, java.time.Instant.now().minus(STALE_AFTER));
            Path staging = out.resolve(".staging-" + UUID.randomUUID());
            Files.createDirectories(staging);
            return new RunDirectory(out, staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the {@code .staging-*} and {@code .trash-*} directories under {@code out} whose newest
     * entry was modified before {@code staleBefore} (see {@link #STALE_AFTER}); returns their names.
     * Best effort: a directory that cannot be read or removed is left for the next run.
     */
    public static List<String> sweepStale(Path out, java.time.Instant staleBefore) {
        List<String> swept = new java.util.ArrayList<>();
        try (var entries = Files.list(out)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (!(name.startsWith(".staging-") || name.startsWith(".trash-")) || !Files.isDirectory(p)) {
                    continue;
                }
                try {
                    if (newestModification(p).isBefore(staleBefore)) {
                        deleteTree(p);
                        swept.add(name);
                    }
                } catch (IOException e) {
                    // Vanished meanwhile (its run published or abandoned it) or unreadable: leave it.
                }
            }
        } catch (IOException e) {
            // The directory cannot be listed: creating the staging directory reports the real problem.
        }
        return swept;
    }

    private static java.time.Instant newestModification(Path root) throws IOException {
        try (var tree = Files.walk(root)) {
            java.time.Instant newest = java.time.Instant.MIN;
            for (Path p : (Iterable<Path>) tree::iterator) {
                java.time.Instant t = Files.getLastModifiedTime(p).toInstant();
                if (t.isAfter(newest)) {
                    newest = t;
                }
            }
            return newest;
        }
    }

    /** The run directory of a run that {@link #create} started elsewhere (the JobManager publishes it). */
    public static RunDirectory reopen(Path out, Path staging) {
        return new RunDirectory(out, staging);
    }

    public Path out() {
        return out;
    }

    public Path staging() {
        return staging;
    }

    /** Publishes the staged {@code tables} and the run summary. */
    public void publish(List<String> tables, Map<String, Object> runSummary) {
        try {
            ParquetTableSink.keepFinishedAttempts(staging);
            Files.deleteIfExists(out.resolve(SUCCESS));
            Path trash = out.resolve(".trash-" + staging.getFileName());
            Files.createDirectories(trash);
            for (String table : tables) {
                Path published = out.resolve(table);
                if (Files.exists(published)) {
                    move(published, trash.resolve(table));
                }
                Path staged = staging.resolve(table);
                if (Files.exists(staged)) {
                    move(staged, published);
                } else {
                    Files.createDirectories(published);
                }
            }
            finishPublishing(runSummary, null, trash);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the run into " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Publishes a windowed run: for each table of {@code partitions}, each partition directory named
     * there ({@code period=2025-07-01}, {@code window=2025-07-01_2025-07-02}) is replaced by the staged
     * one, or removed when the run staged none (the window has no rows there any more). Partitions not
     * named are left alone. Each partition appears by one rename, so a reader sees either the old or the
     * new partition, never a mix; {@code _SUCCESS} is absent from the first swap to the last. The summary
     * goes to {@code runs/<runName>.json} and, as the latest run's, to {@code run.json}.
     *
     * @throws IllegalStateException if the run staged a partition it does not own (nothing is moved then)
     */
    public void publishPartitions(Map<String, List<String>> partitions, Map<String, Object> runSummary,
            String runName) {
        try {
            ParquetTableSink.keepFinishedAttempts(staging);
            for (Map.Entry<String, List<String>> table : partitions.entrySet()) {
                Path stagedTable = staging.resolve(table.getKey());
                if (!Files.isDirectory(stagedTable)) {
                    continue;
                }
                try (var staged = Files.list(stagedTable)) {
                    for (Path p : (Iterable<Path>) staged::iterator) {
                        if (!table.getValue().contains(p.getFileName().toString())) {
                            throw new IllegalStateException("the run staged " + table.getKey() + "/" + p.getFileName()
                                    + ", outside its partitions " + table.getValue());
                        }
                    }
                }
            }
            Files.deleteIfExists(out.resolve(SUCCESS));
            Path trash = out.resolve(".trash-" + staging.getFileName());
            for (Map.Entry<String, List<String>> table : partitions.entrySet()) {
                for (String partition : table.getValue()) {
                    Path published = out.resolve(table.getKey()).resolve(partition);
                    Path staged = staging.resolve(table.getKey()).resolve(partition);
                    if (Files.exists(published)) {
                        Files.createDirectories(trash.resolve(table.getKey()));
                        move(published, trash.resolve(table.getKey()).resolve(partition));
                    }
                    if (Files.exists(staged)) {
                        Files.createDirectories(published.getParent());
                        move(staged, published);
                    }
                }
            }
            finishPublishing(runSummary, runName, trash);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the run into " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * The last steps of both ways of publishing, once the tables are in place: {@code run.json} (and,
     * for a named run, {@code runs/<runName>.json}) moved in from staging, {@code _SUCCESS} written,
     * the replaced tables in {@code trash} and the staging directory removed.
     */
    private void finishPublishing(Map<String, Object> runSummary, String runName, Path trash) throws IOException {
        Path runJson = staging.resolve(RUN_JSON);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(runJson.toFile(), runSummary);
        if (runName != null) {
            Files.createDirectories(out.resolve(RUNS));
            Path named = staging.resolve(runName + ".json");
            Files.copy(runJson, named);
            move(named, out.resolve(RUNS).resolve(runName + ".json"));
        }
        move(runJson, out.resolve(RUN_JSON));
        Files.writeString(out.resolve(SUCCESS), "");
        deleteTree(trash);
        deleteTree(staging);
    }

    /** Removes the staging directory of a failed run; the previous result stays untouched. */
    public void abandon() {
        try {
            deleteTree(staging);
        } catch (IOException e) {
            // Best effort: a leftover hidden staging directory is harmless and removed by the next cleanup.
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            // A file replaces its predecessor in place (rename(2)); a directory must have been moved away.
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
