package io.zhili.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the repository's documentation self-contained and complete: no README, document, source,
 * resource, script or CI file refers to a file outside the repository (the contract is
 * {@code docs/CONTRACTS.md}); every Java package under {@code src/main/java} has a
 * {@code package-info.java} with its Javadoc; the README links the contract and the architecture; and
 * every relative link of the README and {@code docs/*.md} resolves, anchors included.
 *
 * <p>It lives in geo-lib, the module every build compiles first, but walks the whole repository from
 * its root. The checks are plain functions of a root directory, so the last test plants each kind of
 * problem in a small tree and proves that each check reports it.
 */
class RepositoryDocsTest {
    /** Spelled in two pieces so that this file does not match itself. */
    private static final String OUTSIDE = ".." + "/shared/";
    private static final String DESIGN = "DESIGN" + ".md";
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

    @Test
    void noFileRefersOutsideTheRepository() {
        List<String> found = outsideReferences(repositoryRoot());
        assertEquals(List.of(), found, "files that refer outside the repository; point to docs/CONTRACTS.md instead");
    }

    @Test
    void everyPackageHasPackageInfoWithJavadoc() {
        Path root = repositoryRoot();
        assertTrue(modules(root).size() >= 3, "expected the geo-lib, datasets and jobs modules under " + root);
        assertEquals(List.of(), packagesWithoutInfo(root), "packages without a package-info.java with Javadoc");
    }

    @Test
    void readmeLinksTheContractAndTheArchitecture() throws IOException {
        Path root = repositoryRoot();
        assertTrue(Files.isRegularFile(root.resolve("docs/CONTRACTS.md")), "docs/CONTRACTS.md is missing");
        assertTrue(Files.isRegularFile(root.resolve("docs/ARCHITECTURE.md")), "docs/ARCHITECTURE.md is missing");
        String readme = Files.readString(root.resolve("README.md"));
        assertTrue(readme.contains("](docs/CONTRACTS.md)"), "README.md does not link docs/CONTRACTS.md");
        assertTrue(readme.contains("](docs/ARCHITECTURE.md)"), "README.md does not link docs/ARCHITECTURE.md");
    }

    @Test
    void relativeLinksOfTheDocumentsResolve() {
        Path root = repositoryRoot();
        List<String> broken = new ArrayList<>();
        for (Path doc : documents(root)) {
            broken.addAll(brokenLinks(root, doc));
        }
        assertEquals(List.of(), broken, "links to files or anchors that do not exist");
    }

    @Test
    void eachCheckReportsAPlantedProblem(@TempDir Path root) throws IOException {
        write(root.resolve("pom.xml"), "<project/>");
        write(root.resolve("README.md"), "# R\n\nSee [the contract](docs/CONTRACTS.md#nowhere) and [x](docs/gone.md).\n");
        write(root.resolve("docs/CONTRACTS.md"), "# Contract\n\n## Inputs\n\n```\n# not a heading\n```\n\nFormats in " + DESIGN
                + ", see [inputs](#inputs) and [fence](#not-a-heading).\n");
        write(root.resolve("mod/src/main/java/a/b/Widget.java"), "package a.b;\n/** W. */\npublic class Widget {}\n");
        write(root.resolve("mod/src/main/java/a/c/Gadget.java"), "package a.c;\n/** G. */\npublic class Gadget {}\n");
        write(root.resolve("mod/src/main/java/a/c/package-info.java"), "package a.c;\n");
        write(root.resolve("mod/src/main/java/a/d/Thing.java"), "package a.d;\n/** T. */\npublic class Thing {}\n");
        write(root.resolve("mod/src/main/java/a/d/package-info.java"), "/** Things. */\npackage a.d;\n");
        write(root.resolve("mod/src/test/java/a/b/WidgetTest.java"), "// data from " + OUTSIDE + "reference/x.csv\n");
        write(root.resolve("scripts/run.sh"), "#!/bin/sh\necho fine\n");
        write(root.resolve(".ci/run"), "#!/bin/sh\ncat " + OUTSIDE + "notes.txt\n");

        assertEquals(List.of(".ci/run:2", "docs/CONTRACTS.md:9", "mod/src/test/java/a/b/WidgetTest.java:1"),
                outsideReferences(root).stream().map(s -> s.substring(0, s.indexOf(':', s.indexOf(':') + 1))).sorted().toList());
        assertEquals(List.of("mod/src/main/java/a/b (no package-info.java)",
                "mod/src/main/java/a/c (package-info.java has no Javadoc before its package line)"), packagesWithoutInfo(root));
        assertEquals(List.of("README.md: docs/CONTRACTS.md#nowhere (no such anchor)", "README.md: docs/gone.md (no such file)"),
                brokenLinks(root, root.resolve("README.md")));
        assertEquals(List.of("docs/CONTRACTS.md: #not-a-heading (no such anchor)"),
                brokenLinks(root, root.resolve("docs/CONTRACTS.md")));
    }

    // ---- the checks, as functions of a repository root ----

    /** {@code path:line: text} of every line that names a file outside the repository. */
    static List<String> outsideReferences(Path root) {
        List<String> found = new ArrayList<>();
        for (Path file : scannedFiles(root)) {
            String text = textOf(file);
            if (text == null) {
                continue;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(OUTSIDE) || lines[i].contains(DESIGN)) {
                    found.add(relative(root, file) + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        return found;
    }

    /** Package directories under each module's src/main/java lacking a package-info.java with Javadoc. */
    static List<String> packagesWithoutInfo(Path root) {
        List<String> missing = new ArrayList<>();
        for (Path module : modules(root)) {
            Path sources = module.resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> dirs = Files.walk(sources)) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                    if (!holdsJavaTypes(dir)) {
                        continue;
                    }
                    String expected = sources.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(), ".");
                    String problem = packageInfoProblem(dir.resolve("package-info.java"), expected);
                    if (problem != null) {
                        missing.add(relative(root, dir) + " (" + problem + ")");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return missing;
    }

    /** {@code doc: link (why)} of each relative link of a Markdown file whose file or anchor does not exist. */
    static List<String> brokenLinks(Path root, Path doc) {
        List<String> broken = new ArrayList<>();
        String text = textOf(doc);
        Matcher m = LINK.matcher(withoutCodeBlocks(text));
        while (m.find()) {
            String link = m.group(1);
            if (link.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                continue; // http:, https:, mailto:
            }
            int hash = link.indexOf('#');
            String file = hash < 0 ? link : link.substring(0, hash);
            String anchor = hash < 0 ? null : link.substring(hash + 1);
            Path target = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
            if (!Files.exists(target)) {
                broken.add(relative(root, doc) + ": " + link + " (no such file)");
            } else if (anchor != null && target.toString().endsWith(".md") && !anchors(target).contains(anchor)) {
                broken.add(relative(root, doc) + ": " + link + " (no such anchor)");
            }
        }
        return broken;
    }

    // ---- helpers ----

    /** The directory holding the parent pom, docs/ and the modules, found upwards from the working directory. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("docs"))
                    && Files.isDirectory(d.resolve("geo-lib"))) {
                return d;
            }
        }
        throw new AssertionError("no repository root (pom.xml, docs/, geo-lib/) above " + dir);
    }

    /** Top-level directories with a src/ folder. */
    static List<Path> modules(Path root) {
        try (Stream<Path> top = Files.list(root)) {
            return top.filter(p -> Files.isDirectory(p.resolve("src"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** README.md, and everything under docs/, each module's src/, scripts/ and .ci/. */
    static List<Path> scannedFiles(Path root) {
        List<Path> trees = new ArrayList<>(List.of(root.resolve("docs"), root.resolve("scripts"), root.resolve(".ci")));
        for (Path module : modules(root)) {
            trees.add(module.resolve("src"));
        }
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(root.resolve("README.md"))) {
            files.add(root.resolve("README.md"));
        }
        for (Path tree : trees) {
            if (!Files.isDirectory(tree)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(tree)) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** README.md and docs/*.md, the documents whose links must resolve. */
    static List<Path> documents(Path root) {
        List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> list = Files.list(root.resolve("docs"))) {
            list.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    private static boolean holdsJavaTypes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".java") && !name.equals("package-info.java");
            });
        }
    }

    private static String packageInfoProblem(Path info, String expectedPackage) {
        if (!Files.isRegularFile(info)) {
            return "no package-info.java";
        }
        String text = textOf(info);
        Matcher m = PACKAGE.matcher(text);
        if (!m.find()) {
            return "package-info.java has no package line";
        }
        if (!m.group(1).equals(expectedPackage)) {
            return "package-info.java declares " + m.group(1) + ", not " + expectedPackage;
        }
        String before = text.substring(0, m.start());
        int doc = before.indexOf("/**");
        if (doc < 0 || before.indexOf("*/", doc) < 0 || before.substring(doc + 3, before.indexOf("*/", doc)).isBlank()) {
            return "package-info.java has no Javadoc before its package line";
        }
        return null;
    }

    /** GitHub's anchors of a Markdown file's headings (lower case, punctuation dropped, spaces as '-', repeats numbered). */
    static Set<String> anchors(Path markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : withoutCodeBlocks(textOf(markdown)).split("\n")) {
            if (!line.matches("^#{1,6} .*")) {
                continue;
            }
            String title = line.replaceFirst("^#{1,6} ", "").strip();
            StringBuilder slug = new StringBuilder();
            title.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
                if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                    slug.appendCodePoint(c);
                } else if (c == ' ') {
                    slug.append('-');
                }
            });
            String base = slug.toString();
            int n = seen.merge(base, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? base : base + "-" + n);
        }
        return anchors;
    }

    /** The text with fenced code blocks blanked (their lines kept, so line numbers stay right). */
    private static String withoutCodeBlocks(String text) {
        StringBuilder out = new StringBuilder();
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                out.append('\n');
                continue;
            }
            out.append(fenced ? "" : line).append('\n');
        }
        return out.toString();
    }

    /** The file as UTF-8 text, or null for a binary file (a NUL byte in it). */
    private static String textOf(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return null;
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
