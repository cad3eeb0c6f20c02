package io.zhili.jobs.live;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.geojson.AreaIndex;
import io.zhili.geo.index.NearestComponentIndex;
import io.zhili.geo.table.RejectReason;
import io.zhili.geo.table.TableFiles;
import io.zhili.geo.table.TableReader;
import io.zhili.jobs.hotspots.ComponentParser;
import io.zhili.jobs.hotspots.ComponentRecord;
import io.zhili.jobs.hotspots.HotspotOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The component registry of the live job, held in memory: every valid row of {@code --components}
 * (validated by the batch job's {@link ComponentParser}; the first row of a repeated id wins) in a
 * {@link NearestComponentIndex} (id lookup and nearest same-class component) plus each component's
 * district code. Primitive arrays only: about 66 bytes per component (measured in docs/BENCHMARKS.md,
 * "Live job"). Immutable and thread-safe once loaded.
 */
public final class ComponentRegistry {
    private final NearestComponentIndex index;
    private final int[] districts;
    private final long read;
    private final Map<String, Long> rejected;

    private ComponentRegistry(NearestComponentIndex index, int[] districts, long read, Map<String, Long> rejected) {
        this.index = index;
        this.districts = districts;
        this.read = read;
        this.rejected = rejected;
    }

    /**
     * Reads and validates every data file of {@code path} (a CSV or Parquet file or a directory of them).
     *
     * @throws io.zhili.geo.table.TableInputException when a file cannot be read
     * @throws IllegalArgumentException when a file lacks a contract column
     */
    public static ComponentRegistry load(Path path, ClassCatalog catalog, HotspotOptions options, AreaIndex areas) {
        List<ComponentRecord> rows = new ArrayList<>();
        Map<String, Long> rejected = new TreeMap<>();
        long read = 0;
        for (Path file : TableFiles.list(path)) {
            try (TableReader reader = TableReader.open(file)) {
                ComponentParser parser = new ComponentParser(reader.columns(), catalog, options, areas);
                String[] fields = new String[reader.columns().size()];
                while (reader.next()) {
                    read++;
                    if (!reader.wellFormed()) {
                        rejected.merge(RejectReason.MALFORMED_ROW.name(), 1L, Long::sum);
                        continue;
                    }
                    for (int i = 0; i < fields.length; i++) {
                        fields[i] = reader.get(i);
                    }
                    ComponentRecord r = parser.parse(fields);
                    if (r == null) {
                        rejected.merge(parser.reason(), 1L, Long::sum);
                    } else {
                        r.file = 0;
                        r.row = rows.size();
                        rows.add(r);
                    }
                }
            }
        }
        // Sorted by id (then input order) so positions, and nearest-neighbour ties, are the same in every JVM.
        rows.sort((a, b) -> a.id != b.id ? Long.compare(a.id, b.id) : Long.compare(a.row, b.row));
        int n = 0;
        long[] ids = new long[rows.size()];
        int[] minor = new int[rows.size()];
        double[] lon = new double[rows.size()];
        double[] lat = new double[rows.size()];
        int[] districts = new int[rows.size()];
        for (ComponentRecord r : rows) {
            if (n > 0 && ids[n - 1] == r.id) {
                rejected.merge(RejectReason.DUPLICATE_ID.name(), 1L, Long::sum);
                continue;
            }
            ids[n] = r.id;
            minor[n] = r.minorClass;
            lon[n] = r.lon;
            lat[n] = r.lat;
            districts[n] = r.district;
            n++;
        }
        rows.clear();
        NearestComponentIndex index = NearestComponentIndex.build(Arrays.copyOf(ids, n), Arrays.copyOf(minor, n),
                Arrays.copyOf(lon, n), Arrays.copyOf(lat, n));
        return new ComponentRegistry(index, Arrays.copyOf(districts, n), read, rejected);
    }

    public NearestComponentIndex index() {
        return index;
    }

    /** The district code of the component at {@code pos}, 0 when the row had none. */
    public int district(int pos) {
        return districts[pos];
    }

    public int size() {
        return index.size();
    }

    /** Rows read, accepted and rejected by reason, for {@code run.json}. */
    public Map<String, Object> counts() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("read", read);
        c.put("accepted", (long) size());
        c.put("rejected", rejected.values().stream().mapToLong(Long::longValue).sum());
        c.put("rejected_by_reason", new LinkedHashMap<>(rejected));
        return c;
    }
}
