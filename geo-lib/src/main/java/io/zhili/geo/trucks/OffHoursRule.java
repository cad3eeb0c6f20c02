package io.zhili.geo.trucks;

/**
 * OFF_HOURS: the truck is loaded and moving while the local time is outside the hours of every
 * permit valid that day. A truck with no valid permit at all is outside every valid permit's hours,
 * so a loaded, moving truck without a permit fires too. A loaded stop pauses the episode; it ends
 * when the truck is unloaded or permit hours begin. Location: the first report.
 */
public final class OffHoursRule extends EpisodeRule {
    private static final long HIGH_MS = 30 * 60_000L;

    public OffHoursRule(RuleConfig config) {
        super(RuleType.OFF_HOURS, config);
    }

    @Override
    Step step(PointFacts f, TruckState s) {
        if (!f.loaded || f.withinPermitHours) {
            return Step.ENDS;
        }
        return f.moving ? Step.HOLDS : Step.PAUSE;
    }

    @Override
    void opened(PointFacts f, TruckState s) {
        s.measure2[slot()] = f.validPermits;
    }

    @Override
    boolean qualifies(TruckState s) {
        return true;
    }

    @Override
    Severity severity(TruckState s) {
        return duration(s) >= HIGH_MS ? Severity.HIGH : Severity.MEDIUM;
    }

    @Override
    String detail(TruckState s) {
        return (s.measure2[slot()] == 0 ? "loaded and moving with no valid permit"
                : "loaded and moving outside the hours of permit " + s.permitId[slot()]) + " for " + minutes(duration(s));
    }
}
