package io.zhili.datasets;

import java.util.List;

/**
 * What a generator run wrote: the files in the order written (manifest last), and how long it took.
 *
 * @param files  every file but {@code manifest.json}
 * @param millis wall-clock duration of the run
 */
public record GenerationReport(Scale scale, long seed, List<GeneratedFile> files, long millis) {
    /** The file with this relative path. @throws IllegalArgumentException if none */
    public GeneratedFile file(String path) {
        for (GeneratedFile f : files) {
            if (f.path().equals(path)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no generated file " + path);
    }
}
