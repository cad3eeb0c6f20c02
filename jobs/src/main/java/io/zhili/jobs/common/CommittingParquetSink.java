package io.zhili.jobs.common;

import io.zhili.geo.parquet.GeoParquetWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An exactly-once GeoParquet table sink for streaming jobs: a two-phase commit of whole files.
 *
 * <p>Each parallel writer writes rows into a hidden in-progress file ({@code .part-….parquet.inprogress},
 * which DuckDB, Spark and GeoPandas globs skip). At a checkpoint barrier the writer closes the file
 * (pre-commit) and hands it to the committer as a {@link PendingFile}; when the checkpoint has
 * completed the committer renames it to {@code part-….parquet}. After a failure the job restarts from
 * the last completed checkpoint: its committables are committed again (idempotently: a file already
 * renamed counts as committed), and rows written after it are in in-progress files that are never
 * committed and are replayed from the source. A reader therefore sees every row exactly once, in
 * files that appear whole. A bounded run commits its last files at the end of input.
 *
 * <p>One file per writer and checkpoint with rows in it: choose the checkpoint interval for the file
 * size wanted. Unpartitioned tables only (the truck job's tables are small and append-only).
 *
 * <p>The sink object is serializable and immutable; each writer and committer is used by one thread.
 */
public final class CommittingParquetSink<T> implements Sink<T>, SupportsCommitter<CommittingParquetSink.PendingFile> {
    private static final long serialVersionUID = 1L;
    private static final String IN_PROGRESS = ".inprogress";

    private final String tableDir;
    private final RowEncoder<T> encoder;

    public CommittingParquetSink(Path tableDir, RowEncoder<T> encoder) {
        if (encoder.partitionColumn() != null) {
            throw new IllegalArgumentException("CommittingParquetSink writes unpartitioned tables only");
        }
        this.tableDir = tableDir.toAbsolutePath().toString();
        this.encoder = encoder;
    }

    @Override
    public CommittingSinkWriter<T, PendingFile> createWriter(WriterInitContext context) throws IOException {
        Path dir = Path.of(tableDir);
        Files.createDirectories(dir);
        // Unique across subtasks, attempts and restarts from savepoints of earlier jobs.
        String writerId = String.format("%05d-%s", context.getTaskInfo().getIndexOfThisSubtask(),
                UUID.randomUUID().toString().substring(0, 8));
        return new Writer<>(dir, writerId, encoder);
    }

    @Override
    public Committer<PendingFile> createCommitter(CommitterInitContext context) {
        return new FileCommitter();
    }

    @Override
    public SimpleVersionedSerializer<PendingFile> getCommittableSerializer() {
        return new PendingFileSerializer();
    }

    /** A closed in-progress file and the name it is published under. */
    public record PendingFile(String inProgress, String published) {
    }

    private static final class Writer<T> implements CommittingSinkWriter<T, PendingFile> {
        private final Path dir;
        private final String writerId;
        private final RowEncoder<T> encoder;
        private GeoParquetWriter current;
        private Path currentPath;
        private long sequence;

        Writer(Path dir, String writerId, RowEncoder<T> encoder) {
            this.dir = dir;
            this.writerId = writerId;
            this.encoder = encoder;
        }

        @Override
        public void write(T row, Context context) throws IOException {
            if (current == null) {
                currentPath = dir.resolve(".part-" + writerId + "-" + String.format("%05d", sequence++) + ".parquet"
                        + IN_PROGRESS);
                current = GeoParquetWriter.open(currentPath, encoder.schema());
            }
            current.write(encoder.values(row));
        }

        @Override
        public void flush(boolean endOfInput) {
            // Files are closed in prepareCommit, which follows every flush at a barrier or the end of input.
        }

        @Override
        public Collection<PendingFile> prepareCommit() throws IOException {
            if (current == null) {
                return List.of();
            }
            current.close();
            current = null;
            String name = currentPath.getFileName().toString();
            String published = name.substring(1, name.length() - IN_PROGRESS.length());
            return List.of(new PendingFile(currentPath.toString(), dir.resolve(published).toString()));
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                // Rows after the last checkpoint of a failed attempt: never committed, replayed after restore.
                try {
                    current.close();
                } finally {
                    Files.deleteIfExists(currentPath);
                    current = null;
                }
            }
        }
    }

    private static final class FileCommitter implements Committer<PendingFile> {
        @Override
        public void commit(Collection<CommitRequest<PendingFile>> requests) throws IOException {
            for (CommitRequest<PendingFile> request : requests) {
                Path from = Path.of(request.getCommittable().inProgress());
                Path to = Path.of(request.getCommittable().published());
                if (Files.exists(from)) {
                    try {
                        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(from, to);
                    }
                } else if (Files.exists(to)) {
                    request.signalAlreadyCommitted();
                } else {
                    request.signalFailedWithKnownReason(new IOException(
                            "in-progress file " + from + " vanished before it was committed"));
                }
            }
        }

        @Override
        public void close() {
        }
    }

    private static final class PendingFileSerializer implements SimpleVersionedSerializer<PendingFile> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(PendingFile f) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(f.inProgress());
                out.writeUTF(f.published());
            }
            return bytes.toByteArray();
        }

        @Override
        public PendingFile deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown committable version " + version);
            }
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(serialized))) {
                return new PendingFile(in.readUTF(), in.readUTF());
            }
        }
    }
}
