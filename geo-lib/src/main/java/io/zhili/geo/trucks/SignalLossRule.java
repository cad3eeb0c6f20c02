package io.zhili.geo.trucks;

import java.util.function.Consumer;

/**
 * SIGNAL_LOSS: no report for at least {@link RuleConfig#signalLossGapMs()} after a report that was
 * loaded and moving. Emitted once per gap: when the next report arrives (end = its time) or, if event
 * time passes first, on silence (end = that event time, normally last report +
 * {@code signalLossGapMs}, since the engine's timer fires then). Location: the last report before
 * the gap. Severity by gap length (20 / 60 min); {@code points} counts the reports framing the gap.
 */
public final class SignalLossRule implements TruckRule {
    private static final long MEDIUM_MS = 20 * 60_000L;
    private static final long HIGH_MS = 60 * 60_000L;
    private final RuleConfig config;

    public SignalLossRule(RuleConfig config) {
        this.config = config;
    }

    @Override
    public RuleType type() {
        return RuleType.SIGNAL_LOSS;
    }

    @Override
    public void onPoint(PointFacts f, TruckState s, Consumer<Alert> out) {
        if (f.sincePreviousMs >= config.signalLossGapMs() && !f.reanchored) {
            emit(s, f.point.ts(), 2, out);
        }
    }

    @Override
    public void onSilence(TruckState s, long eventTime, Consumer<Alert> out) {
        if (!s.isEmpty() && eventTime - s.lastTs >= config.signalLossGapMs()) {
            emit(s, eventTime, 1, out);
        }
    }

    @Override
    public void end(TruckState s, Consumer<Alert> out) {
        // A gap is only known once it has lasted; nothing is held open.
    }

    private void emit(TruckState s, long endTs, int points, Consumer<Alert> out) {
        if (!s.lastLoadedMoving || s.signalLossAfterTs == s.lastTs) {
            return;
        }
        s.signalLossAfterTs = s.lastTs;
        long gap = endTs - s.lastTs;
        out.accept(new Alert(Alert.idOf(s.truckId, type(), s.lastTs), type(), s.truckId, s.lastPermitId, s.lastTs, endTs,
                s.lastLon, s.lastLat, Double.NaN, points, Severity.grade(gap, MEDIUM_MS, HIGH_MS),
                String.format("no report for %.1f min after a loaded, moving report", gap / 60_000.0)));
    }
}
