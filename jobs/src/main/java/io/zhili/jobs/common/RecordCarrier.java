package io.zhili.jobs.common;

import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

/**
 * Carries a record whose components are serializable (numbers, strings, enums) inside a Flink
 * function even when the record type itself is not {@link Serializable}, such as a geo-lib
 * settings record (geo-lib does not depend on Flink or Java serialization). The components travel;
 * {@link #get} rebuilds the record once per task through its canonical constructor, so the record's
 * own validation runs again.
 *
 * <p>Immutable and thread-safe after {@link #get} returned once (it caches the rebuilt record).
 */
public final class RecordCarrier<R extends Record> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Class<R> type;
    private final Object[] components;
    private transient volatile R value;

    private RecordCarrier(Class<R> type, Object[] components, R value) {
        this.type = type;
        this.components = components;
        this.value = value;
    }

    /** A carrier of {@code record}; every component must be a serializable value. */
    @SuppressWarnings("unchecked")
    public static <R extends Record> RecordCarrier<R> of(R record) {
        Class<R> type = (Class<R>) record.getClass();
        RecordComponent[] rc = type.getRecordComponents();
        Object[] values = new Object[rc.length];
        try {
            for (int i = 0; i < rc.length; i++) {
                Object v = rc[i].getAccessor().invoke(record);
                if (v != null && !(v instanceof Serializable)) {
                    throw new IllegalArgumentException(type.getSimpleName() + "." + rc[i].getName() + " is not serializable");
                }
                values[i] = v;
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the components of " + type.getName(), e);
        }
        return new RecordCarrier<>(type, values, record);
    }

    /** The record. */
    public R get() {
        R v = value;
        if (v == null) {
            RecordComponent[] rc = type.getRecordComponents();
            Class<?>[] types = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                types[i] = rc[i].getType();
            }
            try {
                Constructor<R> canonical = type.getDeclaredConstructor(types);
                v = canonical.newInstance(components);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot rebuild " + type.getName(), e);
            }
            value = v;
        }
        return v;
    }
}
