package io.zhili.geo.table;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * RFC 4180 CSV reader: comma separator, fields optionally enclosed in double quotes (which may hold
 * commas, line breaks and doubled quotes), CRLF, LF or CR line ends, UTF-8 with an optional byte
 * order mark, and a required header row. Completely empty lines are skipped (they still count as
 * lines).
 *
 * <p>A record whose field count differs from the header's, whose quoted field is not closed before
 * the end of the file, or that has text after a closing quote is returned as a row with
 * {@link #wellFormed()} false and a reason, never as an exception.
 *
 * <p>Speed: a char-level state machine over one reusable buffer; a field's String is only made when
 * {@link #get(int)} asks for it. A record that straddles the end of the buffer is parsed again after
 * the buffer is refilled (the buffer grows for records longer than it). Not thread-safe.
 */
final class CsvTableReader implements TableReader {
    private static final int BUFFER_CHARS = 1 << 16;
    /** Returned by {@link #parse(int)} when the record runs past the buffered text. */
    private static final int NEED_MORE = -1;
    /** Returned by {@link #parse(int)} at the end of the file. */
    private static final int END = -2;

    private final Path file;
    private final Reader in;
    private char[] buf = new char[BUFFER_CHARS];
    private int limit;
    private int pos;
    private boolean eof;
    private long line = 1;

    private final List<String> columns;
    private final int width;

    private int recStart;
    private int recEnd;
    private int fieldCount;
    private int[] fieldStart = new int[32];
    private int[] fieldEnd = new int[32];
    private String[] quoted = new String[32];
    private final StringBuilder scratch = new StringBuilder();
    private String problem;
    private long rowLine;
    private boolean hasRow;
    private boolean closed;

    /**
     * A reader over part of a file that starts at a row boundary: the header is given, not read, and
     * {@code firstLine} is the physical line number of the first row.
     */
    private CsvTableReader(Path file, Reader in, List<String> header, long firstLine) {
        this.file = file;
        this.in = in;
        this.line = firstLine;
        fill();
        this.columns = Collections.unmodifiableList(new ArrayList<>(header));
        this.width = header.size();
    }

    private CsvTableReader(Path file, Reader in) {
        this.file = file;
        this.in = in;
        fill();
        if (limit > 0 && buf[0] == '\uFEFF') {
            pos = 1;
        }
        if (!advance()) {
            throw new TableInputException(file + ": empty file, a header row is required");
        }
        if (problem != null) {
            throw new TableInputException(file + ": header row is malformed: " + problem);
        }
        List<String> names = new ArrayList<>(fieldCount);
        for (int i = 0; i < fieldCount; i++) {
            names.add(field(i));
        }
        this.columns = Collections.unmodifiableList(names);
        this.width = names.size();
    }

    /** See {@link TableReader#openCsvRange}. */
    static CsvTableReader openRange(Path file, List<String> header, long start, long end, long firstLine) {
        try {
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ);
            channel.position(start);
            java.io.InputStream bounded = new java.io.FilterInputStream(java.nio.channels.Channels.newInputStream(channel)) {
                private long left = end - start;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = super.read();
                    left -= b < 0 ? 0 : 1;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    left -= Math.max(n, 0);
                    return n;
                }
            };
            return new CsvTableReader(file, new InputStreamReader(bounded, StandardCharsets.UTF_8), header, firstLine);
        } catch (NoSuchFileException e) {
            throw new TableInputException(file + ": no such file");
        } catch (IOException e) {
            throw new TableInputException(file + ": cannot open: " + e.getMessage(), e);
        }
    }

    static CsvTableReader open(Path file) {
        Reader reader;
        try {
            reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TableInputException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new TableInputException(file + ": not readable");
        } catch (IOException e) {
            throw new TableInputException(file + ": cannot open: " + e.getMessage(), e);
        }
        try {
            return new CsvTableReader(file, reader);
        } catch (RuntimeException e) {
            try {
                reader.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        hasRow = advance();
        return hasRow;
    }

    @Override
    public long rowNumber() {
        return rowLine;
    }

    @Override
    public String get(int column) {
        if (column < 0 || column >= width) {
            throw new IndexOutOfBoundsException("column " + column + " of " + width + " in " + file);
        }
        return column < fieldCount ? field(column) : "";
    }

    @Override
    public String raw() {
        return new String(buf, recStart, recEnd - recStart);
    }

    @Override
    public boolean wellFormed() {
        return malformedReason() == null;
    }

    @Override
    public String malformedReason() {
        if (problem != null) {
            return problem;
        }
        if (fieldCount != width) {
            return "expected " + width + " fields, found " + fieldCount;
        }
        return null;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                in.close();
            } catch (IOException e) {
                throw new TableInputException(file + ": cannot close: " + e.getMessage(), e);
            }
        }
    }

    private String field(int i) {
        String q = quoted[i];
        if (q != null) {
            return q;
        }
        int len = fieldEnd[i] - fieldStart[i];
        return len == 0 ? "" : new String(buf, fieldStart[i], len);
    }

    /** Parses the next record into the field arrays; false at the end of the file. */
    private boolean advance() {
        while (true) {
            int r = parse(pos);
            if (r == END) {
                return false;
            }
            if (r == NEED_MORE) {
                compactAndFill();
                continue;
            }
            return true;
        }
    }

    private void compactAndFill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        } else if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        fill();
    }

    private void fill() {
        try {
            while (limit < buf.length) {
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    eof = true;
                    return;
                }
                limit += n;
                if (n > 0) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new TableInputException(file + ": read failed near line " + line + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses one record starting at {@code start}. On success commits {@link #pos}, {@link #line} and
     * the record state and returns the new position; returns {@link #NEED_MORE} (committing nothing)
     * when the buffered text ends before the record does and more text may follow.
     */
    private int parse(int start) {
        int i = start;
        long lines = 0;
        // Blank lines carry no data: skip them, counting their line ends.
        while (true) {
            if (i >= limit) {
                if (!eof) {
                    return NEED_MORE;
                }
                pos = i;
                line += lines;
                return END;
            }
            char c = buf[i];
            if (c == '\n') {
                i++;
                lines++;
            } else if (c == '\r') {
                if (i + 1 >= limit && !eof) {
                    return NEED_MORE;
                }
                i += (i + 1 < limit && buf[i + 1] == '\n') ? 2 : 1;
                lines++;
            } else {
                break;
            }
        }
        int recordStart = i;
        long recordLine = line + lines;
        int nf = 0;
        String issue = null;
        int end;
        while (true) {
            if (nf == fieldStart.length) {
                int n = nf * 2;
                fieldStart = Arrays.copyOf(fieldStart, n);
                fieldEnd = Arrays.copyOf(fieldEnd, n);
                quoted = Arrays.copyOf(quoted, n);
            }
            if (i < limit && buf[i] == '"') {
                i++;
                int segment = i;
                scratch.setLength(0);
                String value = null;
                while (true) {
                    if (i >= limit) {
                        if (!eof) {
                            return NEED_MORE;
                        }
                        scratch.append(buf, segment, i - segment);
                        value = scratch.toString();
                        issue = "quoted field " + (nf + 1) + " is not closed before the end of the file";
                        break;
                    }
                    char c = buf[i];
                    if (c == '"') {
                        if (i + 1 >= limit && !eof) {
                            return NEED_MORE;
                        }
                        if (i + 1 < limit && buf[i + 1] == '"') {
                            scratch.append(buf, segment, i + 1 - segment);
                            i += 2;
                            segment = i;
                            continue;
                        }
                        scratch.append(buf, segment, i - segment);
                        value = scratch.toString();
                        i++;
                        break;
                    }
                    if (c == '\n') {
                        lines++;
                    } else if (c == '\r') {
                        if (i + 1 >= limit && !eof) {
                            return NEED_MORE;
                        }
                        if (i + 1 >= limit || buf[i + 1] != '\n') {
                            lines++;
                        }
                    }
                    i++;
                }
                quoted[nf] = value;
                fieldStart[nf] = 0;
                fieldEnd[nf] = 0;
                if (i < limit && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r') {
                    if (issue == null) {
                        issue = "unexpected text after the closing quote of field " + (nf + 1);
                    }
                    while (i < limit && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r') {
                        i++;
                    }
                }
                if (i >= limit && !eof) {
                    return NEED_MORE;
                }
            } else {
                int fs = i;
                while (i < limit) {
                    char c = buf[i];
                    if (c == ',' || c == '\n' || c == '\r') {
                        break;
                    }
                    i++;
                }
                if (i >= limit && !eof) {
                    return NEED_MORE;
                }
                quoted[nf] = null;
                fieldStart[nf] = fs;
                fieldEnd[nf] = i;
            }
            nf++;
            if (i < limit && buf[i] == ',') {
                i++;
                continue;
            }
            end = i;
            if (i < limit) {
                if (buf[i] == '\r') {
                    if (i + 1 >= limit && !eof) {
                        return NEED_MORE;
                    }
                    i++;
                    if (i < limit && buf[i] == '\n') {
                        i++;
                    }
                } else {
                    i++;
                }
                lines++;
            }
            break;
        }
        recStart = recordStart;
        recEnd = end;
        fieldCount = nf;
        problem = issue;
        rowLine = recordLine;
        line += lines;
        pos = i;
        return i;
    }
}
