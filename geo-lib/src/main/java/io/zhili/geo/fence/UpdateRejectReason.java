package io.zhili.geo.fence;

/**
 * Why a reference update record was not applied (it goes to the truck job's dead letters with its
 * raw text). The names are the {@code REASON} of the dead letter's {@code reason} column and the keys
 * of {@code run.json}'s {@code updates.dead_letters_by_reason}.
 */
public enum UpdateRejectReason {
    /** Not a JSON object. */
    BAD_UPDATE_JSON,
    /** {@code layer} missing or not routes, sites or zones. */
    UNKNOWN_LAYER,
    /** {@code op} missing or not UPSERT or DELETE. */
    UNKNOWN_OP,
    /** {@code id} missing or blank. */
    MISSING_ID,
    /** {@code effective_at} missing or neither epoch milliseconds nor ISO-8601 with an offset. */
    BAD_EFFECTIVE_AT,
    /** The feature's geometry cannot be read, is not the layer's type, or is not a valid polygon. */
    BAD_GEOMETRY,
    /** The feature is missing or fails the layer's validation (properties, id different from {@code id}). */
    INVALID_FEATURE
}
