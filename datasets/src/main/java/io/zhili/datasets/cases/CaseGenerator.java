package io.zhili.datasets.cases;

import io.zhili.datasets.Scale;
import io.zhili.datasets.city.CityLayout;
import io.zhili.datasets.components.ComponentProfile;
import io.zhili.datasets.components.ComponentRegistry;
import io.zhili.datasets.sampling.AliasTable;
import io.zhili.datasets.sampling.Allocation;
import io.zhili.datasets.sampling.Seeds;
import io.zhili.datasets.truth.DirtyRates;
import io.zhili.datasets.truth.DirtyValues;
import io.zhili.datasets.truth.HotspotPlan;
import io.zhili.datasets.truth.PlantedHotspot;
import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.crs.Distances;
import io.zhili.geo.crs.Gcj02;
import io.zhili.geo.table.RejectReason;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates the cases of one year (2025), one day at a time: exactly {@link Scale#cases()} rows over the
 * year, with the diurnal, weekly and seasonal rhythm of each {@link CaseSource}, component faults on
 * registered components (fragile ones repeatedly) and events along the street network, planted hotspots,
 * a realistic lifecycle (99.47 % of the clean cases closed, open ones mostly from the last weeks of
 * December), and the planted dirty rows of {@link DirtyRates#CASES}.
 *
 * <p>A day's rows are sorted by {@code reported_at} and numbered {@code QD<yyyyMMdd><6-digit sequence>};
 * a duplicate row repeats an earlier row of the same day verbatim a few rows later. Each day draws from
 * its own random stream, so days can be generated in parallel in any order with identical results.
 *
 * <p>Thread-safe after construction: {@link #day(int)} may be called concurrently.
 */
public final class CaseGenerator {
    /** Share of clean cases that are closed. */
    public static final double CLOSED_SHARE = 0.9947;
    /** Share of component cases that carry their component's id. */
    public static final double WITH_ID_SHARE = 0.8;
    private static final double FRAGILE_PICK = 0.3;
    private static final Set<String> SENSOR_COMPONENTS = Set.of("0101", "0102", "0103", "0104", "0105", "0106",
            "0107", "0110", "0111", "0114", "0118", "0305", "0606");

    private final long seed;
    private final CityLayout layout;
    private final ComponentRegistry registry;
    private final ComponentProfile components;
    private final EventProfile events;
    private final ClassCatalog catalog;
    private final HotspotPlan plan;
    private final int[] background;
    private final int[][] dirtyPerDay;
    private final int[] openPerDay;
    private final AliasTable[] sourceOfDay;
    private final AliasTable[] hourOfSource;
    private final AliasTable[][] eventOfSourceMonth;
    private final AliasTable[] componentOfMonth;
    private final AliasTable[] sensorComponentOfMonth;
    private final AliasTable eventDistrict;
    private final String[] eventCodes;
    private final Urgency[] eventUrgency;
    private final Urgency[] componentUrgency;

    public CaseGenerator(Scale scale, long seed, CityLayout layout, ComponentRegistry registry, ClassCatalog catalog,
                         HotspotPlan plan) {
        this.seed = seed;
        this.layout = layout;
        this.registry = registry;
        this.components = registry.profile();
        this.events = EventProfile.forCatalog(catalog);
        this.catalog = catalog;
        this.plan = plan;
        CaseCalendar calendar = new CaseCalendar();

        long planted = plan.total();
        long backgroundTotal = scale.cases() - planted;
        if (backgroundTotal <= 0) {
            throw new IllegalStateException("planted hotspot cases (" + planted + ") exceed the scale's cases");
        }
        this.background = calendar.casesPerDay(backgroundTotal);
        long[] sizes = new long[CaseCalendar.DAYS];
        for (int d = 0; d < sizes.length; d++) {
            sizes[d] = background[d];
        }
        RejectReason[] reasons = RejectReason.values();
        this.dirtyPerDay = new int[reasons.length][];
        long dirtyTotal = 0;
        for (RejectReason reason : reasons) {
            int count = DirtyRates.count(DirtyRates.CASES, reason, scale.cases());
            dirtyPerDay[reason.ordinal()] = Allocation.cumulative(count, sizes);
            dirtyTotal += count;
        }
        long clean = scale.cases() - dirtyTotal;
        long open = Math.round((1 - CLOSED_SHARE) * clean);
        double[] openWeight = new double[CaseCalendar.DAYS];
        for (int d = 0; d < openWeight.length; d++) {
            // A few stuck cases all year; most open cases were reported in the last weeks of December.
            openWeight[d] = background[d] * (0.2 + 30 * Math.exp(-(CaseCalendar.DAYS - 1 - d) / 7.0));
        }
        this.openPerDay = Allocation.largestRemainder(open, openWeight);

        CaseSource[] sources = CaseSource.values();
        this.sourceOfDay = new AliasTable[CaseCalendar.DAYS];
        for (int d = 0; d < sourceOfDay.length; d++) {
            sourceOfDay[d] = new AliasTable(calendar.sourceWeights(d));
        }
        this.hourOfSource = new AliasTable[sources.length];
        this.eventOfSourceMonth = new AliasTable[sources.length][12];
        for (CaseSource s : sources) {
            hourOfSource[s.ordinal()] = new AliasTable(s.hourly());
            for (int m = 1; m <= 12; m++) {
                eventOfSourceMonth[s.ordinal()][m - 1] = new AliasTable(events.weights(s, m));
            }
        }
        this.componentOfMonth = new AliasTable[12];
        this.sensorComponentOfMonth = new AliasTable[12];
        for (int m = 1; m <= 12; m++) {
            double[] all = new double[components.size()];
            double[] sensor = new double[components.size()];
            for (int k = 0; k < all.length; k++) {
                ComponentProfile.Entry e = components.entry(k);
                all[k] = registry.members(k).length * e.faultRate() * e.seasonFactor(m);
                sensor[k] = SENSOR_COMPONENTS.contains(e.code()) ? all[k] : 0;
            }
            componentOfMonth[m - 1] = new AliasTable(all);
            sensorComponentOfMonth[m - 1] = new AliasTable(sensor);
        }
        this.eventDistrict = new AliasTable(layout.caseShares());
        this.eventCodes = new String[events.classes().size()];
        this.eventUrgency = new Urgency[eventCodes.length];
        for (int i = 0; i < eventCodes.length; i++) {
            eventCodes[i] = events.classes().get(i).code();
            eventUrgency[i] = Urgency.ofEvent(eventCodes[i]);
        }
        this.componentUrgency = new Urgency[components.size()];
        for (int k = 0; k < componentUrgency.length; k++) {
            componentUrgency[k] = Urgency.ofComponent(components.entry(k).code());
        }
    }

    /** Rows written for day {@code day} (background, planted and dirty rows). */
    public int rowsOn(int day) {
        return background[day] + plan.totalOn(day);
    }

    public EventProfile events() {
        return events;
    }

    /** Background cases of day {@code day} (0 = 1 January 2025), before planted and duplicate rows. */
    public int backgroundOn(int day) {
        return background[day];
    }

    /**
     * A clean background case of a day outside the year (the live day), drawn as those of year day
     * {@code likeDay} are (source, hour, class, place, lifecycle) but reported on the day starting at
     * {@code midnight}.
     */
    public WrittenCase cleanCase(SplittableRandom r, int likeDay, long midnight) {
        CaseRow row = backgroundRow(r, CaseCalendar.month(likeDay), midnight, sourceOfDay[likeDay].sample(r));
        return written(row, row.ts.clone());
    }

    /**
     * A case drawn as {@link #cleanCase} and then given the year's planted defect for {@code reason}
     * (any reason but DUPLICATE_ID, which a feed of events does not have).
     */
    public WrittenCase dirtyCase(SplittableRandom r, int likeDay, long midnight, RejectReason reason) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            CaseRow row = backgroundRow(r, CaseCalendar.month(likeDay), midnight, sourceOfDay[likeDay].sample(r));
            if (reason == RejectReason.UNKNOWN_COMPONENT && !(row.component >= 0 && row.withId)) {
                continue;
            }
            long[] happened = row.ts.clone();
            spoil(row, reason, r);
            return written(row, happened);
        }
        throw new IllegalStateException("no case drawn suits a " + reason + " defect");
    }

    /**
     * A fault of registry row {@code component} reported at {@code reportedAt} by {@code source}, naming the
     * component's id, a few metres from it, with a complete lifecycle.
     */
    public WrittenCase componentCase(SplittableRandom r, CaseSource source, int component, long reportedAt) {
        CaseRow row = new CaseRow();
        row.source = source;
        row.componentKind = true;
        row.ts[Lifecycle.REPORTED] = reportedAt;
        do {
            atComponent(row, r, registry.classIndex(component), component);
        } while (!located(row));
        row.withId = true;
        finish(row, r);
        return written(row, row.ts.clone());
    }

    /**
     * An EVENT of class {@code minor} at the WGS-84 point {@code lon/lat}, reported at {@code reportedAt} by
     * {@code source}, with a complete lifecycle; {@code null} when the point does not lie clearly inside a
     * district (the caller draws another).
     *
     * @throws IllegalArgumentException when {@code minor} is not an event class of the profile
     */
    public WrittenCase eventCase(SplittableRandom r, CaseSource source, String minor, double lon, double lat,
                                 long reportedAt) {
        int k = events.indexOf(minor);
        if (k < 0) {
            throw new IllegalArgumentException("no EVENT class " + minor + " in the generator's profile");
        }
        int district = layout.districtAt(lon, lat);
        if (district < 0) {
            return null;
        }
        CaseRow row = new CaseRow();
        row.source = source;
        row.classIndex = k;
        row.district = district;
        row.lon = lon;
        row.lat = lat;
        row.ts[Lifecycle.REPORTED] = reportedAt;
        if (!located(row)) {
            return null;
        }
        finish(row, r);
        return written(row, row.ts.clone());
    }

    private WrittenCase written(CaseRow row, long[] happenedAt) {
        return new WrittenCase(null, row.source, row.componentKind, majorCode(row), minorCode(row), componentId(row),
                row.component, row.outLon, row.outLat, row.gcj02, row.ts.clone(), happenedAt, districtCode(row),
                row.dirty, row.badTimestampColumn, row.badTimestampText, row.note);
    }

    /** WGS-84 position of registry row {@code component}. */
    double componentLon(int component) {
        return registry.lon(component);
    }

    double componentLat(int component) {
        return registry.lat(component);
    }

    /** The rows of day {@code day} (0 = 1 January 2025) in file order. */
    public CaseDay day(int day) {
        SplittableRandom r = Seeds.stream(seed, Seeds.key("cases"), day);
        int month = CaseCalendar.month(day);
        long midnight = CaseCalendar.midnightMillis(day);
        int duplicates = dirtyPerDay[RejectReason.DUPLICATE_ID.ordinal()][day];
        List<CaseRow> rows = new ArrayList<>(rowsOn(day));
        for (int i = 0; i < background[day] - duplicates; i++) {
            rows.add(backgroundRow(r, month, midnight, sourceOfDay[day].sample(r)));
        }
        for (int h = 0; h < plan.hotspots().size(); h++) {
            PlantedHotspot hs = plan.hotspots().get(h);
            for (int i = 0; i < plan.inCellOn(h, day); i++) {
                rows.add(plantedRow(r, month, midnight, h, hs, -1));
            }
            for (int c = 0; c < hs.ring().length; c++) {
                for (int i = 0; i < plan.ringCellOn(h, day); i++) {
                    rows.add(plantedRow(r, month, midnight, h, hs, c));
                }
            }
        }
        rows.sort(Comparator.comparingLong(row -> row.ts[Lifecycle.REPORTED]));

        for (RejectReason reason : RejectReason.values()) {
            if (reason != RejectReason.DUPLICATE_ID) {
                for (int i = 0; i < dirtyPerDay[reason.ordinal()][day]; i++) {
                    spoil(pick(rows, r, reason), reason, r);
                }
            }
        }
        int open = openPerDay[day];
        for (int i = 0; i < open; i++) {
            Lifecycle.stopEarly(pick(rows, r, null).ts, r);
        }
        LocalDate date = CaseCalendar.date(day);
        String prefix = String.format("QD%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).caseId = prefix + String.format("%06d", i + 1);
        }
        return new CaseDay(day, withDuplicates(rows, duplicates, r));
    }

    private CaseRow backgroundRow(SplittableRandom r, int month, long midnight, int sourceIndex) {
        CaseSource source = CaseSource.values()[sourceIndex];
        CaseRow row = new CaseRow();
        row.source = source;
        row.ts[Lifecycle.REPORTED] = reportedAt(r, source, midnight);
        row.componentKind = r.nextDouble() < source.componentShare();
        if (row.componentKind) {
            AliasTable classes = source == CaseSource.SENSOR ? sensorComponentOfMonth[month - 1] : componentOfMonth[month - 1];
            int k = classes.sample(r);
            int[] members = registry.members(k);
            int fragile = registry.fragileCount(k);
            do {
                int component = fragile > 0 && r.nextDouble() < FRAGILE_PICK ? members[r.nextInt(fragile)]
                        : members[r.nextInt(members.length)];
                atComponent(row, r, k, component);
            } while (!located(row));
        } else {
            row.classIndex = eventOfSourceMonth[sourceIndex][month - 1].sample(r);
            row.district = eventDistrict.sample(r);
            double[] p = new double[2];
            do {
                layout.network(row.district).sample(r, 0, 25, p);
                row.lon = p[0];
                row.lat = p[1];
            } while (!located(row));
        }
        boolean phoneOrCall = source == CaseSource.CITIZEN_APP || source == CaseSource.HOTLINE_12345;
        row.blankDistrict = r.nextDouble() < (phoneOrCall ? 0.02 : 0.003); // left empty by the reporting system
        finish(row, r);
        return row;
    }

    private CaseRow plantedRow(SplittableRandom r, int month, long midnight, int h, PlantedHotspot hs, int ringCell) {
        CaseRow row = new CaseRow();
        row.planted = true;
        row.source = hs.source();
        row.ts[Lifecycle.REPORTED] = reportedAt(r, hs.source(), midnight);
        if (hs.componentClass()) {
            int[] anchors = registry.anchorRows(h);
            int slot = ringCell < 0 ? r.nextInt(HotspotPlan.ANCHORS_IN_CELL)
                    : HotspotPlan.ANCHORS_IN_CELL + ringCell * HotspotPlan.ANCHORS_PER_RING_CELL
                        + r.nextInt(HotspotPlan.ANCHORS_PER_RING_CELL);
            row.componentKind = true;
            do {
                atComponent(row, r, components.indexOf(hs.category()), anchors[slot]);
            } while (!located(row));
        } else {
            row.classIndex = hs.singleClass() ? events.indexOf(hs.category())
                    : eventOfSourceMonth[hs.source().ordinal()][month - 1].sample(r);
            double[] p = new double[2];
            HotspotPlan.pointInCell(ringCell < 0 ? hs.cell() : hs.ring()[ringCell], hs.cellRadiusM(), r, p);
            row.lon = p[0];
            row.lat = p[1];
            row.district = layout.districtIndex(hs.districtCode());
            if (!located(row)) {
                throw new IllegalStateException("planted point outside its district: " + hs.note());
            }
        }
        finish(row, r);
        return row;
    }

    /** A fault of registry row {@code component}: at the component, a few metres off as reporters are. */
    private void atComponent(CaseRow row, SplittableRandom r, int classIndex, int component) {
        row.classIndex = classIndex;
        row.component = component;
        row.withId = r.nextDouble() < WITH_ID_SHARE;
        row.district = registry.districtIndex(component);
        double cLon = registry.lon(component);
        double cLat = registry.lat(component);
        double d = (row.withId ? 5 : 9.5) * Math.sqrt(r.nextDouble());
        double a = r.nextDouble(2 * Math.PI);
        row.lon = cLon + d * Math.cos(a) / Distances.metersPerDegreeLon(cLat);
        row.lat = cLat + d * Math.sin(a) / Distances.metersPerDegreeLat(cLat);
    }

    /**
     * Sets the written coordinates (GCJ-02 for citizen reports, 7 decimals) and tells whether a reader
     * that converts them back to WGS-84 finds the point inside the row's district. Points within a
     * centimetre of a border can fail after rounding; the caller then draws another point.
     */
    private boolean located(CaseRow row) {
        row.gcj02 = row.source.reportsGcj02();
        if (row.gcj02) {
            double[] g = Gcj02.fromWgs84(row.lon, row.lat);
            row.outLon = DirtyValues.round(g[0]);
            row.outLat = DirtyValues.round(g[1]);
            double[] back = Gcj02.toWgs84(row.outLon, row.outLat);
            return layout.network(row.district).contains(back[0], back[1]);
        }
        row.outLon = DirtyValues.round(row.lon);
        row.outLat = DirtyValues.round(row.lat);
        return layout.network(row.district).contains(row.outLon, row.outLat);
    }

    private void finish(CaseRow row, SplittableRandom r) {
        Urgency urgency = row.componentKind ? componentUrgency[row.classIndex] : eventUrgency[row.classIndex];
        Lifecycle.complete(row.ts, row.source, urgency, !row.source.timestampStyle().keepsMillis(), r);
    }

    private long reportedAt(SplittableRandom r, CaseSource source, long midnight) {
        int hour = hourOfSource[source.ordinal()].sample(r);
        long t = midnight + hour * 3_600_000L + r.nextLong(3_600_000L);
        return source.timestampStyle().keepsMillis() ? t : t - Math.floorMod(t, 1000L);
    }

    /**
     * A random clean, background row suited to {@code reason} (null: any clean background row, for an open
     * case).
     */
    private static CaseRow pick(List<CaseRow> rows, SplittableRandom r, RejectReason reason) {
        for (int attempt = 0; attempt < 100_000; attempt++) {
            CaseRow row = rows.get(r.nextInt(rows.size()));
            if (row.planted || row.dirty != null || row.ts[Lifecycle.CLOSED] == Lifecycle.EMPTY) {
                continue;
            }
            if (reason == RejectReason.UNKNOWN_COMPONENT && !(row.component >= 0 && row.withId)) {
                continue;
            }
            return row;
        }
        throw new IllegalStateException("no clean row left for " + (reason == null ? "an open case" : reason));
    }

    private void spoil(CaseRow row, RejectReason reason, SplittableRandom r) {
        row.dirty = reason;
        double[] p = new double[2];
        switch (reason) {
            case BAD_COORDINATES:
                row.withId = false;
                row.note = DirtyValues.badCoordinates(r, row.outLon, row.outLat, p);
                row.outLon = p[0];
                row.outLat = p[1];
                break;
            case OUT_OF_AREA:
                row.withId = false;
                row.note = DirtyValues.outOfArea(r, p);
                row.outLon = p[0];
                row.outLat = p[1];
                break;
            case UNKNOWN_CLASS: {
                row.withId = false;
                String code = DirtyValues.unknownClass(r, row.componentKind ? ClassKind.COMPONENT : ClassKind.EVENT,
                        catalog);
                row.minorText = code;
                row.majorText = code.substring(0, 2);
                row.note = (row.componentKind ? "COMPONENT" : "EVENT") + " class " + code + " not in the catalog";
                break;
            }
            case BAD_TIMESTAMP: {
                int column = r.nextDouble() < 0.6 ? Lifecycle.REPORTED : Lifecycle.CLOSED - r.nextInt(2);
                String local = TimestampStyle.OFFSET.format(row.ts[column]).substring(0, 19);
                String[] bad = DirtyValues.badTimestamp(r, local);
                row.badTimestampColumn = column;
                row.badTimestampText = bad[0];
                row.note = COLUMN_NAMES[column] + ": " + bad[1];
                break;
            }
            case INCONSISTENT_TIMESTAMPS: {
                long[] ts = row.ts;
                double u = r.nextDouble();
                // Every variant puts a stamp before reported_at or closed_at before dispatched_at, the two
                // inversions any validator of the chain catches.
                if (u < 0.5) {
                    ts[Lifecycle.CLOSED] = ts[Lifecycle.REPORTED] - 3_600_000L - r.nextLong(47 * 3_600_000L);
                    row.note = "closed_at before reported_at";
                } else if (u < 0.75) {
                    ts[Lifecycle.VERIFIED] = ts[Lifecycle.REPORTED] - 600_000L - r.nextLong(590 * 60_000L);
                    row.note = "verified_at before reported_at";
                } else {
                    long gap = ts[Lifecycle.DISPATCHED] - ts[Lifecycle.REPORTED];
                    ts[Lifecycle.CLOSED] = ts[Lifecycle.REPORTED] + (long) (gap * r.nextDouble(0.1, 0.9));
                    row.note = "closed_at before dispatched_at";
                }
                if (!row.source.timestampStyle().keepsMillis()) {
                    for (int i = 0; i < ts.length; i++) {
                        ts[i] = Math.floorDiv(ts[i], 1000L) * 1000L;
                    }
                }
                break;
            }
            case UNKNOWN_COMPONENT:
                row.componentIdText = registry.absentId(row.component, r.nextInt(99_999));
                row.note = "component_id not in the registry";
                break;
            default:
                throw new IllegalStateException("no case defect for " + reason);
        }
    }

    /** Inserts {@code count} verbatim repeats of clean background rows, each 1-3 rows after its original. */
    private static List<CaseRow> withDuplicates(List<CaseRow> rows, int count, SplittableRandom r) {
        if (count == 0) {
            return rows;
        }
        int n = rows.size();
        List<List<CaseRow>> before = new ArrayList<>(n + 1);
        for (int i = 0; i <= n; i++) {
            before.add(null);
        }
        for (int c = 0; c < count; c++) {
            int original;
            int attempt = 0;
            do {
                original = r.nextInt(n);
                if (++attempt > 100_000) {
                    throw new IllegalStateException("no clean row left to duplicate");
                }
            } while (rows.get(original).planted || rows.get(original).dirty != null);
            CaseRow copy = rows.get(original).copy();
            copy.dirty = RejectReason.DUPLICATE_ID;
            copy.note = "repeats " + copy.caseId;
            int at = Math.min(n, original + 1 + r.nextInt(3));
            if (before.get(at) == null) {
                before.set(at, new ArrayList<>());
            }
            before.get(at).add(copy);
        }
        List<CaseRow> out = new ArrayList<>(n + count);
        for (int i = 0; i <= n; i++) {
            if (before.get(i) != null) {
                out.addAll(before.get(i));
            }
            if (i < n) {
                out.add(rows.get(i));
            }
        }
        return out;
    }

    static final String[] COLUMN_NAMES = {"reported_at", "verified_at", "dispatched_at", "disposed_at", "closed_at"};

    String componentId(CaseRow row) {
        if (row.componentIdText != null) {
            return row.componentIdText;
        }
        return row.withId && row.component >= 0 ? registry.id(row.component) : null;
    }

    String minorCode(CaseRow row) {
        if (row.minorText != null) {
            return row.minorText;
        }
        return row.componentKind ? components.entry(row.classIndex).code() : eventCodes[row.classIndex];
    }

    String majorCode(CaseRow row) {
        return row.majorText != null ? row.majorText : minorCode(row).substring(0, 2);
    }

    String districtCode(CaseRow row) {
        return row.blankDistrict ? null : layout.district(row.district).code();
    }
}
