package io.zhili.geo.export;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --where} filter of {@code zhili export}: conditions {@code COLUMN OP VALUE}, all of which a
 * row must meet. {@code OP} is {@code =} or {@code !=} for every column, and also {@code <}, {@code <=},
 * {@code >}, {@code >=} for numbers, timestamps and dates. {@code VALUE} is taken literally (no quotes,
 * no escapes, no expressions): numbers compare as numbers, timestamps as ISO-8601 instants
 * ({@code 2025-07-01T00:00:00Z}) or epoch milliseconds, dates as {@code YYYY-MM-DD}, everything else as
 * exact text; an empty value matches null. Nothing of it ever reaches SQL: rows are filtered in Java
 * before they are written, so there is nothing to inject.
 *
 * <p>Immutable and thread-safe.
 */
public final class RowFilter {
    private static final Pattern CONDITION = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(!=|<=|>=|=|<|>)(.*)", Pattern.DOTALL);

    private final List<Condition> conditions;

    private record Condition(int column, String op, Object value, String text) {
    }

    private RowFilter(List<Condition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    /** A filter that keeps every row. */
    public static RowFilter all() {
        return new RowFilter(List.of());
    }

    /**
     * Parses conditions against the table's columns.
     *
     * @throws IllegalArgumentException with a one-line reason for a malformed condition, an unknown
     *                                  column, an operator the column's kind does not allow or a value it cannot hold
     */
    public static RowFilter parse(List<String> conditions, List<ExportColumn> columns, String table) {
        List<Condition> out = new ArrayList<>();
        for (String text : conditions) {
            Matcher m = CONDITION.matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("--where '" + text + "' must be COLUMN=VALUE (or !=, <, <=, >, >=)");
            }
            String name = m.group(1);
            String op = m.group(2);
            int index = indexOf(columns, name);
            if (index < 0) {
                throw new IllegalArgumentException("--where: unknown column '" + name + "' in table " + table
                        + " (columns: " + String.join(", ", columns.stream().map(ExportColumn::name).toList()) + ")");
            }
            ExportColumn c = columns.get(index);
            if (c.kind() == ExportColumn.Kind.GEOMETRY || c.kind() == ExportColumn.Kind.BINARY) {
                throw new IllegalArgumentException("--where: column '" + name + "' holds " + c.kind().name().toLowerCase()
                        + " and cannot be filtered");
            }
            boolean ordered = !op.equals("=") && !op.equals("!=");
            boolean orderable = switch (c.kind()) {
                case INT, LONG, DOUBLE, TIMESTAMP, DATE -> true;
                default -> false;
            };
            if (ordered && !orderable) {
                throw new IllegalArgumentException("--where '" + text + "': " + op + " needs a number, timestamp or date column; '"
                        + name + "' holds " + c.kind().name().toLowerCase());
            }
            String raw = m.group(3);
            Object value;
            try {
                value = raw.isEmpty() ? null : parseValue(c.kind(), raw);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--where '" + text + "': '" + raw + "' is not a valid "
                        + c.kind().name().toLowerCase() + " for column '" + name + "'");
            }
            if (value == null && ordered) {
                throw new IllegalArgumentException("--where '" + text + "': " + op + " needs a value");
            }
            out.add(new Condition(index, op, value, text));
        }
        return new RowFilter(out);
    }

    private static int indexOf(List<ExportColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A literal as the value {@link TableExport} makes of a cell of that kind. */
    static Object parseValue(ExportColumn.Kind kind, String raw) {
        return switch (kind) {
            case INT, LONG -> Long.parseLong(raw);
            case DOUBLE -> Double.parseDouble(raw);
            case BOOLEAN -> switch (raw) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(raw);
            };
            case TIMESTAMP -> raw.matches("-?\\d+") ? Instant.ofEpochMilli(Long.parseLong(raw)) : Instant.parse(raw);
            case DATE -> LocalDate.parse(raw);
            default -> raw;
        };
    }

    /** Whether the row (values as {@link TableExport} converts them, null for null) meets every condition. */
    public boolean test(Object[] row) {
        for (Condition c : conditions) {
            Object v = row[c.column()];
            boolean ok = switch (c.op()) {
                case "=" -> equal(v, c.value());
                case "!=" -> !equal(v, c.value());
                default -> v != null && compare(v, c.value(), c.op());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean equal(Object v, Object wanted) {
        if (v instanceof Number a && wanted instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(v, wanted);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean compare(Object v, Object wanted, String op) {
        int cmp = v instanceof Number a && wanted instanceof Number b ? Double.compare(a.doubleValue(), b.doubleValue())
                : ((Comparable) v).compareTo(wanted);
        return switch (op) {
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            default -> cmp >= 0;
        };
    }

    /** The conditions as given, for messages. */
    @Override
    public String toString() {
        return String.join(" AND ", conditions.stream().map(Condition::text).toList());
    }
}
