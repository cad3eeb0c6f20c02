package io.zhili.jobs.common;

import io.zhili.geo.parquet.PartitionedTableWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A bounded-job sink that writes one GeoParquet table under a directory: each parallel writer writes
 * its own part files (Hive partitions when the encoder names a partition column). Files appear in a
 * staging directory of the run; the run publishes them only after the whole job succeeded, so readers
 * never see a partial table.
 */
public final class ParquetTableSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final String tableDir;
    private final RowEncoder<T> encoder;

    public ParquetTableSink(Path tableDir, RowEncoder<T> encoder) {
        this.tableDir = tableDir.toAbsolutePath().toString();
        this.encoder = encoder;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        String writerId = String.format("%05d-%d", context.getTaskInfo().getIndexOfThisSubtask(),
                context.getTaskInfo().getAttemptNumber());
        PartitionedTableWriter writer = PartitionedTableWriter.open(Path.of(tableDir), encoder.partitionColumn(),
                encoder.schema(), writerId);
        return new SinkWriter<>() {
            @Override
            public void write(T row, Context ctx) throws IOException {
                writer.write(encoder.partitionColumn() == null ? null : encoder.partition(row), encoder.values(row));
            }

            @Override
            public void flush(boolean endOfInput) {
                // Parquet files are complete only when closed; a bounded run closes them at the end.
            }

            @Override
            public void close() throws Exception {
                writer.close();
            }
        };
    }
}
