package io.zhili.jobs.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhili.geo.parquet.ParquetCodecs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds an {@link AlertHub} from an alerts path that the truck job (or anything else) appends to: a
 * JSON-lines file ({@code .jsonl}, {@code .ndjson}, {@code .json}: one alert object per line), a Parquet
 * file ({@code .parquet}, the {@code alerts/} output contract), or a directory searched recursively
 * for such files. {@link #poll()} reads what is new since the last poll: JSON-lines files from the
 * byte after the last complete line, Parquet files whenever their size or modification time changed
 * (the hub drops repeated {@code alert_id}s). Hidden and temporary files ({@code .} or {@code _} first)
 * are skipped, so a writer's in-progress files are not read.
 *
 * <p>Parquet columns become JSON members (timestamps as epoch milliseconds); binary columns without a
 * string annotation (the WKB geometry) are left out. Unreadable files are reported once per change
 * through the log and skipped.
 *
 * <p>Not thread-safe: one poller thread calls {@link #poll()}.
 */
public final class AlertFileSource {
    private static final Logger LOG = LoggerFactory.getLogger(AlertFileSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final AlertHub hub;
    private final Map<Path, Long> lineOffsets = new HashMap<>();
    private final Map<Path, String> parquetVersions = new HashMap<>();

    public AlertFileSource(Path path, AlertHub hub) {
        this.path = path;
        this.hub = hub;
    }

    /**
     * Reads what is new; returns the number of alerts handed to the hub (shown or not).
     *
     * @throws IOException when the alerts path itself cannot be listed
     */
    public int poll() throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                files = s.filter(Files::isRegularFile).filter(AlertFileSource::isAlertFile).sorted().toList();
            }
        } else {
            files = List.of(path);
        }
        int handed = 0;
        for (Path f : files) {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            handed += name.endsWith(".parquet") ? pollParquet(f) : pollLines(f);
        }
        return handed;
    }

    private static boolean isAlertFile(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith(".") || name.startsWith("_")) {
            return false;
        }
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json") || name.endsWith(".parquet");
    }

    private int pollLines(Path file) throws IOException {
        long offset = lineOffsets.getOrDefault(file, 0L);
        long size = Files.size(file);
        if (size < offset) {
            offset = 0; // truncated or replaced: start again (the hub drops repeated alert ids)
        }
        if (size == offset) {
            return 0;
        }
        byte[] bytes;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(offset);
            bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, size - offset)];
            raf.readFully(bytes);
        }
        int handed = 0;
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                String line = new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8).trim();
                if (!line.isEmpty()) {
                    hub.publish(line);
                    handed++;
                }
                lineStart = i + 1;
            }
        }
        // An unfinished last line is read again once its newline arrives.
        lineOffsets.put(file, offset + lineStart);
        return handed;
    }

    private int pollParquet(Path file) throws IOException {
        String version = Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        if (version.equals(parquetVersions.get(file))) {
            return 0;
        }
        parquetVersions.put(file, version);
        int handed = 0;
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            PageReadStore group;
            while ((group = reader.readNextRowGroup()) != null) {
                RecordReader<Group> rows = io.getRecordReader(group, new GroupRecordConverter(schema));
                for (long r = 0; r < group.getRowCount(); r++) {
                    hub.publish(toJson(rows.read(), schema));
                    handed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("alerts: skipping unreadable Parquet file {}: {}", file, e.toString());
        }
        return handed;
    }

    static ObjectNode toJson(Group row, MessageType schema) {
        ObjectNode o = JSON.createObjectNode();
        for (int i = 0; i < schema.getFieldCount(); i++) {
            Type t = schema.getType(i);
            if (!t.isPrimitive() || row.getFieldRepetitionCount(i) == 0) {
                continue;
            }
            String name = t.getName();
            PrimitiveType p = t.asPrimitiveType();
            LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
            switch (p.getPrimitiveTypeName()) {
                case INT32 -> o.put(name, row.getInteger(i, 0));
                case INT64 -> o.put(name, row.getLong(i, 0));
                case DOUBLE -> o.put(name, row.getDouble(i, 0));
                case FLOAT -> o.put(name, row.getFloat(i, 0));
                case BOOLEAN -> o.put(name, row.getBoolean(i, 0));
                case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                    if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                            || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                            || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                        o.put(name, row.getString(i, 0));
                    }
                }
                default -> {
                    // INT96 legacy timestamps are not written by Zhili
                }
            }
        }
        return o;
    }
}
