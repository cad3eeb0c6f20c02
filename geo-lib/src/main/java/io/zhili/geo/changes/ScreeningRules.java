package io.zhili.geo.changes;

/**
 * The thresholds of the change screening (see {@link ChangeScreening}).
 *
 * @param minAreaM2        a merged structure smaller than this (m²) is {@link ChangeOutcome#TOO_SMALL}
 * @param explainedOverlap share (0–1] of a change polygon that registered footprints or permits must
 *                         cover to explain it
 * @param minConfidence    a change polygon below this confidence is {@link ChangeOutcome#LOW_CONFIDENCE}
 * @param thinWidthM       a merged structure whose {@link ShapeMeasures#equivalentWidth} is below this
 *                         (metres) is {@link ChangeOutcome#THIN}
 * @param mergeDistanceM   candidate polygons this close (metres; 0 = touching) are fragments of one structure
 * @param matchIou         a suspect persists from the previous round when its intersection over union
 *                         with a previous suspect is at least this
 */
public record ScreeningRules(double minAreaM2, double explainedOverlap, double minConfidence, double thinWidthM,
                             double mergeDistanceM, double matchIou) {
    public static final double DEFAULT_MIN_AREA_M2 = 20;
    public static final double DEFAULT_EXPLAINED_OVERLAP = 0.5;
    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;
    public static final double DEFAULT_THIN_WIDTH_M = 3;
    public static final double DEFAULT_MERGE_DISTANCE_M = 3;
    public static final double DEFAULT_MATCH_IOU = 0.3;

    public ScreeningRules {
        if (!(minAreaM2 >= 0)) {
            throw new IllegalArgumentException("--min-area-m2 must be at least 0, not " + minAreaM2);
        }
        if (!(explainedOverlap > 0 && explainedOverlap <= 1)) {
            throw new IllegalArgumentException("--explained-overlap must be in (0, 1], not " + explainedOverlap);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("--min-confidence must be in [0, 1], not " + minConfidence);
        }
        if (!(thinWidthM >= 0) || !(mergeDistanceM >= 0)) {
            throw new IllegalArgumentException("width and merge distance must be at least 0");
        }
        if (!(matchIou > 0 && matchIou <= 1)) {
            throw new IllegalArgumentException("the match IoU must be in (0, 1], not " + matchIou);
        }
    }

    /** The defaults of the command line. */
    public static ScreeningRules defaults() {
        return new ScreeningRules(DEFAULT_MIN_AREA_M2, DEFAULT_EXPLAINED_OVERLAP, DEFAULT_MIN_CONFIDENCE,
                DEFAULT_THIN_WIDTH_M, DEFAULT_MERGE_DISTANCE_M, DEFAULT_MATCH_IOU);
    }

    /** These rules with the three thresholds of the command line replaced. */
    public ScreeningRules with(double minAreaM2, double explainedOverlap, double minConfidence) {
        return new ScreeningRules(minAreaM2, explainedOverlap, minConfidence, thinWidthM, mergeDistanceM, matchIou);
    }
}
