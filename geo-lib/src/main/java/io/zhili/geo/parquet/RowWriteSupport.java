package io.zhili.geo.parquet;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@link EncodedRow}s of a {@link TableSchema} straight to the record consumer (no
 * intermediate Group objects). The footer key-value metadata is asked for when the file is
 * finished, so it can describe everything written (GeoParquet bbox and types).
 */
final class RowWriteSupport extends WriteSupport<EncodedRow> {
    private final TableSchema schema;
    private final MessageType messageType;
    private final Supplier<Map<String, String>> footerMetadata;
    private RecordConsumer consumer;

    RowWriteSupport(TableSchema schema, Supplier<Map<String, String>> footerMetadata) {
        this.schema = schema;
        this.messageType = schema.toMessageType();
        this.footerMetadata = footerMetadata;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(messageType, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(messageType, Map.of());
    }

    @Override
    public String getName() {
        return "zhili";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(EncodedRow row) {
        consumer.startMessage();
        for (int i = 0; i < row.present.length; i++) {
            if (!row.present[i]) {
                continue;
            }
            TableColumn column = schema.column(i);
            consumer.startField(column.name(), i);
            switch (column.type()) {
                case STRING, GEOMETRY -> consumer.addBinary(row.binaries[i]);
                case INT32 -> consumer.addInteger((int) row.longs[i]);
                case INT64, TIMESTAMP_MILLIS -> consumer.addLong(row.longs[i]);
                case FLOAT64 -> consumer.addDouble(row.doubles[i]);
                case BOOLEAN -> consumer.addBoolean(row.longs[i] != 0);
            }
            consumer.endField(column.name(), i);
        }
        consumer.endMessage();
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
        return new FinalizedWriteContext(footerMetadata.get());
    }
}
