package io.zhili.geo.trucks;

import java.util.function.Consumer;

/**
 * A rule whose episode is a run of consecutive reports for which a condition holds: the episode
 * opens at the first such report, grows while it holds, is left alone by reports that neither hold
 * nor break it ({@link Step#PAUSE}, e.g. a loaded truck waiting at a red light) and is emitted, if
 * it {@link #qualifies}, at the first report that breaks it.
 */
abstract class EpisodeRule implements TruckRule {
    /** What a report does to the episode. */
    enum Step {
        HOLDS,
        PAUSE,
        ENDS
    }

    protected final RuleConfig config;
    private final RuleType type;

    EpisodeRule(RuleType type, RuleConfig config) {
        this.type = type;
        this.config = config;
    }

    @Override
    public final RuleType type() {
        return type;
    }

    abstract Step step(PointFacts f, TruckState s);

    /** Called right after the episode opened at this report (location and permit defaults are set). */
    void opened(PointFacts f, TruckState s) {
    }

    /** Called for every report that holds, the opening one included. */
    void held(PointFacts f, TruckState s) {
    }

    abstract boolean qualifies(TruckState s);

    abstract Severity severity(TruckState s);

    abstract String detail(TruckState s);

    double maxDistanceM(TruckState s) {
        return Double.NaN;
    }

    @Override
    public final void onPoint(PointFacts f, TruckState s, Consumer<Alert> out) {
        Step step = step(f, s);
        int i = type.ordinal();
        if (step == Step.HOLDS) {
            GpsPoint p = f.point;
            if (!s.open[i]) {
                s.openEpisode(type, p.ts(), p.lon(), p.lat(), f.permitId);
                opened(f, s);
            } else {
                s.extendEpisode(type, p.ts());
            }
            held(f, s);
        } else if (step == Step.ENDS && s.open[i]) {
            end(s, out);
        }
    }

    @Override
    public final void end(TruckState s, Consumer<Alert> out) {
        int i = type.ordinal();
        if (!s.open[i]) {
            return;
        }
        if (qualifies(s)) {
            out.accept(new Alert(Alert.idOf(s.truckId, type, s.startTs[i]), type, s.truckId, s.permitId[i], s.startTs[i],
                    s.endTs[i], s.lon[i], s.lat[i], maxDistanceM(s), s.points[i], severity(s), detail(s)));
        }
        s.clearEpisode(type);
    }

    final int slot() {
        return type.ordinal();
    }

    final long duration(TruckState s) {
        return s.endTs[slot()] - s.startTs[slot()];
    }

    static String minutes(long ms) {
        return String.format("%.1f min", ms / 60_000.0);
    }
}
