package io.zhili.geo.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalog of component and event classes (GB/T 30428.2 style: 2-digit majors, 4-digit subclasses),
 * national and local, read from a CSV with the header {@code code,kind,name_zh,name_en,source}
 * (format and errors: the "Class catalog" section of {@code docs/CONTRACTS.md}).
 *
 * <p>The shipped catalog is the classpath resource {@code zhili/classes.csv} of the datasets module
 * ({@link #standard()}): the national standard's 85 component subclasses (6 majors) and 30 event
 * subclasses (5 majors), plus rows marked {@code LOCAL}. {@link #load(Path)} reads a city's own file.
 * Lists are sorted by code and unmodifiable; nothing is ever {@code null}. Codes are looked up per
 * {@link ClassKind} because the two families reuse the same codes. Immutable and thread-safe;
 * serializable (as its list of classes), so a job ships the catalog it loaded to its tasks.
 */
public final class ClassCatalog implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Classpath location of the shipped catalog. */
    public static final String RESOURCE = "zhili/classes.csv";
    /** The header of a catalog file, the column order of the contract. */
    public static final String HEADER = "code,kind,name_zh,name_en,source";
    private static final int COLUMNS = 5;

    private final List<StandardClass> all;
    private final Map<ClassKind, TreeMap<String, StandardClass>> byKind = new EnumMap<>(ClassKind.class);
    /** Per kind, presence of each subclass code 0..9999 and major code 0..99: lookups without strings. */
    private final Map<ClassKind, boolean[]> minorPresent = new EnumMap<>(ClassKind.class);
    private final Map<ClassKind, boolean[]> majorPresent = new EnumMap<>(ClassKind.class);

    private ClassCatalog(List<StandardClass> classes) {
        for (ClassKind k : ClassKind.values()) {
            byKind.put(k, new TreeMap<>());
            minorPresent.put(k, new boolean[10000]);
            majorPresent.put(k, new boolean[100]);
        }
        for (StandardClass c : classes) {
            byKind.get(c.kind()).put(c.code(), c);
            if (c.isMajor()) {
                majorPresent.get(c.kind())[Integer.parseInt(c.code())] = true;
            } else {
                minorPresent.get(c.kind())[Integer.parseInt(c.code())] = true;
            }
        }
        List<StandardClass> sorted = new ArrayList<>();
        for (ClassKind k : ClassKind.values()) {
            sorted.addAll(byKind.get(k).values());
        }
        this.all = Collections.unmodifiableList(sorted);
    }

    private static volatile ClassCatalog standard;

    private static ClassCatalog loadResource() {
        InputStream in = ClassCatalog.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + RESOURCE + " not found (it ships in zhili-datasets)");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return load(r, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + RESOURCE, e);
        }
    }

    /**
     * The shipped catalog, loaded once from the classpath.
     *
     * @throws IllegalStateException when {@code zhili/classes.csv} is not on the classpath
     */
    public static ClassCatalog standard() {
        ClassCatalog c = standard;
        if (c == null) {
            synchronized (ClassCatalog.class) {
                c = standard;
                if (c == null) {
                    c = loadResource();
                    standard = c;
                }
            }
        }
        return c;
    }

    /**
     * The catalog of {@code --catalog FILE}: the file when given, the shipped catalog when {@code null}.
     *
     * @throws IllegalArgumentException with the one-line {@code catalog FILE:LINE: reason} of {@link #load(Path)}
     */
    public static ClassCatalog fileOrStandard(Path file) {
        return file == null ? standard() : load(file);
    }

    /**
     * Reads a catalog file (UTF-8, see {@link #load(Reader, String)}).
     *
     * @throws IllegalArgumentException one line, {@code catalog FILE:LINE: reason} for a bad row, or
     *     {@code catalog FILE: reason} when the file cannot be read
     */
    public static ClassCatalog load(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("catalog " + name + ": "
                    + (Files.exists(file) ? "not a regular file" : "does not exist"));
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(r, name);
        } catch (IOException e) {
            throw new IllegalArgumentException("catalog " + name + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a catalog CSV: UTF-8 text, header {@value #HEADER} (a byte-order mark is skipped), fields may
     * be double-quoted, blank lines are skipped. Does not close the reader.
     *
     * @param name the file's name in error messages
     * @throws IllegalArgumentException {@code catalog NAME:LINE: reason} when the header differs, a row
     *     has not 5 columns, a code is not 2 or 4 digits, a kind or source is unknown, a name is empty, a
     *     code repeats within a kind, or a subclass's major is absent
     */
    public static ClassCatalog load(Reader reader, String name) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String header = in.readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (header == null) {
            throw error(name, 1, "empty file, expected the header '" + HEADER + "'");
        }
        if (!header.strip().equals(HEADER)) {
            throw error(name, 1, "expected the header '" + HEADER + "', got '" + header.strip() + "'");
        }
        List<StandardClass> classes = new ArrayList<>();
        Map<ClassKind, Map<String, Integer>> seen = new EnumMap<>(ClassKind.class);
        for (ClassKind k : ClassKind.values()) {
            seen.put(k, new TreeMap<>());
        }
        int lineNo = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> f = splitCsv(line, name, lineNo);
            if (f.size() != COLUMNS) {
                throw error(name, lineNo, "expected " + COLUMNS + " columns (" + HEADER + "), got " + f.size());
            }
            String code = f.get(0).strip();
            if (!code.matches("\\d{2}|\\d{4}")) {
                throw error(name, lineNo, "code '" + code + "' is not 2 or 4 digits");
            }
            ClassKind kind = parse(ClassKind.class, f.get(1), name, lineNo, "kind");
            String nameZh = f.get(2).strip();
            String nameEn = f.get(3).strip();
            if (nameZh.isEmpty() || nameEn.isEmpty()) {
                throw error(name, lineNo, "empty " + (nameZh.isEmpty() ? "name_zh" : "name_en") + " for " + kind + " " + code);
            }
            ClassSource source = parse(ClassSource.class, f.get(4), name, lineNo, "source");
            Integer previous = seen.get(kind).put(code, lineNo);
            if (previous != null) {
                throw error(name, lineNo, kind + " " + code + " repeats line " + previous);
            }
            classes.add(new StandardClass(code, kind, nameZh, nameEn, source));
        }
        for (StandardClass c : classes) {
            if (!c.isMajor() && !seen.get(c.kind()).containsKey(c.majorCode())) {
                throw error(name, seen.get(c.kind()).get(c.code()),
                        c.kind() + " subclass " + c.code() + " has no major class " + c.majorCode());
            }
        }
        return new ClassCatalog(classes);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String name, int lineNo, String column) {
        String t = text.strip();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(t)) {
                return e;
            }
        }
        E[] values = type.getEnumConstants();
        throw error(name, lineNo, column + " '" + t + "' is not " + values[0] + " or " + values[1]);
    }

    private static IllegalArgumentException error(String name, int lineNo, String reason) {
        return new IllegalArgumentException("catalog " + name + ":" + lineNo + ": " + reason);
    }

    /** Every class, components then events, each by code. */
    public List<StandardClass> all() {
        return all;
    }

    /** The classes of the national standard, components then events, each by code. */
    public List<StandardClass> national() {
        return bySource(ClassSource.NATIONAL);
    }

    /** The local extensions, components then events, each by code. */
    public List<StandardClass> local() {
        return bySource(ClassSource.LOCAL);
    }

    private List<StandardClass> bySource(ClassSource source) {
        List<StandardClass> out = new ArrayList<>();
        for (StandardClass c : all) {
            if (c.source() == source) {
                out.add(c);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The class of that kind and code (2 or 4 digits), or empty. */
    public Optional<StandardClass> find(ClassKind kind, String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byKind.get(kind).get(code));
    }

    /** Whether the 4-digit subclass {@code minorCode} (e.g. 103 for "0103") exists: a primitive check for hot paths. */
    public boolean hasMinor(ClassKind kind, int minorCode) {
        return minorCode >= 0 && minorCode < 10000 && minorPresent.get(kind)[minorCode];
    }

    /** Whether the 2-digit major class {@code majorCode} (e.g. 1 for "01") exists. */
    public boolean hasMajor(ClassKind kind, int majorCode) {
        return majorCode >= 0 && majorCode < 100 && majorPresent.get(kind)[majorCode];
    }

    /** All major classes of a kind, by code. */
    public List<StandardClass> majors(ClassKind kind) {
        return select(kind, null, true);
    }

    /** All subclasses of a kind, by code. */
    public List<StandardClass> minors(ClassKind kind) {
        return select(kind, null, false);
    }

    /** The subclasses of one major class (2 digits), by code; empty for an unknown major. */
    public List<StandardClass> minorsOf(ClassKind kind, String major) {
        return major == null ? List.of() : select(kind, major, false);
    }

    private List<StandardClass> select(ClassKind kind, String major, boolean majors) {
        List<StandardClass> out = new ArrayList<>();
        for (StandardClass c : byKind.get(kind).values()) {
            if (c.isMajor() == majors && (major == null || c.majorCode().equals(major))) {
                out.add(c);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Splits one CSV line (RFC 4180 quoting, no embedded line breaks). */
    private static List<String> splitCsv(String line, String name, int lineNo) {
        List<String> out = new ArrayList<>(COLUMNS);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw error(name, lineNo, "unterminated quote");
        }
        out.add(field.toString());
        return out;
    }

    /** Serialized as its list of classes; the lookup tables are rebuilt on the other side. */
    private Object writeReplace() {
        return new Form(new ArrayList<>(all));
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("a ClassCatalog is serialized through its Form");
    }

    /** The serialized form of a catalog: its classes. */
    private record Form(ArrayList<StandardClass> classes) implements Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            return new ClassCatalog(classes);
        }
    }
}
