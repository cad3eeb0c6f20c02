package io.zhili.jobs.changes;

import io.zhili.geo.changes.ScreeningRules;
import java.io.Serializable;

/** Settings of one {@code zhili changes} run (serializable, travels with the job graph). */
public final class ChangeOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    public double minAreaM2 = ScreeningRules.DEFAULT_MIN_AREA_M2;
    public double explainedOverlap = ScreeningRules.DEFAULT_EXPLAINED_OVERLAP;
    public double minConfidence = ScreeningRules.DEFAULT_MIN_CONFIDENCE;
    /** The round's name; null: the month (yyyy-MM) of the latest after_date of the suspects' fragments. */
    public String round;
    /** Bytes per CSV split. */
    public long splitBytes = 32L * 1024 * 1024;

    /** The screening thresholds (validated). */
    public ScreeningRules rules() {
        return ScreeningRules.defaults().with(minAreaM2, explainedOverlap, minConfidence);
    }
}
