package io.zhili.jobs.hotspots;

import com.carrotsearch.hppc.IntHashSet;
import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.ObjectLongHashMap;
import com.carrotsearch.hppc.ObjectIntHashMap;
import com.carrotsearch.hppc.cursors.IntCursor;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import com.carrotsearch.hppc.cursors.ObjectCursor;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.geojson.AreaIndex;
import io.zhili.geo.geojson.AreaLevel;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.index.NearestComponentIndex;
import io.zhili.geo.table.RejectReason;
import io.zhili.geo.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.InputSelectable;
import org.apache.flink.streaming.api.operators.InputSelection;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The hot path of the hotspot job: joins each case to the component registry and folds it into
 * partial aggregates. Input 1 is the whole registry (broadcast) with the kept row of each duplicated
 * case id ({@link CaseDuplicatesOperator}, partitioned as the cases), read completely first through
 * {@link InputSelectable}; input 2 are the cases, partitioned by case id; a row of a duplicated id other
 * than the kept one is refused, so the same rows are refused whatever the arrival order. Each case is
 * joined by {@code component_id} (it takes the component's location and class), else a COMPONENT case by
 * the nearest component of its subclass within the radius,
 * else it stays unattached; then its H3 cell, areas and local time are computed once and counted into
 * primitive hash maps. Nothing per case is kept; partial sums leave at the end of the input.
 */
final class CaseJoinOperator extends AbstractStreamOperator<CellPartial>
        implements TwoInputStreamOperator<JoinReference, CaseRecord, CellPartial>, InputSelectable, BoundedMultiInput {
    static final OutputTag<RejectRecord> REJECTS = new OutputTag<>("case-join-rejects") {
    };
    static final OutputTag<StudyAreaItem> STUDY_AREA = new OutputTag<>("case-cells") {
    };
    static final OutputTag<CaseEvent> COMPONENT_CASES = new OutputTag<>("component-cases") {
    };
    static final OutputTag<TimeProfilePartial> TIME_PROFILE = new OutputTag<>("time-profile") {
    };
    static final OutputTag<AreaPartial> AREA_SUMMARY = new OutputTag<>("area-summary") {
    };

    /** Asia/Shanghai has kept UTC+8 without daylight saving since 1991. */
    private static final long CITY_OFFSET_MS = 8 * 3_600_000L;
    private static final ClassKind[] KINDS = ClassKind.values();
    private static final AreaLevel[] AREA_LEVELS = {AreaLevel.DISTRICT, AreaLevel.STREET, AreaLevel.GRID};

    private final HotspotOptions options;
    private final Categories categories;
    private final ReferenceData reference;
    private final String[] caseFiles;

    private transient boolean registryDone;
    private transient LongArrayList regIds;
    private transient List<ComponentRecord> registry;
    private transient long[] regCells;
    private transient int[] regDistricts;
    private transient NearestComponentIndex index;
    private transient AreaIndex areas;
    private transient H3Grid h3;
    /** Position ({@link CaseRowId#position}) of the row that keeps each case id occurring more than once. */
    private transient ObjectLongHashMap<String> keptRows;
    private transient LongIntHashMap denseCell;
    private transient LongArrayList cellOfDense;
    private transient LongLongHashMap cellCounts;
    private transient IntIntHashMap periodOfDay;
    private transient IntHashSet periods;
    private transient ObjectIntHashMap<String> areaIds;
    private transient List<String[]> areaOf;
    private transient LongLongHashMap timeProfile;
    private transient LongObjectHashMap<AreaPartial> areaSummary;
    private transient JobCounters counters;
    private transient long busyNanos;
    private final int[] areaSlots = new int[4];
    /** How many of {@link #categorySlots} (ALL, major, minor) each area slot counts. */
    private final int[] areaDepth = new int[4];
    private final int[] categorySlots = new int[3];

    CaseJoinOperator(HotspotOptions options, Categories categories, ReferenceData reference, String[] caseFiles) {
        this.options = options;
        this.categories = categories;
        this.reference = reference;
        this.caseFiles = caseFiles;
    }

    @Override
    public void open() throws Exception {
        super.open();
        registry = new ArrayList<>();
        h3 = H3Grid.get();
        areas = reference.areaIndex();
        keptRows = new ObjectLongHashMap<>();
        denseCell = new LongIntHashMap();
        cellOfDense = new LongArrayList();
        cellCounts = new LongLongHashMap();
        periodOfDay = new IntIntHashMap();
        periods = new IntHashSet();
        areaIds = new ObjectIntHashMap<>();
        areaOf = new ArrayList<>();
        timeProfile = new LongLongHashMap();
        areaSummary = new LongObjectHashMap<>();
        counters = JobCounters.of(getRuntimeContext());
        area("CITY", options.cityCode);
    }

    @Override
    public InputSelection nextSelection() {
        return registryDone ? InputSelection.SECOND : InputSelection.FIRST;
    }

    @Override
    public void processElement1(StreamRecord<JoinReference> element) {
        JoinReference r = element.getValue();
        if (r.component != null) {
            registry.add(r.component);
        } else {
            keptRows.put(r.keptCase.caseId, r.keptCase.position());
        }
    }

    @Override
    public void endInput(int inputId) {
        if (inputId == 1) {
            buildRegistry();
        } else {
            emitPartials();
        }
    }

    private void buildRegistry() {
        long t0 = System.nanoTime();
        // Sorted by id so that positions, and with them nearest-neighbour ties, are the same in every subtask and run.
        registry = sortedById(registry);
        int n = registry.size();
        long[] ids = new long[n];
        int[] minor = new int[n];
        double[] lon = new double[n];
        double[] lat = new double[n];
        regCells = new long[n];
        regDistricts = new int[n];
        for (int i = 0; i < n; i++) {
            ComponentRecord r = registry.get(i);
            ids[i] = r.id;
            minor[i] = r.minorClass;
            lon[i] = r.lon;
            lat[i] = r.lat;
            regCells[i] = r.cell;
            regDistricts[i] = r.district;
        }
        registry = null;
        index = NearestComponentIndex.build(ids, minor, lon, lat);
        registryDone = true;
        counters.addMillis("stage.join_index_ms", t0);
    }

    /**
     * The registry ordered by id. Ids are unique after the registry stage, so each record's place is the
     * rank of its id among the sorted primitive ids: a primitive sort and binary searches instead of a
     * comparator sort of two million objects (which chased a pointer per comparison). Should an id repeat
     * after all, the stable comparator sort decides, as before.
     */
    static List<ComponentRecord> sortedById(List<ComponentRecord> records) {
        int n = records.size();
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = records.get(i).id;
        }
        Arrays.sort(ids);
        ComponentRecord[] byRank = new ComponentRecord[n];
        for (ComponentRecord r : records) {
            int rank = Arrays.binarySearch(ids, r.id);
            if (byRank[rank] != null) {
                List<ComponentRecord> sorted = new ArrayList<>(records);
                sorted.sort((a, b) -> Long.compare(a.id, b.id));
                return sorted;
            }
            byRank[rank] = r;
        }
        return Arrays.asList(byRank);
    }

    @Override
    public void processElement2(StreamRecord<CaseRecord> element) {
        long t0 = System.nanoTime();
        CaseRecord c = element.getValue();
        int kept = keptRows.indexOf(c.caseId);
        if (keptRows.indexExists(kept) && keptRows.indexGet(kept) != CaseRowId.position(c.file, c.row)) {
            reject(c, RejectReason.DUPLICATE_ID, "case_id " + c.caseId + " already on line "
                    + CaseRowId.at(c.caseId, keptRows.indexGet(kept)).row);
            return;
        }
        ClassKind kind = KINDS[c.kind];
        double lon = c.lon;
        double lat = c.lat;
        int minor = c.minorClass;
        long cell;
        int district = c.district;
        int pos = -1;
        if (c.componentId >= 0) {
            pos = index.position(c.componentId);
            if (pos < 0) {
                reject(c, RejectReason.UNKNOWN_COMPONENT, "component_id " + c.componentId + " is not in the registry");
                return;
            }
            counters.add("cases.joined_by_id", 1);
        } else if (kind == ClassKind.COMPONENT) {
            pos = index.nearest(lon, lat, minor, options.nearestRadiusMeters);
            counters.add(pos >= 0 ? "cases.joined_by_nearest" : "cases.unattached", 1);
        } else {
            counters.add("cases.events", 1);
        }
        if (pos >= 0) {
            lon = index.lon(pos);
            lat = index.lat(pos);
            minor = index.minorClass(pos);
            cell = regCells[pos];
            if (regDistricts[pos] > 0) {
                district = regDistricts[pos];
            }
            output.collect(COMPONENT_CASES, new StreamRecord<>(new CaseEvent(index.id(pos), minor, lon, lat, c.reportedAt)));
        } else {
            cell = h3.cell(lon, lat, options.resolution);
        }
        int catMinor = categories.minor(kind, minor);
        int catMajor = categories.majorOf(kind, minor);
        categorySlots[0] = Categories.ALL;
        categorySlots[1] = catMajor;
        categorySlots[2] = catMinor;

        int period = periodOf(c.reportedAt);
        int dense = denseCell.getOrDefault(cell, -1);
        if (dense < 0) {
            dense = cellOfDense.size();
            denseCell.put(cell, dense);
            cellOfDense.add(cell);
        }
        for (int cat : categorySlots) {
            cellCounts.addTo(((long) dense << 28) | ((long) period << 12) | cat, 1);
        }

        int nAreas = areasOf(lon, lat, district);
        long local = c.reportedAt + CITY_OFFSET_MS;
        int hour = (int) Math.floorMod(local / 3_600_000L, 24L);
        int dow = (int) Math.floorMod(Math.floorDiv(local, 86_400_000L) + 3, 7L) + 1;
        int dispatchMin = Timestamps.isPresent(c.dispatchedAt) ? (int) ((c.dispatchedAt - c.reportedAt) / 60_000L) : -1;
        int closeMin = Timestamps.isPresent(c.closedAt) ? (int) ((c.closedAt - c.reportedAt) / 60_000L) : -1;
        for (int a = 0; a < nAreas; a++) {
            long area = areaSlots[a];
            // Category depth by area level: full for the city and districts, majors for streets, ALL for
            // unit grids, so per-area tables stay readable and bounded (see README).
            int depth = areaDepth[a];
            for (int k = 0; k < depth; k++) {
                int cat = categorySlots[k];
                timeProfile.addTo((area << 32) | ((long) cat << 8) | (dow << 5) | hour, 1);
                long key = (area << 32) | ((long) period << 12) | cat;
                AreaPartial s = areaSummary.get(key);
                if (s == null) {
                    String[] idOf = areaOf.get((int) area);
                    s = new AreaPartial(idOf[0], idOf[1], period, cat);
                    areaSummary.put(key, s);
                }
                s.cases++;
                if (closeMin >= 0) {
                    s.closed++;
                    s.addClose(closeMin);
                }
                if (dispatchMin >= 0) {
                    s.addDispatch(dispatchMin);
                }
            }
        }
        busyNanos += System.nanoTime() - t0;
    }

    private void reject(CaseRecord c, RejectReason reason, String detail) {
        counters.add("cases.rejected." + reason.name(), 1);
        output.collect(REJECTS, new StreamRecord<>(new RejectRecord("cases", caseFiles[c.file], c.row, reason.name(), detail, new String(c.raw, StandardCharsets.UTF_8))));
    }

    private int periodOf(long reportedAt) {
        int day = (int) Math.floorDiv(reportedAt + CITY_OFFSET_MS, 86_400_000L);
        int start = periodOfDay.getOrDefault(day, -1);
        if (start < 0) {
            start = options.period.startDay(reportedAt);
            periodOfDay.put(day, start);
            periods.add(start);
        }
        return start;
    }

    /** Fills {@link #areaSlots} with the dense ids of the case's areas (city first); returns how many. */
    private int areasOf(double lon, double lat, int district) {
        int n = 0;
        areaDepth[n] = 3;
        areaSlots[n++] = 0;
        if (areas != null) {
            for (AreaLevel level : AREA_LEVELS) {
                String id = areas.areaAt(level, lon, lat);
                if (id != null) {
                    areaDepth[n] = level == AreaLevel.DISTRICT ? 3 : level == AreaLevel.STREET ? 2 : 1;
                    areaSlots[n++] = area(level.name(), id);
                }
            }
        } else if (district > 0) {
            areaDepth[n] = 3;
            areaSlots[n++] = area(AreaLevel.DISTRICT.name(), Integer.toString(district));
        }
        return n;
    }

    private int area(String level, String id) {
        String key = level + '|' + id;
        int idx = areaIds.getOrDefault(key, -1);
        if (idx < 0) {
            idx = areaOf.size();
            areaIds.put(key, idx);
            areaOf.add(new String[] {level, id});
        }
        return idx;
    }

    private void emitPartials() {
        long t0 = System.nanoTime();
        for (LongLongCursor e : cellCounts) {
            long cell = cellOfDense.get((int) (e.key >>> 28));
            int period = (int) ((e.key >>> 12) & 0xFFFF);
            int cat = (int) (e.key & 0xFFF);
            output.collect(new StreamRecord<>(new CellPartial(cell, period, cat, e.value)));
        }
        for (int i = 0; i < cellOfDense.size(); i++) {
            output.collect(STUDY_AREA, new StreamRecord<>(new StudyAreaItem(cellOfDense.get(i), 0)));
        }
        for (IntCursor p : periods) {
            output.collect(STUDY_AREA, new StreamRecord<>(new StudyAreaItem(0, p.value)));
        }
        for (LongLongCursor e : timeProfile) {
            String[] a = areaOf.get((int) (e.key >>> 32));
            int cat = (int) ((e.key >>> 8) & 0xFFF);
            int dow = (int) ((e.key >>> 5) & 0x7);
            int hour = (int) (e.key & 0x1F);
            output.collect(TIME_PROFILE, new StreamRecord<>(new TimeProfilePartial(a[0], a[1], cat, dow, hour, e.value)));
        }
        for (ObjectCursor<AreaPartial> s : areaSummary.values()) {
            output.collect(AREA_SUMMARY, new StreamRecord<>(s.value.trimmed()));
        }
        busyNanos += System.nanoTime() - t0;
        counters.addMillis("stage.join_aggregate_ms", System.nanoTime() - busyNanos);
        output.collect(JobCounters.COUNTS, new StreamRecord<>(counters.snapshot()));
    }
}
