package io.zhili.cli;

import io.zhili.datasets.GeneratedFile;
import io.zhili.datasets.GenerationReport;
import io.zhili.datasets.QingdaoGenerator;
import io.zhili.datasets.Scale;
import io.zhili.geo.catalog.ClassCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zhili generate}: writes the deterministic synthetic Qingdao data set (see
 * {@link QingdaoGenerator} for the layout) and prints progress lines and a summary of files and rows.
 * A bad {@code --scale} or an output directory that cannot be created or written is a one-line error
 * with exit code 2.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate deterministic synthetic Qingdao data (areas, components, cases, ground truth; "
                + "trucks once wired). Same seed and scale give byte-identical files.")
public final class GenerateCommand implements Callable<Integer> {
    /** Seed used when none is given. */
    public static final long DEFAULT_SEED = 20251;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    Path out;

    @Option(names = "--scale", defaultValue = "small", paramLabel = "small|city|full|full2x",
            description = "small (20 k components, 40 k cases: seconds), city (a tenth of Qingdao), full "
                    + "(1.9 M components, 3.84 M cases: minutes) or full2x (twice full: 3.8 M components, "
                    + "7.68 M cases, 12,000 trucks). Default: ${DEFAULT-VALUE}.")
    String scale;

    @Option(names = "--seed", defaultValue = "" + DEFAULT_SEED, paramLabel = "N",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Class catalog CSV (code,kind,name_zh,name_en,source) "
            + "to draw classes from: its national classes, and local ones where a scenario needs them "
            + "(default: the shipped catalog).")
    Path catalog;

    @Override
    public Integer call() throws IOException {
        Scale s;
        try {
            s = Scale.parse(scale);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale: " + e.getMessage());
        }
        // A bad catalog is one line naming its file and line, before anything is written.
        ClassCatalog classes = ClassCatalog.fileOrStandard(catalog);
        checkWritable(out);
        PrintStream log = System.out;
        log.printf("generate: scale %s, seed %d, into %s%n", s.cliName(), seed, out);
        GenerationReport report = QingdaoGenerator.generate(out, s, seed, 2, log, classes,
                catalog == null ? ClassCatalog.RESOURCE : catalog.toString());
        log.printf("generate: %d files in %.1f s%n", report.files().size() + 1, report.millis() / 1000.0);
        for (GeneratedFile f : report.files()) {
            log.printf("  %-42s %,12d rows %,14d bytes%n", f.path(), f.rows(), f.bytes());
        }
        log.printf("  %-42s%n", "manifest.json");
        return 0;
    }

    private void checkWritable(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + dir + " is a file, not a directory");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".zhili-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out " + dir + " cannot be written (" + ZhiliCommand.oneLine(e) + ")");
        }
    }
}
