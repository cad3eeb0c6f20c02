package io.zhili.geo.trucks;

import io.zhili.geo.crs.Distances;
import java.util.function.Consumer;

/**
 * ILLEGAL_DUMPING: the truck stops (speed below {@link RuleConfig#stoppedKmh()}, staying within
 * {@link RuleConfig#stopRadiusM()} of where the stop began) for at least
 * {@link RuleConfig#dumpingMinStopMs()}, at no site, and its load falls from loaded (at the stop's
 * start or the report just before it) to below {@link RuleConfig#loadedT()} by the stop's last
 * report. Evaluated when the stop ends (the truck moves off, drifts away, goes silent, or input
 * ends). Location: where the stop began. Always HIGH.
 */
public final class IllegalDumpingRule implements TruckRule {
    private final RuleConfig config;

    public IllegalDumpingRule(RuleConfig config) {
        this.config = config;
    }

    @Override
    public RuleType type() {
        return RuleType.ILLEGAL_DUMPING;
    }

    @Override
    public void onPoint(PointFacts f, TruckState s, Consumer<Alert> out) {
        GpsPoint p = f.point;
        if (s.stopStartTs != TruckState.NONE) {
            if (f.stopped && Distances.meters(s.stopLon, s.stopLat, p.lon(), p.lat()) <= config.stopRadiusM()) {
                s.stopEndTs = p.ts();
                s.stopPoints++;
                if (p.hasLoad()) {
                    s.stopLoadNowT = p.loadT();
                }
                s.stopAtSite |= f.atSite();
                return;
            }
            end(s, out);
        }
        if (f.stopped) {
            s.stopStartTs = p.ts();
            s.stopEndTs = p.ts();
            s.stopLon = p.lon();
            s.stopLat = p.lat();
            s.stopPoints = 1;
            double before = f.hasPrevious ? s.lastLoadT : Double.NaN;
            s.stopLoadBeforeT = Double.isNaN(before) ? p.loadT() : Double.isNaN(p.loadT()) ? before : Math.max(before, p.loadT());
            s.stopLoadNowT = p.loadT();
            s.stopAtSite = f.atSite();
            s.stopPermitId = f.permitId;
        }
    }

    @Override
    public void end(TruckState s, Consumer<Alert> out) {
        if (s.stopStartTs == TruckState.NONE) {
            return;
        }
        boolean dumped = s.stopEndTs - s.stopStartTs >= config.dumpingMinStopMs()
                && !s.stopAtSite
                && s.stopLoadBeforeT >= config.loadedT()
                && s.stopLoadNowT < config.loadedT();
        if (dumped) {
            out.accept(new Alert(Alert.idOf(s.truckId, type(), s.stopStartTs), type(), s.truckId, s.stopPermitId,
                    s.stopStartTs, s.stopEndTs, s.stopLon, s.stopLat, Double.NaN, s.stopPoints, Severity.HIGH,
                    String.format("load %.1f -> %.1f t during a %.1f min stop at no site", s.stopLoadBeforeT,
                            s.stopLoadNowT, (s.stopEndTs - s.stopStartTs) / 60_000.0)));
        }
        s.clearStop();
    }
}
