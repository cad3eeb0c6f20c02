package io.zhili.geo.trucks;

/**
 * SPEEDING: speed above {@link RuleConfig#speedLimitKmh()} for at least
 * {@link RuleConfig#speedingMinMs()}; ends at the first report at or below the limit. Location: the
 * first report. Severity by the top speed over the limit (+10 / +20 km/h).
 */
public final class SpeedingRule extends EpisodeRule {
    private static final double MEDIUM_OVER_KMH = 10;
    private static final double HIGH_OVER_KMH = 20;

    public SpeedingRule(RuleConfig config) {
        super(RuleType.SPEEDING, config);
    }

    @Override
    Step step(PointFacts f, TruckState s) {
        return f.point.speedKmh() > config.speedLimitKmh() ? Step.HOLDS : Step.ENDS;
    }

    @Override
    void held(PointFacts f, TruckState s) {
        s.measure[slot()] = Math.max(s.measure[slot()], f.point.speedKmh());
    }

    @Override
    boolean qualifies(TruckState s) {
        return duration(s) >= config.speedingMinMs();
    }

    @Override
    Severity severity(TruckState s) {
        return Severity.grade(s.measure[slot()] - config.speedLimitKmh(), MEDIUM_OVER_KMH, HIGH_OVER_KMH);
    }

    @Override
    String detail(TruckState s) {
        return String.format("up to %.1f km/h (limit %.0f) for %s", s.measure[slot()], config.speedLimitKmh(),
                minutes(duration(s)));
    }
}
