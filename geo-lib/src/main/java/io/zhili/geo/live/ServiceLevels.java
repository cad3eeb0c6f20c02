package io.zhili.geo.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The service levels (SLA) of case handling: per class kind and category, the limit from verification to
 * dispatch and from report to close, read from a CSV with the header {@value #HEADER}.
 *
 * <p>{@code kind} is {@code COMPONENT}, {@code EVENT} or {@code *}; {@code category} a 4-digit minor class,
 * a 2-digit major or {@code *}; the minutes are positive integers. The most specific row wins: a minor row
 * over a major row over {@code *}, and at the same category a row of the kind over a {@code *} kind. The
 * table must have the catch-all row {@code *,*}, so every case has a limit. The shipped default is the
 * classpath resource {@value #RESOURCE} ({@link #defaults()}); {@code --sla FILE} replaces it wholesale.
 * Immutable, thread-safe and serializable (a job ships it to its tasks).
 */
public final class ServiceLevels implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Classpath location of the default table. */
    public static final String RESOURCE = "zhili/sla.csv";
    /** The header of an SLA file. */
    public static final String HEADER = "kind,category,dispatch_minutes,close_minutes";
    private static final String ANY = "*";
    private static final long MINUTE_MS = 60_000L;

    /** One row's limits in milliseconds. */
    private record Limits(long dispatchMs, long closeMs) implements Serializable {
    }

    /** Keyed by {@code kind + "," + category}, exactly as written in the file. */
    private final Map<String, Limits> rows;

    private ServiceLevels(Map<String, Limits> rows) {
        this.rows = rows;
    }

    private static volatile ServiceLevels defaults;

    /**
     * The shipped table {@value #RESOURCE}, loaded once.
     *
     * @throws IllegalStateException when the resource is missing from the classpath
     */
    public static ServiceLevels defaults() {
        ServiceLevels d = defaults;
        if (d == null) {
            synchronized (ServiceLevels.class) {
                d = defaults;
                if (d == null) {
                    InputStream in = ServiceLevels.class.getClassLoader().getResourceAsStream(RESOURCE);
                    if (in == null) {
                        throw new IllegalStateException("classpath resource " + RESOURCE + " not found (it ships in zhili-geo-lib)");
                    }
                    try (in) {
                        d = load(in, RESOURCE);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read classpath resource " + RESOURCE, e);
                    }
                    defaults = d;
                }
            }
        }
        return d;
    }

    /**
     * The table of {@code --sla FILE}: the file when given, the shipped defaults when {@code null}.
     *
     * @throws IllegalArgumentException one line, {@code sla FILE:LINE: reason} or {@code sla FILE: reason}
     */
    public static ServiceLevels fileOrDefaults(Path file) {
        return file == null ? defaults() : load(file);
    }

    /**
     * Reads an SLA file (UTF-8).
     *
     * @throws IllegalArgumentException one line, {@code sla FILE:LINE: reason} for a bad row, or
     *     {@code sla FILE: reason} when the file cannot be read
     */
    public static ServiceLevels load(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("sla " + name + ": "
                    + (Files.exists(file) ? "not a regular file" : "does not exist"));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, name);
        } catch (IOException e) {
            throw new IllegalArgumentException("sla " + name + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads an SLA table from a stream (named {@code <stream>} in error messages); does not close it.
     *
     * @throws IllegalArgumentException one line, {@code sla <stream>:LINE: reason}
     * @throws UncheckedIOException when the stream cannot be read
     */
    public static ServiceLevels load(InputStream in) {
        try {
            return load(in, "<stream>");
        } catch (IOException e) {
            throw new UncheckedIOException("sla <stream>: cannot read", e);
        }
    }

    /**
     * Reads an SLA table: UTF-8, header {@value #HEADER} (a byte-order mark is skipped), blank lines and
     * surrounding spaces ignored. Does not close the stream.
     *
     * @param name the file's name in error messages
     * @throws IllegalArgumentException {@code sla NAME:LINE: reason} when the header differs, a row has not 4
     *     fields, a kind or category is malformed, a limit is not a positive integer of minutes, a (kind,
     *     category) repeats, or the catch-all row {@code *,*} is missing (reported at the line after the last)
     */
    public static ServiceLevels load(InputStream in, String name) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (header == null) {
            throw error(name, 1, "empty file, expected the header '" + HEADER + "'");
        }
        if (!header.strip().equals(HEADER)) {
            throw error(name, 1, "expected the header '" + HEADER + "', got '" + header.strip() + "'");
        }
        Map<String, Limits> rows = new HashMap<>();
        int line = 1;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            String[] f = text.split(",", -1);
            if (f.length != 4) {
                throw error(name, line, "expected 4 fields (" + HEADER + "), got " + f.length);
            }
            String kind = f[0].strip();
            String category = f[1].strip();
            if (!kind.equals(ANY) && !kind.equals("COMPONENT") && !kind.equals("EVENT")) {
                throw error(name, line, "kind '" + kind + "' is not COMPONENT, EVENT or *");
            }
            if (!category.equals(ANY) && !category.matches("\\d{2}|\\d{4}")) {
                throw error(name, line, "category '" + category + "' is not a 4-digit minor, a 2-digit major or *");
            }
            long dispatch = minutes(name, line, "dispatch_minutes", f[2].strip());
            long close = minutes(name, line, "close_minutes", f[3].strip());
            if (rows.putIfAbsent(kind + "," + category, new Limits(dispatch * MINUTE_MS, close * MINUTE_MS)) != null) {
                throw error(name, line, "kind " + kind + " and category " + category + " repeat an earlier row");
            }
        }
        if (!rows.containsKey(ANY + "," + ANY)) {
            throw error(name, line + 1, "no catch-all row '*,*' (every case needs a limit)");
        }
        return new ServiceLevels(Map.copyOf(rows));
    }

    private static long minutes(String name, int line, String column, String value) {
        long m;
        try {
            m = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw error(name, line, column + " '" + value + "' is not an integer");
        }
        if (m <= 0 || m > 10L * 365 * 24 * 60) {
            throw error(name, line, column + " " + m + " is not between 1 and " + 10L * 365 * 24 * 60 + " (10 years)");
        }
        return m;
    }

    private static IllegalArgumentException error(String name, int line, String reason) {
        return new IllegalArgumentException("sla " + name + ":" + line + ": " + reason);
    }

    /**
     * The limit from {@code verified_at} to {@code dispatched_at} of a case.
     *
     * @param kind {@code COMPONENT} or {@code EVENT} ({@code null} or other: only {@code *} rows apply)
     * @param minor the case's 4-digit minor class (a 2-digit major or {@code null} is looked up as far as it goes)
     * @return milliseconds, positive
     */
    public long dispatchLimitMs(String kind, String minor) {
        return lookup(kind, minor).dispatchMs();
    }

    /**
     * The limit from {@code reported_at} to {@code closed_at} of a case (arguments as {@link
     * #dispatchLimitMs(String, String)}).
     *
     * @return milliseconds, positive
     */
    public long closeLimitMs(String kind, String minor) {
        return lookup(kind, minor).closeMs();
    }

    private Limits lookup(String kind, String minor) {
        String k = kind == null ? ANY : kind;
        if (minor != null && minor.length() == 4) {
            Limits l = atCategory(k, minor);
            if (l != null) {
                return l;
            }
        }
        if (minor != null && minor.length() >= 2) {
            Limits l = atCategory(k, minor.substring(0, 2));
            if (l != null) {
                return l;
            }
        }
        return atCategory(k, ANY); // never null: the catch-all row is required
    }

    /** The row of the kind at the category, else the {@code *} kind's row at it. */
    private Limits atCategory(String kind, String category) {
        Limits l = rows.get(kind + "," + category);
        return l != null ? l : rows.get(ANY + "," + category);
    }

    /** Equal when every row's limits are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceLevels other && rows.equals(other.rows);
    }

    @Override
    public int hashCode() {
        return rows.hashCode();
    }

    @Override
    public String toString() {
        return "ServiceLevels" + rows;
    }
}
