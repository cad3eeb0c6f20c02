package io.zhili.geo.trucks;

/**
 * ROUTE_DEVIATION: a loaded, moving truck with a valid permit is farther than {@code corridor_m}
 * from every valid permit's route, not at a site, for at least
 * {@link RuleConfig#deviationMinPoints()} consecutive reports spanning at least
 * {@link RuleConfig#deviationMinMs()}. The episode ends when the truck is back inside a corridor,
 * reaches a site, is no longer loaded or has no valid permit; a stop outside the corridor pauses it.
 * Location: the farthest report; {@code max_distance_m}: its distance; permit: the nearest route's.
 */
public final class RouteDeviationRule extends EpisodeRule {
    public RouteDeviationRule(RuleConfig config) {
        super(RuleType.ROUTE_DEVIATION, config);
    }

    @Override
    Step step(PointFacts f, TruckState s) {
        if (!f.deviationChecked || !f.outsideCorridors) {
            return Step.ENDS;
        }
        return f.moving ? Step.HOLDS : Step.PAUSE;
    }

    @Override
    void opened(PointFacts f, TruckState s) {
        s.measure[slot()] = -1;
    }

    @Override
    void held(PointFacts f, TruckState s) {
        int i = slot();
        if (f.routeDistanceM > s.measure[i]) {
            s.measure[i] = f.routeDistanceM;
            s.measure2[i] = f.nearestCorridorM;
            s.lon[i] = f.point.lon();
            s.lat[i] = f.point.lat();
            s.permitId[i] = f.nearestPermitId;
        }
    }

    @Override
    boolean qualifies(TruckState s) {
        return s.points[slot()] >= config.deviationMinPoints() && duration(s) >= config.deviationMinMs();
    }

    @Override
    Severity severity(TruckState s) {
        return Severity.grade(s.measure[slot()] / s.measure2[slot()], 2, 5);
    }

    @Override
    String detail(TruckState s) {
        return String.format("up to %.0f m from the route of permit %s (corridor %.0f m) for %s", s.measure[slot()],
                s.permitId[slot()], s.measure2[slot()], minutes(duration(s)));
    }

    @Override
    double maxDistanceM(TruckState s) {
        return s.measure[slot()];
    }
}
