package io.zhili.geo.util;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress line for long work: prints "stage: n unit (rate/s)" at most every {@code intervalMs},
 * so operators see that a long run is alive without a line per record.
 *
 * <p>Thread-safe: several workers may call {@link #add(long)} on one instance.
 */
public final class Progress {
    private final String stage;
    private final String unit;
    private final PrintStream out;
    private final long intervalMs;
    private final long startNanos = System.nanoTime();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong lastPrintMs = new AtomicLong(System.currentTimeMillis());

    public Progress(String stage, String unit) {
        this(stage, unit, System.out, 2000);
    }

    public Progress(String stage, String unit, PrintStream out, long intervalMs) {
        this.stage = stage;
        this.unit = unit;
        this.out = out;
        this.intervalMs = intervalMs;
    }

    /** Adds {@code n} done items and prints a line when the interval has passed. */
    public void add(long n) {
        long total = count.addAndGet(n);
        long now = System.currentTimeMillis();
        long last = lastPrintMs.get();
        if (now - last >= intervalMs && lastPrintMs.compareAndSet(last, now)) {
            print(total, false);
        }
    }

    public long count() {
        return count.get();
    }

    /** Prints the final line with the total and the mean rate. */
    public void done() {
        print(count.get(), true);
    }

    private void print(long total, boolean done) {
        double secs = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        out.printf("%s: %,d %s%s (%,.0f/s, %.1f s)%n", stage, total, unit, done ? " done" : "", total / secs, secs);
        out.flush();
    }
}
