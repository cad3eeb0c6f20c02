package io.zhili.jobs.live;

import io.zhili.geo.live.RecurrenceCounter;
import java.io.Serializable;
import java.time.Duration;

/**
 * Every setting of {@code zhili live} with its default (docs/CONTRACTS.md, "zhili live").
 *
 * @param outOfOrder         watermark = max event time less this (default 2 min)
 * @param checkpointInterval checkpoints commit the Parquet files and the Kafka alerts (default 5 s)
 * @param alertsTopic        Kafka alerts topic, or null for none
 * @param recurrenceCases    N of RECURRENCE (default 3)
 * @param recurrenceDays     window of RECURRENCE in days (default 30)
 * @param resolution         base H3 resolution of the cells (9, as the forecast's)
 * @param nearestRadiusMeters radius of the nearest same-class component join (30 m, as the batch job)
 */
public record LiveOptions(Duration outOfOrder, Duration checkpointInterval, String alertsTopic, int recurrenceCases,
                          int recurrenceDays, int resolution, double nearestRadiusMeters) implements Serializable {
    public LiveOptions {
        if (outOfOrder.isNegative()) {
            throw new IllegalArgumentException("--out-of-order must not be negative");
        }
        if (checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException("--checkpoint-interval must be at least 10 ms");
        }
        new RecurrenceCounter(recurrenceCases, recurrenceDays); // validates
    }

    public static LiveOptions defaults() {
        return new LiveOptions(Duration.ofMinutes(2), Duration.ofSeconds(5), null, RecurrenceCounter.DEFAULT_CASES,
                RecurrenceCounter.DEFAULT_DAYS, 9, 30.0);
    }

    public LiveOptions withOutOfOrder(Duration d) {
        return new LiveOptions(d, checkpointInterval, alertsTopic, recurrenceCases, recurrenceDays, resolution, nearestRadiusMeters);
    }

    public LiveOptions withCheckpointInterval(Duration d) {
        return new LiveOptions(outOfOrder, d, alertsTopic, recurrenceCases, recurrenceDays, resolution, nearestRadiusMeters);
    }

    public LiveOptions withAlertsTopic(String t) {
        return new LiveOptions(outOfOrder, checkpointInterval, t, recurrenceCases, recurrenceDays, resolution, nearestRadiusMeters);
    }

    public LiveOptions withRecurrence(int cases, int days) {
        return new LiveOptions(outOfOrder, checkpointInterval, alertsTopic, cases, days, resolution, nearestRadiusMeters);
    }
}
