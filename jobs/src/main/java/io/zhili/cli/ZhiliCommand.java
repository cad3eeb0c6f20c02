package io.zhili.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code zhili} command line: one entry point for generating data and running the jobs.
 *
 * <p>Errors in arguments or unreadable inputs end with a one-line message on stderr and a
 * non-zero exit code; the stack trace is only printed with {@code ZHILI_DEBUG=1}.
 */
@Command(name = "zhili", mixinStandardHelpOptions = true, version = "zhili 0.1.0",
        description = "Geospatial batch and stream analytics for city operations, on Apache Flink.",
        subcommands = {GenerateCommand.class, HotspotsCommand.class, TrucksCommand.class, ChangesCommand.class,
            TilesCommand.class, ServeCommand.class, ExportCommand.class, DemoCommand.class, LiveCommand.class, BacktestCommand.class})
public final class ZhiliCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see --help)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line without exiting the JVM; tests call this. */
    public static int execute(String... args) {
        return execute(null, args);
    }

    /** As {@link #execute(String...)}, with error lines going to {@code err} (standard error when null). */
    static int execute(java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ZhiliCommand());
        if (err != null) {
            cli.setErr(err);
        }
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (System.getenv("ZHILI_DEBUG") != null) {
                ex.printStackTrace();
            }
            commandLine.getErr().println(prefix(commandLine) + oneLine(ex));
            return 1;
        });
        cli.setParameterExceptionHandler((ex, strings) -> {
            CommandLine commandLine = ex.getCommandLine();
            commandLine.getErr().println(prefix(commandLine) + ex.getMessage()
                    + " (try --help)");
            return 2;
        });
        return cli.execute(args);
    }

    private static String prefix(CommandLine commandLine) {
        String name = commandLine.getCommandName();
        return "zhili".equals(name) ? "zhili: " : "zhili " + name + ": ";
    }

    /**
     * The cause of {@code ex} as one line: the root of the cause chain, since Flink wraps a task's failure
     * in "Job execution failed" and "Recovery is suppressed" layers that say nothing a user can act on; but
     * where an outer exception of ours repeats the root's message with context (a file, a line), that
     * outermost one, so the context is kept. A wrapper whose message is only its cause's {@code toString()}
     * adds nothing and is passed over. A root without a message is named by its type.
     */
    static String oneLine(Throwable ex) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = ex; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        Throwable root = chain.get(chain.size() - 1);
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root.getMessage() != null && !root.getMessage().isBlank()) {
            // The root's first line: a wrapper may quote a multi-line message with its breaks escaped.
            String key = root.getMessage().strip().lines().findFirst().orElse("");
            for (Throwable t : chain.subList(0, chain.size() - 1)) {
                String m = t.getMessage();
                if (m != null && m.contains(key) && !m.equals(String.valueOf(t.getCause()))) {
                    message = m;
                    break;
                }
            }
        }
        return message.replace('\n', ' ');
    }
}
