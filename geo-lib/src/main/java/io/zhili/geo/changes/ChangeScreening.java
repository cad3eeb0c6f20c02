package io.zhili.geo.changes;

import java.util.List;
import java.util.Locale;

/**
 * Screens change polygons into suspected illegal structures. Every accepted polygon ends in exactly one
 * {@link ChangeOutcome}; the tests run in this order and the first that holds decides:
 *
 * <ol>
 *   <li>{@link ChangeOutcome#NOT_BUILT_UP}: {@code change_class} given and not {@code BUILT_UP};</li>
 *   <li>{@link ChangeOutcome#LOW_CONFIDENCE}: {@code confidence < minConfidence};</li>
 *   <li>{@link ChangeOutcome#REGISTERED_BUILDING}: footprints registered strictly before
 *       {@code before_date} cover at least {@code explainedOverlap} of the polygon's area;</li>
 *   <li>{@link ChangeOutcome#PERMITTED}: NEW_BUILD/RENOVATION permits with
 *       {@code valid_from <= after_date <= valid_to} cover at least {@code explainedOverlap} of it;</li>
 * </ol>
 * (these four per polygon, {@link #screen}); the polygons left are candidates, merged into structures
 * ({@link FragmentMerger}: touching or within {@code mergeDistanceM}) and judged as a whole
 * ({@link #judge}), every fragment taking its structure's outcome:
 * <ol start="5">
 *   <li>{@link ChangeOutcome#TOO_SMALL}: the structure's area is below {@code minAreaM2};</li>
 *   <li>{@link ChangeOutcome#THIN}: its equivalent-rectangle width is below {@code thinWidthM};</li>
 *   <li>otherwise {@link ChangeOutcome#SUSPECT}.</li>
 * </ol>
 * Size and shape come after merging because a structure cut into pieces has small, thin pieces. The
 * cheap attribute tests come first so that the index lookups run only where they can matter.
 *
 * <p>Thread-safe when its reference layers are (they are immutable).
 */
public final class ChangeScreening {
    /** The change class of new built-up area; absent classes count as built-up. */
    public static final String BUILT_UP = "BUILT_UP";

    /** An outcome with a short English reason. */
    public record Verdict(ChangeOutcome outcome, String detail) {
    }

    private final ScreeningRules rules;
    private final ReferencePolygons buildings;
    private final ReferencePolygons permits;

    /**
     * @param buildings footprints: from day = the registration day, kind unused
     * @param permits   permits (from/to days inclusive, kind = {@link PermitKind} ordinal), or null
     */
    public ChangeScreening(ScreeningRules rules, ReferencePolygons buildings, ReferencePolygons permits) {
        this.rules = rules;
        this.buildings = buildings;
        this.permits = permits;
    }

    public ScreeningRules rules() {
        return rules;
    }

    /**
     * The per-polygon tests 1–4; {@link ChangeOutcome#SUSPECT} here means "candidate": it still goes
     * through merging and {@link #judge}.
     */
    public Verdict screen(ChangePolygon c) {
        if (c.changeClass() != null && !c.changeClass().isEmpty() && !BUILT_UP.equals(c.changeClass())) {
            return new Verdict(ChangeOutcome.NOT_BUILT_UP, "change_class " + c.changeClass());
        }
        if (c.confidence() < rules.minConfidence()) {
            return new Verdict(ChangeOutcome.LOW_CONFIDENCE,
                    String.format(Locale.ROOT, "confidence %.2f below %.2f", c.confidence(), rules.minConfidence()));
        }
        ReferencePolygons.Coverage registered = buildings.coverage(c.plane(),
                (from, to, kind) -> from < c.beforeDay());
        if (registered.share() >= rules.explainedOverlap()) {
            return new Verdict(ChangeOutcome.REGISTERED_BUILDING, String.format(Locale.ROOT,
                    "%.0f%% covered by footprints registered before %s (largest: %s)", 100 * registered.share(),
                    ChangeDates.format(c.beforeDay()), registered.largestId()));
        }
        if (permits != null) {
            ReferencePolygons.Coverage permitted = permits.coverage(c.plane(), (from, to, kind) ->
                    from <= c.afterDay() && c.afterDay() <= to && PermitKind.values()[kind].permitsBuilding());
            if (permitted.share() >= rules.explainedOverlap()) {
                return new Verdict(ChangeOutcome.PERMITTED, String.format(Locale.ROOT,
                        "%.0f%% inside permits valid on %s (largest: %s)", 100 * permitted.share(),
                        ChangeDates.format(c.afterDay()), permitted.largestId()));
            }
        }
        return new Verdict(ChangeOutcome.SUSPECT, null);
    }

    /** Merges candidates (polygons {@link #screen} left as SUSPECT) into structures. */
    public List<Structure> merge(List<ChangePolygon> candidates) {
        return FragmentMerger.merge(candidates, rules.mergeDistanceM());
    }

    /** Tests 5–7 on a merged structure. */
    public Verdict judge(Structure s) {
        if (s.area() < rules.minAreaM2()) {
            return new Verdict(ChangeOutcome.TOO_SMALL, String.format(Locale.ROOT,
                    "%.1f m² below %.1f m² (%d fragment%s)", s.area(), rules.minAreaM2(), s.fragments().size(),
                    s.fragments().size() == 1 ? "" : "s"));
        }
        if (s.width() < rules.thinWidthM()) {
            return new Verdict(ChangeOutcome.THIN, String.format(Locale.ROOT,
                    "%.1f m wide (equivalent rectangle), below %.1f m", s.width(), rules.thinWidthM()));
        }
        return new Verdict(ChangeOutcome.SUSPECT, null);
    }
}
