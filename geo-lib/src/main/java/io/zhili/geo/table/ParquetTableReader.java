package io.zhili.geo.table;

import io.zhili.geo.parquet.ParquetCodecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file row group by row group into one reused {@code String[]}, through
 * parquet-java's column readers with converters that render each type as text (dictionary pages are
 * rendered once per dictionary entry, not once per row).
 *
 * <p>Only flat columns are read: top-level, non-repeated primitive columns. Nested groups, lists
 * and maps (for example a GeoParquet {@code bbox} covering struct) are left out of
 * {@link #columns()}. Not thread-safe.
 */
final class ParquetTableReader implements TableReader {
    private final Path file;
    private final ParquetFileReader reader;
    private final MessageColumnIO columnIO;
    private final List<String> columns;
    private final String[] values;
    private final RowMaterializer materializer;
    private RecordReader<String[]> rows;
    private long rowsLeftInGroup;
    private long rowNumber;
    private boolean closed;

    private ParquetTableReader(Path file, ParquetFileReader reader) {
        this.file = file;
        this.reader = reader;
        MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
        List<Type> flat = new ArrayList<>();
        for (Type t : fileSchema.getFields()) {
            if (t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)) {
                flat.add(t);
            }
        }
        if (flat.isEmpty()) {
            throw new TableInputException(file + ": Parquet file has no flat (non-nested) columns");
        }
        MessageType projection = new MessageType(fileSchema.getName(), flat);
        reader.setRequestedSchema(projection);
        this.columnIO = new ColumnIOFactory().getColumnIO(projection, fileSchema);
        List<String> names = new ArrayList<>(flat.size());
        flat.forEach(t -> names.add(t.getName()));
        this.columns = Collections.unmodifiableList(names);
        this.values = new String[flat.size()];
        Arrays.fill(values, "");
        this.materializer = new RowMaterializer(flat, values);
    }

    static ParquetTableReader open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TableInputException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new TableInputException(file + ": not readable");
        }
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .build();
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(new LocalInputFile(file), options);
        } catch (IOException | RuntimeException e) {
            throw new TableInputException(file + ": not a readable Parquet file: " + oneLine(e), e);
        }
        try {
            return new ParquetTableReader(file, reader);
        } catch (RuntimeException e) {
            try {
                reader.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        try {
            while (rowsLeftInGroup == 0) {
                PageReadStore group = reader.readNextRowGroup();
                if (group == null) {
                    return false;
                }
                rowsLeftInGroup = group.getRowCount();
                rows = columnIO.getRecordReader(group, materializer);
            }
            rows.read();
        } catch (IOException | RuntimeException e) {
            throw new TableInputException(file + ": cannot read row " + (rowNumber + 1) + ": " + oneLine(e), e);
        }
        rowsLeftInGroup--;
        rowNumber++;
        return true;
    }

    @Override
    public long rowNumber() {
        return rowNumber;
    }

    @Override
    public String get(int column) {
        return values[column];
    }

    @Override
    public String raw() {
        return CsvWriter.line((Object[]) values);
    }

    @Override
    public boolean wellFormed() {
        return true;
    }

    @Override
    public String malformedReason() {
        return null;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                reader.close();
            } catch (IOException e) {
                throw new TableInputException(file + ": cannot close: " + oneLine(e), e);
            }
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Fills the shared values array; each row starts as all "" so nulls need no call. */
    private static final class RowMaterializer extends RecordMaterializer<String[]> {
        private final String[] values;
        private final GroupConverter root;

        RowMaterializer(List<Type> flat, String[] values) {
            this.values = values;
            Converter[] converters = new Converter[flat.size()];
            for (int i = 0; i < converters.length; i++) {
                converters[i] = TextConverter.forType(flat.get(i).asPrimitiveType(), values, i);
            }
            this.root = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return converters[fieldIndex];
                }

                @Override
                public void start() {
                    Arrays.fill(values, "");
                }

                @Override
                public void end() {
                }
            };
        }

        @Override
        public String[] getCurrentRecord() {
            return values;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }
}
