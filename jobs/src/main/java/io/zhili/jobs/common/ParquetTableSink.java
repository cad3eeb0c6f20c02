package io.zhili.jobs.common;

import io.zhili.geo.parquet.PartitionedTableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A bounded-job sink that writes one GeoParquet table under a directory: each parallel writer writes
 * its own part files (Hive partitions when the encoder names a partition column). Files appear in a
 * staging directory of the run; the run publishes them only after the whole job succeeded, so readers
 * never see a partial table.
 *
 * <p>Retries: a writer's files are named by subtask and attempt ({@code part-SSSSS-A-NNNNN.parquet}),
 * and a writer that reached the end of its input leaves a marker {@code .finished-SSSSS-A} when it has
 * closed its files. A failed attempt closes its files too (Flink closes operators on failure), so a
 * retried task's table holds both attempts' files; {@link #keepFinishedAttempts} (called by
 * {@link RunDirectory} before it publishes) keeps only the files of each writer's last finished attempt.
 */
public final class ParquetTableSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final String tableDir;
    private final RowEncoder<T> encoder;

    private static final String FINISHED = ".finished-";
    private static final Pattern PART =
            Pattern.compile("part-(\\d{5})-(\\d+)-\\d{5}\\.parquet");

    public ParquetTableSink(Path tableDir, RowEncoder<T> encoder) {
        this.tableDir = tableDir.toAbsolutePath().toString();
        this.encoder = encoder;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        String writerId = String.format("%05d-%d", context.getTaskInfo().getIndexOfThisSubtask(),
                context.getTaskInfo().getAttemptNumber());
        Path finishedMarker = Path.of(tableDir, FINISHED + writerId);
        PartitionedTableWriter writer = PartitionedTableWriter.open(Path.of(tableDir), encoder.partitionColumn(),
                encoder.schema(), writerId);
        return new SinkWriter<>() {
            private boolean endOfInput;

            @Override
            public void write(T row, Context ctx) throws IOException {
                writer.write(encoder.partitionColumn() == null ? null : encoder.partition(row), encoder.values(row));
            }

            @Override
            public void flush(boolean endOfInput) {
                // Parquet files are complete only when closed; a bounded run closes them at the end.
                this.endOfInput |= endOfInput;
            }

            @Override
            public void close() throws Exception {
                writer.close();
                if (endOfInput) {
                    // Only now are this attempt's files whole; a failed attempt never gets here with endOfInput.
                    Files.createDirectories(finishedMarker.getParent());
                    Files.writeString(finishedMarker, "");
                }
            }
        };
    }

    /**
     * In every table directory under {@code root} with finished markers: deletes the part files of
     * attempts other than each writer's last finished one, then the markers. Directories without markers
     * (tables of other sinks) are left alone.
     *
     * @throws IllegalStateException when part files belong to a writer that never finished (the job did not
     *                               succeed; nothing is deleted then)
     */
    public static void keepFinishedAttempts(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> markers;
        try (var files = Files.walk(root)) {
            markers = files.filter(p -> p.getFileName().toString().startsWith(FINISHED)).toList();
        }
        Map<Path, Map<String, Integer>> finishedByTable = new HashMap<>();
        for (Path marker : markers) {
            String[] id = marker.getFileName().toString().substring(FINISHED.length()).split("-");
            finishedByTable.computeIfAbsent(marker.getParent(), t -> new HashMap<>())
                    .merge(id[0], Integer.parseInt(id[1]), Math::max);
        }
        List<Path> stale = new ArrayList<>();
        for (Map.Entry<Path, Map<String, Integer>> table : finishedByTable.entrySet()) {
            try (var files = Files.walk(table.getKey())) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Matcher m = PART.matcher(file.getFileName().toString());
                    if (!m.matches()) {
                        continue;
                    }
                    Integer finished = table.getValue().get(m.group(1));
                    if (finished == null) {
                        throw new IllegalStateException("writer " + m.group(1) + " of " + table.getKey()
                                + " never finished: the run is incomplete");
                    }
                    if (Integer.parseInt(m.group(2)) != finished) {
                        stale.add(file);
                    }
                }
            }
        }
        for (Path file : stale) {
            Files.delete(file);
        }
        for (Path marker : markers) {
            Files.delete(marker);
        }
    }
}
