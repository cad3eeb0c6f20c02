package io.zhili.geo.trucks;

/**
 * UNCOVERED_LOAD: lid OPEN while loaded and moving, for at least {@link RuleConfig#uncoveredMinMs()}.
 * A stop with the lid open pauses the episode; a closed or unknown lid, or an unloaded truck, ends
 * it. Location: the first report.
 */
public final class UncoveredLoadRule extends EpisodeRule {
    private static final long MEDIUM_MS = 2 * 60_000L;
    private static final long HIGH_MS = 10 * 60_000L;

    public UncoveredLoadRule(RuleConfig config) {
        super(RuleType.UNCOVERED_LOAD, config);
    }

    @Override
    Step step(PointFacts f, TruckState s) {
        if (f.point.lid() != LidState.OPEN || !f.loaded) {
            return Step.ENDS;
        }
        return f.moving ? Step.HOLDS : Step.PAUSE;
    }

    @Override
    boolean qualifies(TruckState s) {
        return duration(s) >= config.uncoveredMinMs();
    }

    @Override
    Severity severity(TruckState s) {
        return Severity.grade(duration(s), MEDIUM_MS, HIGH_MS);
    }

    @Override
    String detail(TruckState s) {
        return "lid open while loaded and moving for " + minutes(duration(s));
    }
}
