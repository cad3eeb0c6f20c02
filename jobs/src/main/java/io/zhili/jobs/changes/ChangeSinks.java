package io.zhili.jobs.changes;

import io.zhili.jobs.common.ParquetTableSink;
import io.zhili.jobs.hotspots.RejectRecord;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;

/** Where the changes job's tables go: GeoParquet under the run's staging directory, or a test's sinks. */
public interface ChangeSinks extends Serializable {
    Sink<SuspectRow> suspects();

    Sink<ExplainedRow> explained();

    Sink<RejectRecord> rejects();

    /** GeoParquet tables under {@code root}, one directory per table. */
    static ChangeSinks parquet(Path root) {
        String dir = root.toAbsolutePath().toString();
        return new ChangeSinks() {
            private static final long serialVersionUID = 1L;

            @Override
            public Sink<SuspectRow> suspects() {
                return new ParquetTableSink<>(Path.of(dir, ChangeTables.SUSPECTS), ChangeTables.suspects());
            }

            @Override
            public Sink<ExplainedRow> explained() {
                return new ParquetTableSink<>(Path.of(dir, ChangeTables.EXPLAINED), ChangeTables.explained());
            }

            @Override
            public Sink<RejectRecord> rejects() {
                return new ParquetTableSink<>(Path.of(dir, ChangeTables.REJECTS), ChangeTables.rejects());
            }
        };
    }
}
