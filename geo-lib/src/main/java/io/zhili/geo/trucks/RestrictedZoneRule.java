package io.zhili.geo.trucks;

/**
 * RESTRICTED_ZONE: the truck is inside a restricted zone while the zone's hours apply (local
 * Asia/Shanghai time), loaded or not. One report suffices; the episode ends at the first report
 * outside every active zone. Location: the first report inside.
 */
public final class RestrictedZoneRule extends EpisodeRule {
    public RestrictedZoneRule(RuleConfig config) {
        super(RuleType.RESTRICTED_ZONE, config);
    }

    @Override
    Step step(PointFacts f, TruckState s) {
        return f.zone >= 0 ? Step.HOLDS : Step.ENDS;
    }

    @Override
    void opened(PointFacts f, TruckState s) {
        s.ref[slot()] = f.zoneId;
    }

    @Override
    void held(PointFacts f, TruckState s) {
        if (f.loaded) {
            s.measure2[slot()] = 1;
        }
    }

    @Override
    boolean qualifies(TruckState s) {
        return true;
    }

    @Override
    Severity severity(TruckState s) {
        return s.measure2[slot()] > 0 ? Severity.HIGH : Severity.MEDIUM;
    }

    @Override
    String detail(TruckState s) {
        return "inside restricted zone " + s.ref[slot()] + (s.measure2[slot()] > 0 ? " loaded" : " empty")
                + " for " + minutes(duration(s));
    }
}
