package io.zhili.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return ZhiliCommand.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void smallScaleWritesTheLayoutAndASummary() throws Exception {
        Path dir = tmp.resolve("data");
        assertEquals(0, run("generate", "--out", dir.toString(), "--seed", "3"));
        for (String f : new String[] {"areas.geojson", "components.csv", "cases.csv", "parquet/components/part-00000.parquet",
            "parquet/cases/part-00000.parquet", "truth/hotspots.csv", "truth/dirty.csv", "manifest.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("scale small, seed 3"), text);
        assertTrue(text.contains("components: 20,000 rows done"), text);
        assertTrue(text.contains("cases: 40,000 rows done"), text);
        assertTrue(text.matches("(?s).*cases\\.csv\\s+40,000 rows.*"), text);
        assertTrue(Files.readString(dir.resolve("manifest.json")).contains("\"seed\" : 3"));
    }

    @Test
    void unknownScaleIsAOneLineErrorWithExitTwo() {
        assertEquals(2, run("generate", "--out", tmp.toString(), "--scale", "huge"));
        assertTrue(errText().startsWith("zhili generate: --scale: unknown scale 'huge', expected one of small, city, full, full2x"),
                errText());
        assertEquals(1, errText().strip().lines().count(), errText());
    }

    @Test
    void unwritableOutputIsAOneLineErrorWithExitTwo() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        assertEquals(2, run("generate", "--out", file.resolve("sub").toString()));
        assertTrue(errText().startsWith("zhili generate: --out " + file.resolve("sub") + " cannot be written"), errText());
        assertEquals(1, errText().strip().lines().count(), errText());
        err.reset();
        assertEquals(2, run("generate", "--out", file.toString()));
        assertTrue(errText().contains("is a file, not a directory"), errText());
    }

    @Test
    void outIsRequired() {
        assertEquals(2, run("generate"));
        assertTrue(errText().contains("Missing required option: '--out=DIR'"), errText());
    }
}
