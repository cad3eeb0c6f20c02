package io.zhili.geo.parquet;

import com.github.luben.zstd.Zstd;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression without Hadoop: parquet-hadoop's own {@code CodecFactory} instantiates
 * Hadoop {@code CompressionCodec}s through a Hadoop {@code Configuration} and {@code CodecPool},
 * which drags in woodstox, commons-collections and Hadoop's shaded Guava at runtime. This factory
 * calls the compression libraries parquet-hadoop already depends on directly: snappy-java (SNAPPY),
 * zstd-jni (ZSTD), aircompressor (LZ4_RAW) and the JDK (GZIP).
 *
 * <p>UNCOMPRESSED, SNAPPY, GZIP, ZSTD and LZ4_RAW are supported for reading and writing; LZO, BROTLI
 * and the deprecated Hadoop-framed LZ4 are refused with an {@link UnsupportedOperationException}
 * naming the codec. Stateless and thread-safe; {@link #INSTANCE} may be shared by every reader and
 * writer.
 */
public final class ParquetCodecs implements CompressionCodecFactory {
    /** The shared instance. */
    public static final ParquetCodecs INSTANCE = new ParquetCodecs();

    /** zstd's default level; what DuckDB and parquet-java use unless told otherwise. */
    private static final int ZSTD_LEVEL = 3;

    private ParquetCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        checkSupported(codec);
        return new Compressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        checkSupported(codec);
        return new Decompressor(codec);
    }

    @Override
    public void release() {
        // Nothing pooled: each call allocates what it needs.
    }

    private static void checkSupported(CompressionCodecName codec) {
        switch (codec) {
            case UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW -> { }
            default -> throw new UnsupportedOperationException("Parquet compression " + codec
                    + " is not supported (use SNAPPY, ZSTD, GZIP, LZ4_RAW or UNCOMPRESSED)");
        }
    }

    static byte[] compress(CompressionCodecName codec, byte[] in) throws IOException {
        return switch (codec) {
            case UNCOMPRESSED -> in;
            case SNAPPY -> Snappy.compress(in);
            case ZSTD -> Zstd.compress(in, ZSTD_LEVEL);
            case GZIP -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(in);
                }
                yield out.toByteArray();
            }
            case LZ4_RAW -> {
                Lz4Compressor lz4 = new Lz4Compressor();
                byte[] out = new byte[lz4.maxCompressedLength(in.length)];
                int n = lz4.compress(in, 0, in.length, out, 0, out.length);
                yield Arrays.copyOf(out, n);
            }
            default -> throw new UnsupportedOperationException("Parquet compression " + codec + " is not supported");
        };
    }

    static byte[] decompress(CompressionCodecName codec, byte[] in, int uncompressedSize) throws IOException {
        byte[] out;
        int n;
        switch (codec) {
            case UNCOMPRESSED -> {
                return in;
            }
            case SNAPPY -> {
                out = new byte[uncompressedSize];
                n = Snappy.uncompress(in, 0, in.length, out, 0);
            }
            case ZSTD -> {
                out = new byte[uncompressedSize];
                long r = Zstd.decompress(out, in);
                if (Zstd.isError(r)) {
                    throw new IOException("ZSTD page does not decompress: " + Zstd.getErrorName(r));
                }
                n = (int) r;
            }
            case GZIP -> {
                out = new byte[uncompressedSize];
                try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
                    n = gz.readNBytes(out, 0, uncompressedSize);
                }
            }
            case LZ4_RAW -> {
                out = new byte[uncompressedSize];
                n = new Lz4Decompressor().decompress(in, 0, in.length, out, 0, out.length);
            }
            default -> throw new UnsupportedOperationException("Parquet compression " + codec + " is not supported");
        }
        if (n != uncompressedSize) {
            throw new IOException(codec + " page decompressed to " + n + " bytes, the page header says "
                    + uncompressedSize);
        }
        return out;
    }

    private record Compressor(CompressionCodecName codec) implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return BytesInput.from(ParquetCodecs.compress(codec, bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }

    private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(ParquetCodecs.decompress(codec, bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.duplicate().get(in);
            output.put(ParquetCodecs.decompress(codec, in, uncompressedSize));
        }

        @Override
        public void release() {
        }
    }
}
