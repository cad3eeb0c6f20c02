package io.zhili.geo.trucks;

/**
 * Every detection threshold of the truck rules, with the defaults of docs/CONTRACTS.md ("Thresholds", {@link #defaults()}).
 * Units are in the names: tonnes (T), km/h (Kmh), metres (M), milliseconds (Ms).
 *
 * @param loadedT                 a truck is loaded when {@code load_t} ≥ this (3 t)
 * @param movingKmh               a truck is moving when its speed ≥ this (5 km/h)
 * @param deviationMinPoints      ROUTE_DEVIATION needs at least this many consecutive points outside (2) ...
 * @param deviationMinMs          ... spanning at least this long (30 s)
 * @param uncoveredMinMs          UNCOVERED_LOAD lasts at least this long (30 s)
 * @param spillageMinDropT        SPILLAGE: load falls by at least this many tonnes (1 t) ...
 * @param spillageMinDropFraction ... and at least this fraction of the previous load (0.10) ...
 * @param spillageMaxGapMs        ... between consecutive points at most this far apart (2 min)
 * @param stoppedKmh              ILLEGAL_DUMPING: a stop is speed below this (2 km/h) ...
 * @param stopRadiusM             ... staying within this distance of where it began (30 m) ...
 * @param dumpingMinStopMs        ... for at least this long (3 min)
 * @param speedLimitKmh           SPEEDING: speed above this (60 km/h) ...
 * @param speedingMinMs           ... for at least this long (30 s)
 * @param signalLossGapMs         SIGNAL_LOSS: a report gap of at least this (10 min) while loaded and moving
 * @param jumpSpeedKmh            a point implying a speed above this from the previous accepted point is a GPS jump (150 km/h)
 * @param jumpReanchorPoints      after this many consecutive jump rejections the next point is accepted as the
 *                                new position (3), so that one bad anchor cannot reject a whole trace
 * @param episodeGapMs            a report gap longer than this ends every open episode (2 min): an episode
 *                                is evidence from consecutive reports, not across a silence
 */
public record RuleConfig(double loadedT, double movingKmh, int deviationMinPoints, long deviationMinMs,
                         long uncoveredMinMs, double spillageMinDropT, double spillageMinDropFraction,
                         long spillageMaxGapMs, double stoppedKmh, double stopRadiusM, long dumpingMinStopMs,
                         double speedLimitKmh, long speedingMinMs, long signalLossGapMs, double jumpSpeedKmh,
                         int jumpReanchorPoints, long episodeGapMs) {

    private static final RuleConfig DEFAULTS = new RuleConfig(3, 5, 2, 30_000, 30_000, 1, 0.10, 120_000, 2, 30,
            180_000, 60, 30_000, 600_000, 150, 3, 120_000);

    public RuleConfig {
        if (!(loadedT > 0) || !(movingKmh > 0) || !(stoppedKmh > 0) || !(stopRadiusM > 0) || !(speedLimitKmh > 0)
                || !(jumpSpeedKmh > 0) || !(spillageMinDropT > 0) || !(spillageMinDropFraction > 0)) {
            throw new IllegalArgumentException("rule thresholds must be positive: " + this);
        }
        if (deviationMinPoints < 1 || jumpReanchorPoints < 1 || deviationMinMs < 0 || uncoveredMinMs < 0
                || spillageMaxGapMs <= 0 || dumpingMinStopMs < 0 || speedingMinMs < 0 || signalLossGapMs <= 0
                || episodeGapMs <= 0) {
            throw new IllegalArgumentException("rule durations and counts must be positive: " + this);
        }
    }

    /** The contract's defaults (docs/CONTRACTS.md, "Thresholds"). */
    public static RuleConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults, for command-line options and tests. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private double loadedT;
        private double movingKmh;
        private int deviationMinPoints;
        private long deviationMinMs;
        private long uncoveredMinMs;
        private double spillageMinDropT;
        private double spillageMinDropFraction;
        private long spillageMaxGapMs;
        private double stoppedKmh;
        private double stopRadiusM;
        private long dumpingMinStopMs;
        private double speedLimitKmh;
        private long speedingMinMs;
        private long signalLossGapMs;
        private double jumpSpeedKmh;
        private int jumpReanchorPoints;
        private long episodeGapMs;

        private Builder(RuleConfig c) {
            loadedT = c.loadedT;
            movingKmh = c.movingKmh;
            deviationMinPoints = c.deviationMinPoints;
            deviationMinMs = c.deviationMinMs;
            uncoveredMinMs = c.uncoveredMinMs;
            spillageMinDropT = c.spillageMinDropT;
            spillageMinDropFraction = c.spillageMinDropFraction;
            spillageMaxGapMs = c.spillageMaxGapMs;
            stoppedKmh = c.stoppedKmh;
            stopRadiusM = c.stopRadiusM;
            dumpingMinStopMs = c.dumpingMinStopMs;
            speedLimitKmh = c.speedLimitKmh;
            speedingMinMs = c.speedingMinMs;
            signalLossGapMs = c.signalLossGapMs;
            jumpSpeedKmh = c.jumpSpeedKmh;
            jumpReanchorPoints = c.jumpReanchorPoints;
            episodeGapMs = c.episodeGapMs;
        }

        public Builder loadedT(double v) { loadedT = v; return this; }
        public Builder movingKmh(double v) { movingKmh = v; return this; }
        public Builder deviationMinPoints(int v) { deviationMinPoints = v; return this; }
        public Builder deviationMinMs(long v) { deviationMinMs = v; return this; }
        public Builder uncoveredMinMs(long v) { uncoveredMinMs = v; return this; }
        public Builder spillageMinDropT(double v) { spillageMinDropT = v; return this; }
        public Builder spillageMinDropFraction(double v) { spillageMinDropFraction = v; return this; }
        public Builder spillageMaxGapMs(long v) { spillageMaxGapMs = v; return this; }
        public Builder stoppedKmh(double v) { stoppedKmh = v; return this; }
        public Builder stopRadiusM(double v) { stopRadiusM = v; return this; }
        public Builder dumpingMinStopMs(long v) { dumpingMinStopMs = v; return this; }
        public Builder speedLimitKmh(double v) { speedLimitKmh = v; return this; }
        public Builder speedingMinMs(long v) { speedingMinMs = v; return this; }
        public Builder signalLossGapMs(long v) { signalLossGapMs = v; return this; }
        public Builder jumpSpeedKmh(double v) { jumpSpeedKmh = v; return this; }
        public Builder jumpReanchorPoints(int v) { jumpReanchorPoints = v; return this; }
        public Builder episodeGapMs(long v) { episodeGapMs = v; return this; }

        public RuleConfig build() {
            return new RuleConfig(loadedT, movingKmh, deviationMinPoints, deviationMinMs, uncoveredMinMs,
                    spillageMinDropT, spillageMinDropFraction, spillageMaxGapMs, stoppedKmh, stopRadiusM,
                    dumpingMinStopMs, speedLimitKmh, speedingMinMs, signalLossGapMs, jumpSpeedKmh,
                    jumpReanchorPoints, episodeGapMs);
        }
    }
}
