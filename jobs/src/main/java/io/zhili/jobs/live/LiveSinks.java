package io.zhili.jobs.live;

import io.zhili.jobs.common.CommittingParquetSink;
import io.zhili.jobs.trucks.DeadLetter;
import io.zhili.jobs.trucks.TruckTables;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the live job's tables go: {@link #parquet} in production (committed on checkpoints, exactly
 * once); tests may inject others. The Kafka alerts topic is attached separately.
 */
public interface LiveSinks extends Serializable {
    /** Every alert record (OPEN, and a SURGE's CLOSED). */
    Sink<LiveAlert> alerts();

    /** Rejected and undecodable events with their raw payload. */
    Sink<DeadLetter> deadLetters();

    /** The {@link LiveTables} under {@code root}. */
    static LiveSinks parquet(Path root) {
        String dir = root.toAbsolutePath().toString();
        return new LiveSinks() {
            private static final long serialVersionUID = 1L;

            @Override
            public Sink<LiveAlert> alerts() {
                return new CommittingParquetSink<>(Path.of(dir, LiveTables.ALERTS), LiveTables.alerts());
            }

            @Override
            public Sink<DeadLetter> deadLetters() {
                return new CommittingParquetSink<>(Path.of(dir, LiveTables.DEAD_LETTER), TruckTables.deadLetters());
            }
        };
    }
}
