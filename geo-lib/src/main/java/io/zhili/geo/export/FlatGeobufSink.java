package io.zhili.geo.export;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.wololo.flatgeobuf.ColumnMeta;
import org.wololo.flatgeobuf.Constants;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Feature;

/**
 * Writes a FlatGeobuf file with the format's reference Java implementation ({@code org.wololo:flatgeobuf}:
 * header and geometry encoding): magic bytes, the header (name, geometry type, CRS, extent, feature count,
 * columns) and the size-prefixed features, without the optional spatial index. Features go to a
 * temporary file first because the header, written before them, holds their count and extent.
 * Not thread-safe.
 */
final class FlatGeobufSink implements FeatureSink {
    private final Path file;
    private final Path body;
    private final OutputStream bodyOut;
    private final String name;
    private final List<ExportColumn> columns;
    /** FlatGeobuf column index of each table column, -1 for the geometry. */
    private final int[] columnIndex;
    private final byte geometryType;
    private final int srid;
    private final Envelope extent = new Envelope();
    private final FlatBufferBuilder builder = new FlatBufferBuilder(1024);
    private final ByteArrayOutputStream properties = new ByteArrayOutputStream();
    private long count;

    FlatGeobufSink(Path file, String name, List<ExportColumn> columns, byte geometryType, int srid) throws IOException {
        this.file = file;
        this.name = name;
        this.columns = columns;
        this.geometryType = geometryType;
        this.srid = srid;
        this.columnIndex = new int[columns.size()];
        int next = 0;
        for (int i = 0; i < columns.size(); i++) {
            columnIndex[i] = columns.get(i).kind() == ExportColumn.Kind.GEOMETRY ? -1 : next++;
        }
        this.body = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".features");
        this.bodyOut = new BufferedOutputStream(Files.newOutputStream(body), 1 << 16);
    }

    private static byte columnType(ExportColumn.Kind kind) {
        return (byte) switch (kind) {
            case INT -> ColumnType.Int;
            case LONG -> ColumnType.Long;
            case DOUBLE -> ColumnType.Double;
            case BOOLEAN -> ColumnType.Bool;
            case TIMESTAMP -> ColumnType.DateTime;
            case BINARY -> ColumnType.Binary;
            case TEXT, DATE, GEOMETRY -> ColumnType.String;
        };
    }

    @Override
    public void write(Object[] values, Geometry geometry, byte[] wkb) throws IOException {
        properties.reset();
        for (int i = 0; i < columns.size(); i++) {
            Object v = values[i];
            if (columnIndex[i] < 0 || v == null) {
                continue;
            }
            writeShort(columnIndex[i]);
            if (v instanceof Integer n) {
                writeInt(n);
            } else if (v instanceof Long n) {
                writeLong(n);
            } else if (v instanceof Double d) {
                writeLong(Double.doubleToRawLongBits(d));
            } else if (v instanceof Boolean b) {
                properties.write(b ? 1 : 0);
            } else if (v instanceof byte[] bytes) {
                writeInt(bytes.length);
                properties.write(bytes);
            } else {
                String text = v instanceof Instant t ? TableExport.isoMillis(t) : v instanceof LocalDate d ? d.toString() : v.toString();
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                writeInt(utf8.length);
                properties.write(utf8);
            }
        }
        builder.clear();
        int geometryOffset = 0;
        if (geometry != null) {
            geometryOffset = GeometryConversions.serialize(builder, geometry, geometryType);
            if (!geometry.isEmpty()) {
                extent.expandToInclude(geometry.getEnvelopeInternal());
            }
        }
        int propertiesOffset = properties.size() == 0 ? 0 : Feature.createPropertiesVector(builder, properties.toByteArray());
        int feature = Feature.createFeature(builder, geometryOffset, propertiesOffset, 0);
        builder.finishSizePrefixed(feature);
        ByteBuffer data = builder.dataBuffer();
        bodyOut.write(data.array(), data.position(), data.remaining());
        count++;
    }

    private void writeShort(int v) {
        properties.write(v & 0xFF);
        properties.write((v >>> 8) & 0xFF);
    }

    private void writeInt(int v) {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v);
        properties.write(b.array(), 0, 4);
    }

    private void writeLong(long v) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
        properties.write(b.array(), 0, 8);
    }

    @Override
    public void finish() throws IOException {
        bodyOut.close();
        HeaderMeta header = new HeaderMeta();
        header.name = name;
        header.geometryType = geometryType;
        header.srid = srid;
        header.envelope = extent.isNull() ? null : extent;
        header.featuresCount = count;
        header.indexNodeSize = 0;
        List<ColumnMeta> metas = new ArrayList<>();
        for (ExportColumn c : columns) {
            if (c.kind() == ExportColumn.Kind.GEOMETRY) {
                continue;
            }
            ColumnMeta m = new ColumnMeta();
            m.name = c.name();
            m.type = columnType(c.kind());
            m.nullable = c.nullable();
            m.width = -1;
            m.precision = -1;
            m.scale = -1;
            metas.add(m);
        }
        header.columns = metas;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(Constants.MAGIC_BYTES);
            HeaderMeta.write(header, out, new FlatBufferBuilder(4096));
            Files.copy(body, out);
        }
        Files.deleteIfExists(body);
    }

    @Override
    public void close() throws IOException {
        bodyOut.close();
        Files.deleteIfExists(body);
    }
}
