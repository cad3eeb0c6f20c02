package io.zhili.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * README's "Commands" block is the CLI's synopsis: every command and option it names exists in picocli's
 * model of {@code zhili}, and every command and option of the model (but {@code --help} and
 * {@code --version}) is in it.
 */
class ReadmeSynopsisTest {
    private static final Pattern COMMAND = Pattern.compile("^zhili\\s+([a-z][a-z0-9-]*)");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");

    /** The repository's README.md (tests run in the module folder). */
    static Path readme() {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("README.md")) && Files.isRegularFile(d.resolve("pom.xml"))
                    && Files.isDirectory(d.resolve("jobs"))) {
                return d.resolve("README.md");
            }
        }
        throw new IllegalStateException("README.md of the repository not found above " + dir);
    }

    /** Options by command as the README's Commands block names them, in order of appearance. */
    static Map<String, TreeSet<String>> readmeSynopses(String markdown) {
        int section = markdown.indexOf("\n## Commands");
        assertTrue(section >= 0, "README has a '## Commands' section");
        int open = markdown.indexOf("```", section);
        int close = markdown.indexOf("```", open + 3);
        assertTrue(open > 0 && close > open, "the Commands section has a code block");
        Map<String, TreeSet<String>> out = new LinkedHashMap<>();
        String current = null;
        for (String line : markdown.substring(markdown.indexOf('\n', open) + 1, close).split("\n")) {
            Matcher m = COMMAND.matcher(line);
            if (m.find()) {
                current = m.group(1);
                assertTrue(!out.containsKey(current), "command " + current + " appears once");
                out.put(current, new TreeSet<>());
            } else if (line.isBlank()) {
                continue;
            } else {
                assertTrue(current != null && Character.isWhitespace(line.charAt(0)),
                        "a line of the Commands block is a 'zhili COMMAND' line or its indented continuation: " + line);
            }
            Matcher o = OPTION.matcher(line);
            while (o.find()) {
                out.get(current).add(o.group());
            }
        }
        return out;
    }

    /** Options by command in picocli's model, without the standard help options. */
    static Map<String, TreeSet<String>> cliOptions() {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        CommandLine root = new CommandLine(new ZhiliCommand());
        for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
            CommandSpec spec = sub.getValue().getCommandSpec();
            TreeSet<String> names = new TreeSet<>();
            for (OptionSpec option : spec.options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                for (String name : option.names()) {
                    if (name.startsWith("--")) {
                        names.add(name);
                    }
                }
            }
            out.put(sub.getKey(), names);
        }
        return out;
    }

    @Test
    void testReadmeCommandsMatchPicocliBothWays() throws IOException {
        Map<String, TreeSet<String>> readme = readmeSynopses(Files.readString(readme()));
        Map<String, TreeSet<String>> cli = cliOptions();
        assertEquals(cli.keySet(), new TreeSet<>(readme.keySet()), "commands in README's synopsis vs the CLI");
        for (String command : cli.keySet()) {
            TreeSet<String> missing = new TreeSet<>(cli.get(command));
            missing.removeAll(readme.get(command));
            TreeSet<String> unknown = new TreeSet<>(readme.get(command));
            unknown.removeAll(cli.get(command));
            assertEquals(List.of(), List.copyOf(missing), "zhili " + command + ": options of the CLI missing from README");
            assertEquals(List.of(), List.copyOf(unknown), "zhili " + command + ": options in README the CLI does not have");
        }
    }

    @Test
    void testTheParserSeesMissingAndUnknownOptions() {
        Map<String, TreeSet<String>> parsed = readmeSynopses("intro\n## Commands\n\n```\nzhili serve  --tiles DIR [--port 8080]\n"
                + "             [--no-such-flag]\nzhili demo   [--out DIR]\n```\n");
        assertEquals(List.of("serve", "demo"), List.copyOf(parsed.keySet()));
        assertEquals(new TreeSet<>(List.of("--tiles", "--port", "--no-such-flag")), parsed.get("serve"));
        TreeSet<String> serve = cliOptions().get("serve");
        assertTrue(serve.contains("--bind") && serve.contains("--cors-origin") && !serve.contains("--help"), serve.toString());
    }
}
