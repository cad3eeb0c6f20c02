package io.zhili.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;

/**
 * A {@code zhili serve} command line run on its own thread in this JVM, as a user starts it (every flag
 * parsed and checked by the command), until {@link #close()}: what it printed, the port it listens on and
 * its exit code. Test helper for the serve command's tests and the console's browser test.
 */
public final class ServeRun implements AutoCloseable {
    private final ServeCommand command;
    private final StringWriter out;
    private final Thread thread;
    private final AtomicInteger exit = new AtomicInteger(-1);
    private final boolean listening;

    private ServeRun(ServeCommand command, StringWriter out, String... args) throws InterruptedException {
        this.command = command;
        this.out = out;
        command.started = new CountDownLatch(1);
        command.stop = new CountDownLatch(1);
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        thread = new Thread(() -> exit.set(cli.execute(args)), "zhili-serve-test");
        thread.start();
        // Either it listens, or it ends (a bad flag) first.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!command.started.await(100, TimeUnit.MILLISECONDS) && thread.isAlive() && System.nanoTime() < until) {
            // waiting
        }
        listening = command.started.getCount() == 0;
    }

    /** Starts {@code zhili serve ARGS} and waits until it listens or has ended. */
    public static ServeRun start(String... args) throws InterruptedException {
        return new ServeRun(new ServeCommand(), new StringWriter(), args);
    }

    static ServeRun start(ServeCommand command, StringWriter out, String... args) throws InterruptedException {
        return new ServeRun(command, out, args);
    }

    /** Whether the server listens (false when the command ended first, e.g. on a bad flag). */
    public boolean listening() {
        return listening;
    }

    /** The port it listens on. */
    public int port() {
        return command.boundPort;
    }

    /** What it printed so far (standard output and error). */
    public String output() {
        return out.toString();
    }

    /** Stops the server and returns its exit code (-1 when it did not end within 30 s). */
    public int stop() throws InterruptedException {
        command.stop.countDown();
        thread.join(30_000);
        return exit.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
