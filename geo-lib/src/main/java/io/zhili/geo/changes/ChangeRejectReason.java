package io.zhili.geo.changes;

/** Why a row of the change, building or permit inputs is refused (the {@code reason} column of {@code rejects/}). */
public enum ChangeRejectReason {
    /** The row has the wrong number of fields or a required value is empty. */
    MALFORMED_ROW,
    /** The geometry is missing, unreadable, not a polygon, or invalid beyond repair (zero area once fixed). */
    BAD_GEOMETRY,
    /** A date is neither {@code yyyy-MM-dd}, ISO-8601 with an offset nor epoch milliseconds, or the dates are out of order. */
    BAD_DATE,
    /** {@code confidence} is not a number between 0 and 1. */
    BAD_CONFIDENCE,
    /** A permit's {@code kind} is not NEW_BUILD, RENOVATION or DEMOLITION. */
    BAD_KIND,
    /** The id was already seen in an earlier row (file order, then line); the later row is refused. */
    DUPLICATE_ID
}
