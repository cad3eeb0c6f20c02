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
 */
public final class RunDirectory {
    public static final String SUCCESS = "_SUCCESS";
    public static final String RUN_JSON = "run.json";

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
            Path staging = out.resolve(".staging-" + UUID.randomUUID());
            Files.createDirectories(staging);
            return new RunDirectory(out, staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + out + ": " + e.getMessage(), e);
        }
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
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Path runJson = staging.resolve(RUN_JSON);
            json.writeValue(runJson.toFile(), runSummary);
            move(runJson, out.resolve(RUN_JSON));
            Files.writeString(out.resolve(SUCCESS), "");
            deleteTree(trash);
            deleteTree(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the run into " + out + ": " + e.getMessage(), e);
        }
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
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
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
