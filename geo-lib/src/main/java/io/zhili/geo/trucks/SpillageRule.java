package io.zhili.geo.trucks;

/**
 * SPILLAGE: between two consecutive reports at most {@link RuleConfig#spillageMaxGapMs()} apart,
 * both moving and neither at a site, the load falls by at least {@link RuleConfig#spillageMinDropT()}
 * and at least {@link RuleConfig#spillageMinDropFraction()} of the earlier load. Consecutive falling
 * pairs form one episode, from the report before the first fall to the report after the last.
 * Location: the report after the first fall (where the muck is on the road). Each episode is also a
 * city-management case ({@link SpillageCase}).
 */
public final class SpillageRule extends EpisodeRule {
    private static final double MEDIUM_T = 2;
    private static final double HIGH_T = 5;

    public SpillageRule(RuleConfig config) {
        super(RuleType.SPILLAGE, config);
    }

    @Override
    Step step(PointFacts f, TruckState s) {
        if (!f.hasPrevious || f.sincePreviousMs > config.spillageMaxGapMs()) {
            return Step.ENDS;
        }
        double before = s.lastLoadT;
        double now = f.point.loadT();
        double drop = before - now; // NaN when either is unknown: every comparison below is false
        boolean falls = drop >= config.spillageMinDropT() && drop >= config.spillageMinDropFraction() * before;
        boolean moving = f.moving && s.lastSpeedKmh >= config.movingKmh();
        return falls && moving && !f.atSite() && !s.lastAtSite ? Step.HOLDS : Step.ENDS;
    }

    @Override
    void opened(PointFacts f, TruckState s) {
        int i = slot();
        s.startTs[i] = s.lastTs; // the fall happened since the previous report
        s.points[i] = 2;
        s.measure2[i] = s.lastLoadT;
    }

    @Override
    void held(PointFacts f, TruckState s) {
        s.measure[slot()] += s.lastLoadT - f.point.loadT();
    }

    @Override
    boolean qualifies(TruckState s) {
        return true;
    }

    @Override
    Severity severity(TruckState s) {
        return Severity.grade(s.measure[slot()], MEDIUM_T, HIGH_T);
    }

    @Override
    String detail(TruckState s) {
        int i = slot();
        return String.format("load fell %.1f -> %.1f t while moving", s.measure2[i], s.measure2[i] - s.measure[i]);
    }
}
