package io.zhili.geo.table;

import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * RFC 4180 CSV writer: comma separator, CRLF record ends, UTF-8 without a byte order mark. A field
 * is enclosed in double quotes only when it holds a comma, a double quote (doubled inside) or a
 * line break; null is written as an empty field. Values are rendered with {@link String#valueOf}.
 *
 * <p>Not thread-safe: one writer per file and thread.
 */
public final class CsvWriter implements AutoCloseable, Flushable {
    /** The record terminator RFC 4180 prescribes. */
    public static final String LINE_END = "\r\n";

    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private long rows;

    /** Wraps {@code out} (buffer it if it is not buffered); closing this writer closes it. */
    public CsvWriter(Writer out) {
        this.out = out;
    }

    /**
     * Creates (or replaces) {@code file}, creating missing parent directories, and writes the header.
     *
     * @throws IOException when the file cannot be created
     */
    public static CsvWriter open(Path file, List<String> header) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        CsvWriter w = new CsvWriter(new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16));
        w.write(header);
        return w;
    }

    /** Writes one record of {@code values} in order. */
    public void write(Object... values) throws IOException {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            appendField(line, values[i]);
        }
        line.append(LINE_END);
        out.append(line);
        rows++;
    }

    /** Writes one record of {@code values} in order. */
    public void write(List<?> values) throws IOException {
        write(values.toArray());
    }

    /** Records written, the header included. */
    public long rowCount() {
        return rows;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** {@code values} as one CSV record without the line terminator, e.g. for a reject's raw text. */
    public static String line(Object... values) {
        // Sized for the unquoted record up front: readers call this once per row, and growing the
        // builder field by field copied each row several times.
        int size = values.length;
        for (Object v : values) {
            if (v instanceof CharSequence s) {
                size += s.length();
            }
        }
        StringBuilder sb = new StringBuilder(size + 16);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendField(sb, values[i]);
        }
        return sb.toString();
    }

    /** Appends {@code value} as one CSV field, quoted when it must be. */
    public static void appendField(StringBuilder sb, Object value) {
        if (value == null) {
            return;
        }
        String s = value.toString();
        if (!needsQuotes(s)) {
            sb.append(s);
            return;
        }
        sb.append('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                sb.append(s, from, i + 1).append('"');
                from = i + 1;
            }
        }
        sb.append(s, from, s.length()).append('"');
    }

    private static boolean needsQuotes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
