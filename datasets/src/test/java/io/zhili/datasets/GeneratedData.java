package io.zhili.datasets;

import io.zhili.geo.table.TableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small generated data set shared by the tests of a class, read back with geo-lib's table reader. */
final class GeneratedData {
    static final long SEED = 20251;

    final Path dir;
    final GenerationReport report;
    final List<String> componentHeader;
    final List<String[]> components;
    final List<String> caseHeader;
    final List<String[]> cases;
    final List<String[]> dirty;
    final List<String[]> hotspots;

    private GeneratedData(Path dir, GenerationReport report) {
        this.dir = dir;
        this.report = report;
        this.componentHeader = new ArrayList<>();
        this.components = read(dir.resolve("components.csv"), componentHeader);
        this.caseHeader = new ArrayList<>();
        this.cases = read(dir.resolve("cases.csv"), caseHeader);
        this.dirty = read(dir.resolve("truth/dirty.csv"), new ArrayList<>());
        this.hotspots = read(dir.resolve("truth/hotspots.csv"), new ArrayList<>());
    }

    static GeneratedData small(Path dir, int threads) throws IOException {
        Files.createDirectories(dir);
        GenerationReport report = QingdaoGenerator.generate(dir, Scale.SMALL, SEED, threads,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        return new GeneratedData(dir, report);
    }

    /** Rows as string arrays; index i holds CSV line i + 2. */
    static List<String[]> read(Path csv, List<String> header) {
        List<String[]> rows = new ArrayList<>();
        try (TableReader r = TableReader.open(csv)) {
            header.addAll(r.columns());
            int n = r.columns().size();
            while (r.next()) {
                if (r.rowNumber() != rows.size() + 2) {
                    throw new IllegalStateException(csv + ": row on line " + r.rowNumber() + ", expected " + (rows.size() + 2));
                }
                String[] f = new String[n];
                for (int i = 0; i < n; i++) {
                    f[i] = r.get(i);
                }
                rows.add(f);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
