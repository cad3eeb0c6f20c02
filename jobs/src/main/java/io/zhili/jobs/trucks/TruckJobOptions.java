package io.zhili.jobs.trucks;

import io.zhili.geo.trucks.RuleConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Every setting of the truck monitoring job with its default; the rule thresholds are in
 * {@link RuleConfig} (defaults in docs/CONTRACTS.md, "Thresholds").
 *
 * @param format             how GPS records are encoded (default JSON)
 * @param outOfOrderness     how far behind the newest report a report may arrive and still be
 *                           evaluated; older ones go to the late output (default 2 min)
 * @param idleness           a source split silent this long no longer holds the watermark back
 *                           (default 30 s; 0 disables)
 * @param checkpointInterval checkpoint interval; the Kafka alerts and the Parquet files are committed
 *                           on checkpoints (default 5 s)
 * @param alertsTopic        Kafka topic of alerts, or null for none (default none in file mode,
 *                           {@code truck-alerts} in Kafka mode: the CLI decides)
 * @param rules              rule thresholds
 *
 * <p>Immutable and thread-safe.
 */
public record TruckJobOptions(GpsFormat format, Duration outOfOrderness, Duration idleness,
                              Duration checkpointInterval, String alertsTopic, RuleConfig rules) {

    public TruckJobOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(rules, "rules");
        if (outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("out-of-orderness must not be negative");
        }
        if (idleness.isNegative()) {
            throw new IllegalArgumentException("idleness must not be negative");
        }
        if (checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException("checkpoint interval must be at least 10 ms");
        }
    }

    /** JSON input, 2 min out-of-orderness, 30 s idleness, 5 s checkpoints, no alerts topic, default rules. */
    public static TruckJobOptions defaults() {
        return new TruckJobOptions(GpsFormat.JSON, Duration.ofMinutes(2), Duration.ofSeconds(30),
                Duration.ofSeconds(5), null, RuleConfig.defaults());
    }

    public TruckJobOptions withFormat(GpsFormat f) {
        return new TruckJobOptions(f, outOfOrderness, idleness, checkpointInterval, alertsTopic, rules);
    }

    public TruckJobOptions withOutOfOrderness(Duration d) {
        return new TruckJobOptions(format, d, idleness, checkpointInterval, alertsTopic, rules);
    }

    public TruckJobOptions withIdleness(Duration d) {
        return new TruckJobOptions(format, outOfOrderness, d, checkpointInterval, alertsTopic, rules);
    }

    public TruckJobOptions withCheckpointInterval(Duration d) {
        return new TruckJobOptions(format, outOfOrderness, idleness, d, alertsTopic, rules);
    }

    public TruckJobOptions withAlertsTopic(String topic) {
        return new TruckJobOptions(format, outOfOrderness, idleness, checkpointInterval, topic, rules);
    }

    public TruckJobOptions withRules(RuleConfig r) {
        return new TruckJobOptions(format, outOfOrderness, idleness, checkpointInterval, alertsTopic, r);
    }
}
