package io.zhili.jobs.common;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a text file as one {@code byte[]} per line, without decoding characters: the raw payload a
 * record decoder parses in place (the same type a Kafka value arrives as). Lines end at {@code \n};
 * a trailing {@code \r} is removed; an empty last line after the final newline is not a record.
 * Empty lines in the middle are records (a decoder rejects them with a reason).
 *
 * <p>Files are read whole by one reader (not split); a restored reader skips the records already
 * emitted, which the file source does for {@link SimpleStreamFormat}s. Readers are not thread-safe.
 */
public final class LineBytesFormat extends SimpleStreamFormat<byte[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public Reader<byte[]> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader(stream);
    }

    @Override
    public TypeInformation<byte[]> getProducedType() {
        return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    }

    private static final class LineReader implements Reader<byte[]> {
        private final FSDataInputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private boolean eof;
        private byte[] line = new byte[256];

        LineReader(FSDataInputStream in) {
            this.in = in;
        }

        @Override
        public byte[] read() throws IOException {
            int len = 0;
            while (true) {
                if (pos == limit) {
                    if (eof || !fill()) {
                        return len == 0 ? null : finish(len);
                    }
                }
                int start = pos;
                while (pos < limit && buf[pos] != '\n') {
                    pos++;
                }
                int n = pos - start;
                if (len + n > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, len + n));
                }
                System.arraycopy(buf, start, line, len, n);
                len += n;
                if (pos < limit) {
                    pos++; // the newline
                    return finish(len);
                }
            }
        }

        private byte[] finish(int len) {
            if (len > 0 && line[len - 1] == '\r') {
                len--;
            }
            return Arrays.copyOf(line, len);
        }

        private boolean fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
