package io.zhili.geo.table;

/**
 * Why an input row of the components or cases table is refused. The codes are a contract: the hotspot
 * job writes them to {@code rejects/} and the synthetic generator writes the expected code of every
 * planted dirty row to {@code truth/dirty.csv}, so the two can be compared row by row.
 *
 * <p>A validator checks a row in about declaration order: the row's shape, the classes, the component
 * code, the coordinates, the timestamps, and last the checks that need other rows (duplicates, the
 * component registry); a row with several defects gets the reason of the first failed check. The
 * synthetic generator plants exactly one defect per dirty row, so its truth does not depend on the order.
 */
public enum RejectReason {
    /** The CSV row has the wrong number of fields (or cannot be split into fields at all). */
    MALFORMED_ROW("wrong number of fields"),
    /**
     * {@code major_class}/{@code minor_class} is not a class of the row's kind in the standard catalog
     * (for cases: of the row's {@code kind}; for components: of kind COMPONENT), or the minor class is
     * not under the major class.
     */
    UNKNOWN_CLASS("class not in the standard catalog for this kind"),
    /**
     * Components only: {@code component_id} is not a valid GB/T 30428.2 code (16 digits, known division,
     * major and subclass, serial not 000000), or its embedded subclass is not the row's {@code minor_class}.
     */
    BAD_COMPONENT_CODE("component_id is not a valid 16-digit component code"),
    /** lon/lat missing, not a number, NaN, outside [-180, 180] x [-90, 90], or exactly 0/0. */
    BAD_COORDINATES("coordinates missing, not finite, out of range or 0/0"),
    /** Valid coordinates that lie outside the study area (the Qingdao districts). */
    OUT_OF_AREA("coordinates outside the study area"),
    /** A timestamp is present but is neither ISO-8601 with an offset or Z nor epoch milliseconds. */
    BAD_TIMESTAMP("timestamp cannot be parsed"),
    /**
     * The present lifecycle timestamps are not in order reported_at <= verified_at <= dispatched_at <=
     * disposed_at <= closed_at (empty ones are skipped), e.g. closed before reported.
     */
    INCONSISTENT_TIMESTAMPS("lifecycle timestamps out of order"),
    /** The id was already seen in an earlier row of the same input; the later row is refused. */
    DUPLICATE_ID("id already seen in an earlier row"),
    /** Cases only: {@code component_id} is given but no accepted component has that id. */
    UNKNOWN_COMPONENT("component_id not in the component registry");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    /** A short English explanation for reject files and logs. */
    public String description() {
        return description;
    }
}
