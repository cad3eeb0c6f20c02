package io.zhili.geo.table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.UUIDLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Renders the values of one Parquet column as text into a slot of the row array, following the
 * rules of {@link TableReader#get(int)}. Dictionary-encoded pages are rendered once per dictionary
 * entry. Not thread-safe.
 */
final class TextConverter extends PrimitiveConverter {
    private static final HexFormat HEX = HexFormat.of();
    /** Julian day number of 1970-01-01, the epoch of legacy INT96 timestamps. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private final String[] values;
    private final int index;
    private final PrimitiveType.PrimitiveTypeName physical;
    private final IntFunction<String> ints;
    private final LongFunction<String> longs;
    private final Function<Binary, String> binaries;
    private String[] dictionary;

    private TextConverter(String[] values, int index, PrimitiveType type) {
        this.values = values;
        this.index = index;
        this.physical = type.getPrimitiveTypeName();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        this.ints = intRenderer(logical);
        this.longs = longRenderer(logical);
        this.binaries = physical == PrimitiveType.PrimitiveTypeName.INT96
                ? TextConverter::int96Millis : binaryRenderer(logical);
    }

    static TextConverter forType(PrimitiveType type, String[] values, int index) {
        return new TextConverter(values, index, type);
    }

    @Override
    public boolean hasDictionarySupport() {
        return true;
    }

    @Override
    public void setDictionary(Dictionary dict) {
        String[] text = new String[dict.getMaxId() + 1];
        for (int id = 0; id < text.length; id++) {
            text[id] = switch (physical) {
                case INT32 -> ints.apply(dict.decodeToInt(id));
                case INT64 -> longs.apply(dict.decodeToLong(id));
                case FLOAT -> Float.toString(dict.decodeToFloat(id));
                case DOUBLE -> Double.toString(dict.decodeToDouble(id));
                case BOOLEAN -> Boolean.toString(dict.decodeToBoolean(id));
                case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> binaries.apply(dict.decodeToBinary(id));
            };
        }
        dictionary = text;
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
        values[index] = dictionary[dictionaryId];
    }

    @Override
    public void addBinary(Binary value) {
        values[index] = binaries.apply(value);
    }

    @Override
    public void addBoolean(boolean value) {
        values[index] = value ? "true" : "false";
    }

    @Override
    public void addDouble(double value) {
        values[index] = Double.toString(value);
    }

    @Override
    public void addFloat(float value) {
        values[index] = Float.toString(value);
    }

    @Override
    public void addInt(int value) {
        values[index] = ints.apply(value);
    }

    @Override
    public void addLong(long value) {
        values[index] = longs.apply(value);
    }

    private static IntFunction<String> intRenderer(LogicalTypeAnnotation logical) {
        if (logical instanceof DateLogicalTypeAnnotation) {
            return v -> LocalDate.ofEpochDay(v).toString();
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            int scale = d.getScale();
            return v -> BigDecimal.valueOf(v, scale).toPlainString();
        }
        if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
            return Integer::toUnsignedString;
        }
        return Integer::toString;
    }

    private static LongFunction<String> longRenderer(LogicalTypeAnnotation logical) {
        if (logical instanceof TimestampLogicalTypeAnnotation ts) {
            return switch (ts.getUnit()) {
                case MILLIS -> Long::toString;
                case MICROS -> v -> Long.toString(Math.floorDiv(v, 1_000L));
                case NANOS -> v -> Long.toString(Math.floorDiv(v, 1_000_000L));
            };
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            int scale = d.getScale();
            return v -> BigDecimal.valueOf(v, scale).toPlainString();
        }
        if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
            return Long::toUnsignedString;
        }
        return Long::toString;
    }

    private static Function<Binary, String> binaryRenderer(LogicalTypeAnnotation logical) {
        if (logical instanceof StringLogicalTypeAnnotation || logical instanceof EnumLogicalTypeAnnotation
                || logical instanceof JsonLogicalTypeAnnotation) {
            return Binary::toStringUsingUTF8;
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            int scale = d.getScale();
            return b -> new BigDecimal(new BigInteger(b.getBytes()), scale).toPlainString();
        }
        if (logical instanceof UUIDLogicalTypeAnnotation) {
            return b -> {
                ByteBuffer bb = b.toByteBuffer();
                return new UUID(bb.getLong(bb.position()), bb.getLong(bb.position() + 8)).toString();
            };
        }
        return b -> HEX.formatHex(b.getBytes());
    }

    /** Legacy INT96 timestamp (nanos of day, then Julian day, little-endian) as epoch milliseconds. */
    private static String int96Millis(Binary b) {
        ByteBuffer bb = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = bb.getLong(bb.position());
        long julianDay = Integer.toUnsignedLong(bb.getInt(bb.position() + 8));
        return Long.toString((julianDay - JULIAN_EPOCH_DAY) * 86_400_000L + Math.floorDiv(nanosOfDay, 1_000_000L));
    }
}
