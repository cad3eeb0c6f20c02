package io.zhili.jobs.trucks;

import io.zhili.geo.trucks.Alert;
import io.zhili.jobs.common.CommittingParquetSink;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the truck job's outputs go. {@link #parquet} is the production set (GeoParquet tables under
 * a directory, committed on checkpoints); tests inject collecting sinks. {@link #alertsTopic} is
 * optional: the Kafka alerts topic is attached by the job when the options name one.
 */
public interface TruckSinks extends Serializable {
    /** Every alert. */
    Sink<Alert> alerts();

    /** Undecodable and late records. */
    Sink<DeadLetter> deadLetters();

    /** SPILLAGE alerts, written as cases. */
    Sink<Alert> cases();

    /** The three {@link TruckTables} under {@code root}, exactly once ({@link CommittingParquetSink}). */
    static TruckSinks parquet(Path root) {
        String dir = root.toAbsolutePath().toString();
        return new TruckSinks() {
            private static final long serialVersionUID = 1L;

            @Override
            public Sink<Alert> alerts() {
                return new CommittingParquetSink<>(Path.of(dir, TruckTables.ALERTS), TruckTables.alerts());
            }

            @Override
            public Sink<DeadLetter> deadLetters() {
                return new CommittingParquetSink<>(Path.of(dir, TruckTables.DEAD_LETTER), TruckTables.deadLetters());
            }

            @Override
            public Sink<Alert> cases() {
                return new CommittingParquetSink<>(Path.of(dir, TruckTables.CASES), TruckTables.cases());
            }
        };
    }
}
