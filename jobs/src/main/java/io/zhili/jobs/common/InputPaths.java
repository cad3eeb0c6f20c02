package io.zhili.jobs.common;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of a command's input and output paths made by the client before any job is built, so a wrong path is one
 * line naming the option, not a task failure on a TaskManager.
 */
public final class InputPaths {
    private InputPaths() {
    }

    /**
     * Fails with {@code OPTION PATH does not exist} or {@code … is not readable}.
     *
     * @throws IllegalArgumentException when {@code path} is missing or unreadable
     */
    public static void requireReadable(String option, Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(option + " " + path + " does not exist");
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(option + " " + path + " is not readable");
        }
    }

    /**
     * Fails with {@code --out OUT exists and is not a directory}; a missing {@code out} is fine (the run
     * creates it).
     *
     * @throws IllegalArgumentException when {@code out} exists and is not a directory
     */
    public static void requireOutputDirectory(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " exists and is not a directory");
        }
    }
}
