package io.zhili.jobs.tiles;

import com.carrotsearch.hppc.LongHashSet;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.parquet.ParquetCodecs;
import io.zhili.geo.stats.HotClass;
import io.zhili.geo.tiles.HexLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads one selection of the hotspot job's {@code hotspot_cells/} table (Hive-partitioned GeoParquet,
 * {@code hotspot_cells/period=LABEL/*.parquet}) into one {@link HexLayer} per H3 resolution: the rows of
 * one period, one category and one kind.
 *
 * <p>Only the columns the tiles need are read ({@code h3, h3_res, category, kind, cases, components,
 * rate, gi_z, gi_p, hot_class}); the WKB geometry is not, because the hexagon is exactly the H3 cell's
 * outline. A table without a {@code kind} column counts every row as kind {@code ALL}. Rows that cannot be
 * used (an invalid H3 address, an {@code h3_res} that is not the cell's resolution, an unknown
 * {@code hot_class}, a cell repeated in the selection) are not drawn and are counted by reason in
 * {@link Selection#rejected()}.
 *
 * <p>Stateless; each call reads its own files, so calls may run in parallel.
 */
public final class HotspotCellsReader {
    /** The table's folder under a hotspots output directory. */
    public static final String TABLE = "hotspot_cells";
    /** The partition column of the table's folders. */
    public static final String PARTITION = "period";

    private static final String[] REQUIRED = {"h3", "h3_res", "category", "cases", "components", "gi_z", "gi_p", "hot_class"};
    private static final String[] OPTIONAL = {"kind", "rate"};

    private HotspotCellsReader() {
    }

    /**
     * The rows of one selection, as layers by resolution, with counts.
     *
     * @param layers H3 resolution → cells of that resolution (ascending resolution)
     * @param rowsRead every row of the period's files
     * @param rowsSelected rows of the requested category and kind
     * @param rejected reason → rows of the selection not drawn
     * @param kindsOfCategory the kinds the requested category has rows of (sorted), for hints when the
     *                        requested kind has none
     */
    public record Selection(String period, String category, String kind, Map<Integer, HexLayer> layers,
            long rowsRead, long rowsSelected, Map<String, Long> rejected, List<String> kindsOfCategory) {
        /** Number of cells over all resolutions. */
        public int cells() {
            return layers.values().stream().mapToInt(HexLayer::size).sum();
        }
    }

    /** The table's folder, checked to exist. */
    public static Path tableDir(Path hotspotsDir) {
        Path table = hotspotsDir.resolve(TABLE);
        if (!Files.isDirectory(table)) {
            throw new IllegalArgumentException(hotspotsDir + " has no " + TABLE + "/ folder (is it the --out of zhili hotspots?)");
        }
        return table;
    }

    /**
     * The period labels of the table's partitions, in ascending order (the labels the hotspot job writes,
     * {@code 2025-03}, {@code 2025-W10} or {@code 2025-03-05}, sort in time order).
     *
     * @throws IllegalArgumentException when the table folder is missing or has no partitions
     */
    public static List<String> periods(Path hotspotsDir) {
        Path table = tableDir(hotspotsDir);
        List<String> labels = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(table)) {
            dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(PARTITION + "=")).map(n -> n.substring(PARTITION.length() + 1))
                    .sorted().forEach(labels::add);
        } catch (IOException e) {
            throw new UncheckedIOException(table + ": cannot list partitions", e);
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException(table + " has no " + PARTITION + "=… partitions");
        }
        return labels;
    }

    /**
     * Reads the rows of {@code period}, {@code category} and {@code kind}.
     *
     * @throws IllegalArgumentException when the period has no partition or a file lacks a required column
     * @throws UncheckedIOException     when a file cannot be read
     */
    public static Selection read(Path hotspotsDir, String period, String category, String kind) {
        Path dir = tableDir(hotspotsDir).resolve(PARTITION + "=" + period);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("period '" + period + "' is not in " + tableDir(hotspotsDir)
                    + " (periods: " + String.join(", ", periods(hotspotsDir)) + ")");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list files", e);
        }
        Collector collector = new Collector(category, kind);
        for (Path file : files) {
            readFile(file, collector);
        }
        Map<Integer, HexLayer> layers = new TreeMap<>();
        collector.builders.forEach((res, b) -> layers.put(res, b.build()));
        return new Selection(period, category, kind, layers, collector.rowsRead, collector.rowsSelected,
                new TreeMap<>(collector.rejected), List.copyOf(new java.util.TreeSet<>(collector.kindsOfCategory)));
    }

    private static void readFile(Path file, Collector collector) {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            List<Type> projected = new ArrayList<>();
            for (String name : REQUIRED) {
                if (!fileSchema.containsField(name)) {
                    throw new IllegalArgumentException(file + ": column '" + name + "' is missing (not a hotspot_cells file?)");
                }
                projected.add(fileSchema.getType(name));
            }
            for (String name : OPTIONAL) {
                if (fileSchema.containsField(name)) {
                    projected.add(fileSchema.getType(name));
                }
            }
            MessageType projection = new MessageType(fileSchema.getName(), projected);
            reader.setRequestedSchema(projection);
            MessageColumnIO columnIO = new ColumnIOFactory().getColumnIO(projection, fileSchema);
            RowMaterializer materializer = new RowMaterializer(projection, collector);
            PageReadStore group;
            while ((group = reader.readNextRowGroup()) != null) {
                RecordReader<Row> rows = columnIO.getRecordReader(group, materializer);
                for (long r = 0, n = group.getRowCount(); r < n; r++) {
                    collector.accept(rows.read());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not a readable Parquet file: " + e.getMessage(), e);
        }
    }

    /** One row's values; reused for every row. */
    static final class Row {
        Binary h3;
        long h3Res;
        Binary category;
        Binary kind;
        long cases;
        long components;
        double rate;
        double giZ;
        double giP;
        Binary hotClass;

        void clear() {
            h3 = null;
            category = null;
            kind = null;
            hotClass = null;
            h3Res = -1;
            cases = 0;
            components = 0;
            rate = Double.NaN;
            giZ = Double.NaN;
            giP = Double.NaN;
        }
    }

    /** Selects rows and builds the layers; category and kind are compared as bytes, so unselected rows decode nothing. */
    private static final class Collector {
        private final H3Grid h3 = H3Grid.get();
        private final Binary category;
        private final Binary kind;
        private final Binary all = Binary.fromString("ALL");
        private final Map<Integer, HexLayer.Builder> builders = new TreeMap<>();
        private final LongHashSet seen = new LongHashSet();
        private final Map<String, Long> rejected = new TreeMap<>();
        private final Set<String> kindsOfCategory = new HashSet<>();
        private long rowsRead;
        private long rowsSelected;

        Collector(String category, String kind) {
            this.category = Binary.fromString(category);
            this.kind = Binary.fromString(kind);
        }

        void accept(Row row) {
            rowsRead++;
            if (row.category == null || !row.category.equals(category)) {
                return;
            }
            Binary rowKind = row.kind == null ? all : row.kind;
            if (!rowKind.equals(kind)) {
                if (kindsOfCategory.size() < 3) {
                    kindsOfCategory.add(rowKind.toStringUsingUTF8());
                }
                return;
            }
            rowsSelected++;
            if (row.h3 == null) {
                reject("h3 is null");
                return;
            }
            long cell;
            try {
                cell = h3.parse(row.h3.toStringUsingUTF8());
            } catch (IllegalArgumentException e) {
                reject("h3 is not a valid H3 cell address");
                return;
            }
            int res = h3.resolution(cell);
            if (row.h3Res != res) {
                reject("h3_res does not match the cell's resolution");
                return;
            }
            HotClass hot;
            try {
                hot = HotClass.valueOf(row.hotClass == null ? "" : row.hotClass.toStringUsingUTF8());
            } catch (IllegalArgumentException e) {
                reject("hot_class is not one of HOT_99 … COLD_99, NOT_SIGNIFICANT");
                return;
            }
            if (!seen.add(cell)) {
                reject("cell repeated in the selection");
                return;
            }
            builders.computeIfAbsent(res, r -> HexLayer.builder())
                    .add(cell, row.cases, row.components, row.rate, row.giZ, row.giP, hot);
        }

        private void reject(String reason) {
            rejected.merge(reason, 1L, Long::sum);
        }
    }

    private static final class RowMaterializer extends RecordMaterializer<Row> {
        private final Row row = new Row();
        private final GroupConverter root;

        RowMaterializer(MessageType projection, Collector collector) {
            Converter[] converters = new Converter[projection.getFieldCount()];
            for (int i = 0; i < converters.length; i++) {
                converters[i] = converter(projection.getFieldName(i));
            }
            root = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return converters[fieldIndex];
                }

                @Override
                public void start() {
                    row.clear();
                }

                @Override
                public void end() {
                }
            };
        }

        private PrimitiveConverter converter(String name) {
            switch (name) {
                case "h3": return binary(v -> row.h3 = v);
                case "category": return binary(v -> row.category = v);
                case "kind": return binary(v -> row.kind = v);
                case "hot_class": return binary(v -> row.hotClass = v);
                case "h3_res": return integer(v -> row.h3Res = v);
                case "cases": return integer(v -> row.cases = v);
                case "components": return integer(v -> row.components = v);
                case "rate": return real(v -> row.rate = v);
                case "gi_z": return real(v -> row.giZ = v);
                case "gi_p": return real(v -> row.giP = v);
                default: throw new IllegalStateException("unexpected column " + name);
            }
        }

        private static PrimitiveConverter binary(java.util.function.Consumer<Binary> sink) {
            return new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    // Copy: the reader may reuse the bytes behind a Binary for the next value.
                    sink.accept(value.copy());
                }
            };
        }

        private static PrimitiveConverter integer(java.util.function.LongConsumer sink) {
            return new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    sink.accept(value);
                }

                @Override
                public void addLong(long value) {
                    sink.accept(value);
                }
            };
        }

        private static PrimitiveConverter real(java.util.function.DoubleConsumer sink) {
            return new PrimitiveConverter() {
                @Override
                public void addDouble(double value) {
                    sink.accept(value);
                }

                @Override
                public void addFloat(float value) {
                    sink.accept(value);
                }
            };
        }

        @Override
        public Row getCurrentRecord() {
            return row;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }
}
