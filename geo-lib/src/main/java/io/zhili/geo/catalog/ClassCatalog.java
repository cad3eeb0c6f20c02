package io.zhili.geo.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The standard catalog of component and event classes (GB/T 30428.2 style: 2-digit majors,
 * 4-digit subclasses), read from a CSV with the header {@code code,kind,name_zh,name_en}.
 *
 * <p>The shipped catalog is the classpath resource {@code zhili/classes.csv} of the datasets module
 * ({@link #standard()}); {@link #load(Reader)} reads any other copy. Lists are sorted by code and
 * unmodifiable; nothing is ever {@code null}. Codes are looked up per {@link ClassKind} because the
 * two families reuse the same codes. Immutable and thread-safe.
 */
public final class ClassCatalog {
    /** Classpath location of the shipped catalog. */
    public static final String RESOURCE = "zhili/classes.csv";

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
    }

    private static volatile ClassCatalog standard;

    private static ClassCatalog loadResource() {
        InputStream in = ClassCatalog.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + RESOURCE + " not found (it ships in zhili-datasets)");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return load(r);
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
     * Reads a catalog CSV (UTF-8 text, header {@code code,kind,name_zh,name_en}, fields may be
     * double-quoted). Does not close the reader.
     *
     * @throws IllegalArgumentException naming the line when a row is malformed, a code is not 2 or 4
     *     digits, a kind is unknown, a code repeats within a kind, or a subclass's major is absent
     */
    public static ClassCatalog load(Reader reader) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String header = in.readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (header == null || !header.trim().equals("code,kind,name_zh,name_en")) {
            throw new IllegalArgumentException("class catalog: expected header 'code,kind,name_zh,name_en', got '" + header + "'");
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
            List<String> f = splitCsv(line, lineNo);
            if (f.size() != 4) {
                throw new IllegalArgumentException("class catalog line " + lineNo + ": expected 4 fields, got " + f.size());
            }
            String code = f.get(0).trim();
            if (!code.matches("\\d{2}|\\d{4}")) {
                throw new IllegalArgumentException("class catalog line " + lineNo + ": code '" + code + "' is not 2 or 4 digits");
            }
            ClassKind kind;
            try {
                kind = ClassKind.valueOf(f.get(1).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("class catalog line " + lineNo + ": kind '" + f.get(1) + "' is not COMPONENT or EVENT");
            }
            Integer previous = seen.get(kind).put(code, lineNo);
            if (previous != null) {
                throw new IllegalArgumentException("class catalog line " + lineNo + ": " + kind + " " + code
                        + " repeats line " + previous);
            }
            classes.add(new StandardClass(code, kind, f.get(2).trim(), f.get(3).trim()));
        }
        for (StandardClass c : classes) {
            if (!c.isMajor() && !seen.get(c.kind()).containsKey(c.majorCode())) {
                throw new IllegalArgumentException("class catalog line " + seen.get(c.kind()).get(c.code()) + ": "
                        + c.kind() + " subclass " + c.code() + " has no major class " + c.majorCode());
            }
        }
        return new ClassCatalog(classes);
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
    private static List<String> splitCsv(String line, int lineNo) {
        List<String> out = new ArrayList<>(4);
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
            throw new IllegalArgumentException("class catalog line " + lineNo + ": unterminated quote");
        }
        out.add(field.toString());
        return out;
    }
}
