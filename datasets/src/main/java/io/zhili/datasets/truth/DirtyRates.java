package io.zhili.datasets.truth;

import io.zhili.geo.table.RejectReason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Share of rows the generator makes dirty, per reject reason and input. Each reason gets 0.2 % of the
 * rows (0.14 % each for the two coordinate reasons, so that together they also stay within 0.1-0.3 %).
 * Counts are exact: {@code round(share x rows)} per reason, spread evenly over the file.
 */
public final class DirtyRates {
    private DirtyRates() {
    }

    /** Dirty shares of the cases table. */
    public static final Map<RejectReason, Double> CASES;
    /** Dirty shares of the components table. */
    public static final Map<RejectReason, Double> COMPONENTS;

    static {
        Map<RejectReason, Double> cases = new EnumMap<>(RejectReason.class);
        cases.put(RejectReason.BAD_COORDINATES, 0.0014);
        cases.put(RejectReason.OUT_OF_AREA, 0.0014);
        cases.put(RejectReason.UNKNOWN_CLASS, 0.002);
        cases.put(RejectReason.BAD_TIMESTAMP, 0.002);
        cases.put(RejectReason.INCONSISTENT_TIMESTAMPS, 0.002);
        cases.put(RejectReason.DUPLICATE_ID, 0.002);
        cases.put(RejectReason.UNKNOWN_COMPONENT, 0.002);
        CASES = Collections.unmodifiableMap(cases);
        Map<RejectReason, Double> components = new EnumMap<>(RejectReason.class);
        components.put(RejectReason.BAD_COMPONENT_CODE, 0.002);
        components.put(RejectReason.UNKNOWN_CLASS, 0.002);
        components.put(RejectReason.BAD_COORDINATES, 0.002);
        components.put(RejectReason.DUPLICATE_ID, 0.002);
        COMPONENTS = Collections.unmodifiableMap(components);
    }

    /** Exact number of dirty rows of {@code reason} among {@code rows} rows. */
    public static int count(Map<RejectReason, Double> rates, RejectReason reason, long rows) {
        Double r = rates.get(reason);
        return r == null ? 0 : (int) Math.round(r * rows);
    }
}
