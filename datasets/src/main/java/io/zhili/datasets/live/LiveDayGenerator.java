package io.zhili.datasets.live;

import io.zhili.datasets.Scale;
import io.zhili.datasets.cases.CaseCalendar;
import io.zhili.datasets.cases.CaseGenerator;
import io.zhili.datasets.cases.CaseSource;
import io.zhili.datasets.cases.Lifecycle;
import io.zhili.datasets.cases.WrittenCase;
import io.zhili.datasets.city.CityLayout;
import io.zhili.datasets.components.ComponentRegistry;
import io.zhili.datasets.sampling.AliasTable;
import io.zhili.datasets.sampling.Seeds;
import io.zhili.datasets.truth.HotspotPlan;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.index.NearestComponentIndex;
import io.zhili.geo.live.ServiceLevels;
import io.zhili.geo.table.CsvWriter;
import io.zhili.geo.table.RejectReason;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The live day: the day after the generated year (1 January 2026, a public holiday like 1 January 2025, local
 * 00:00–24:00) as the stream of case events {@code zhili live} reads, with its truth. Layout under the output
 * directory:
 *
 * <pre>
 * live/cases.jsonl        one JSON event per line in event-time order ({@link LiveStream}), with the feed's noise
 * truth/live_alerts.csv   kind,h3,category,component_id,case_id,due_at,note: every alert a correct job raises
 * truth/live_noise.csv    line,kind,case_id,reason,note: every undecodable, rejected and delayed line
 * </pre>
 *
 * <p>The day's cases: a normal day's background drawn like 1 January 2025 (same number, sources, hours,
 * classes and places; about 1 % stuck in their lifecycle), and planted on top
 * <ul>
 *   <li>surges ({@link SurgePlanner}: 3 at the small scale, 5 city, 8 full);</li>
 *   <li>components reaching their 3rd case within the day (4, 8, 16): three reports naming the component, 1 to 4
 *       hours apart;</li>
 *   <li>overdue cases (2, 4, 8 of each variant): a burst water main verified and never dispatched, a component
 *       of major 01 dispatched 40 minutes to 3 hours after its limit, a blocked sewer disposed of but not closed
 *       within its 6 hours, a component of major 01 closed 30 minutes to 4 hours after its 12 hours;</li>
 *   <li>dirty cases (0.3 % of the background for each of BAD_COORDINATES, OUT_OF_AREA, UNKNOWN_CLASS,
 *       BAD_TIMESTAMP, INCONSISTENT_TIMESTAMPS, UNKNOWN_COMPONENT, at least one each), with the year's
 *       defects.</li>
 * </ul>
 * The truth's RECURRENCE and OVERDUE_* rows come from the rules applied to every accepted event ({@link
 * LiveTruth}), so the background's own overdue cases are in it too.
 *
 * <p>Deterministic: each part draws from its own stream of the seed; the year's files are not touched.
 */
public final class LiveDayGenerator {
    /** Day index of the live day (0 = 1 January 2025): 1 January 2026. */
    public static final int DAY = CaseCalendar.DAYS;
    /** The year's day whose volume and mix the live day's background copies (also New Year's Day). */
    public static final int LIKE_DAY = 0;
    public static final String EVENTS = "live/cases.jsonl";
    public static final String ALERTS = "truth/live_alerts.csv";
    public static final String NOISE = "truth/live_noise.csv";
    /** Header of {@code truth/live_noise.csv}. */
    public static final List<String> NOISE_HEADER = List.of("line", "kind", "case_id", "reason", "note");
    /** Share of the background whose lifecycle stops early (stuck cases). */
    static final double STUCK_SHARE = 0.01;
    /** Share of the background drawn again as a dirty case, per reason. */
    static final double DIRTY_SHARE = 0.003;
    static final List<RejectReason> DIRTY_REASONS = List.of(RejectReason.BAD_COORDINATES, RejectReason.OUT_OF_AREA,
            RejectReason.UNKNOWN_CLASS, RejectReason.BAD_TIMESTAMP, RejectReason.INCONSISTENT_TIMESTAMPS,
            RejectReason.UNKNOWN_COMPONENT);
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY_MS = 24 * HOUR;

    private LiveDayGenerator() {
    }

    /**
     * What was written.
     *
     * @param cases       cases of the day (background, planted and dirty)
     * @param lines       lines of {@code live/cases.jsonl}
     * @param accepted    lines a correct job accepts
     * @param rejected    lines it rejects
     * @param undecodable lines it dead-letters undecoded
     * @param delayed     accepted lines written out of time order
     * @param alerts      truth rows per alert kind
     * @param surges      the planted surges
     */
    public record Summary(int cases, int lines, int accepted, int rejected, int undecodable, int delayed,
                          Map<String, Integer> alerts, List<PlantedSurge> surges) {
    }

    /** How much is planted at each scale: surges, recurring components, cases of each overdue variant. */
    private record Plan(int surges, int recurrences, int overduePerVariant) {
        static Plan of(Scale scale) {
            return switch (scale) {
                case SMALL -> new Plan(3, 4, 2);
                case CITY -> new Plan(5, 8, 4);
                case FULL -> new Plan(8, 16, 8);
                case FULL2X -> new Plan(16, 32, 16); // twice FULL's counts, like the scale itself
            };
        }
    }

    /**
     * Writes the live day's files under {@code outDir}.
     *
     * @param tally the generated year's series, for the surges' strength
     * @throws IOException when a file cannot be written
     */
    public static Summary generate(Path outDir, Scale scale, long seed, CaseGenerator generator,
                                   ComponentRegistry registry, CityLayout layout, HotspotPlan hotspots, YearTally tally)
            throws IOException {
        Plan plan = Plan.of(scale);
        long midnight = CaseCalendar.midnightMillis(DAY);
        ServiceLevels sla = ServiceLevels.defaults();
        List<WrittenCase> drawn = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        SplittableRandom r = Seeds.stream(seed, Seeds.key("live"), 0);
        int background = generator.backgroundOn(LIKE_DAY);
        for (int i = 0; i < background; i++) {
            WrittenCase c = generator.cleanCase(r, LIKE_DAY, midnight);
            if (r.nextDouble() < STUCK_SHARE) {
                long[] ts = c.ts().clone();
                Lifecycle.stopEarly(ts, r);
                c = c.withLifecycle(ts);
            }
            add(drawn, notes, c, null);
        }

        r = Seeds.stream(seed, Seeds.key("live"), 1);
        int dirtyEach = Math.max(1, (int) Math.round(DIRTY_SHARE * background));
        for (RejectReason reason : DIRTY_REASONS) {
            for (int i = 0; i < dirtyEach; i++) {
                add(drawn, notes, generator.dirtyCase(r, LIKE_DAY, midnight, reason), null);
            }
        }

        r = Seeds.stream(seed, Seeds.key("live"), 2);
        H3Grid h3 = H3Grid.get();
        List<PlantedSurge> surges = SurgePlanner.plan(plan.surges(), layout, hotspots, generator.events(), tally,
                midnight, r);
        double[] p = new double[2];
        for (PlantedSurge s : surges) {
            for (long t : s.times()) {
                WrittenCase c = null;
                while (c == null) {
                    SurgePlanner.pointInCell(s.cell(), r, p);
                    c = generator.eventCase(r, s.source(), s.minors().get(r.nextInt(s.minors().size())), p[0], p[1], t);
                }
                if (h3.cell(c.lon(), c.lat(), YearTally.RES) != s.cell()) {
                    throw new IllegalStateException("a planted surge case left its cell " + h3.address(s.cell()));
                }
                add(drawn, notes, c, "SURGE of major " + s.major() + " in " + h3.address(s.cell()));
            }
        }

        r = Seeds.stream(seed, Seeds.key("live"), 3);
        Set<Integer> used = new HashSet<>();
        CaseSource[] reporters = {CaseSource.PATROL, CaseSource.CITIZEN_APP, CaseSource.HOTLINE_12345};
        for (int k = 0; k < plan.recurrences(); k++) {
            int row = referable(registry, r, used, null);
            long t = midnight + 6 * HOUR + r.nextLong(4 * HOUR);
            for (int i = 0; i < 3; i++) {
                add(drawn, notes, generator.componentCase(r, reporters[r.nextInt(reporters.length)], row, t),
                        "RECURRENCE: 3rd case of component " + registry.id(row) + " within the day");
                t += HOUR + r.nextLong(3 * HOUR);
            }
        }

        r = Seeds.stream(seed, Seeds.key("live"), 4);
        AliasTable districts = new AliasTable(layout.caseShares());
        for (int k = 0; k < plan.overduePerVariant(); k++) {
            // A burst water main verified and never dispatched.
            WrittenCase c = eventOnStreet(generator, layout, districts, r, "0402", midnight + 7 * HOUR + r.nextLong(12 * HOUR));
            long[] ts = c.ts().clone();
            for (int s = Lifecycle.DISPATCHED; s <= Lifecycle.CLOSED; s++) {
                ts[s] = Lifecycle.EMPTY;
            }
            add(drawn, notes, c.withLifecycle(ts), "OVERDUE_DISPATCH: verified, never dispatched");

            // A component fault of major 01 dispatched long after its limit.
            int row = referable(registry, r, used, "01");
            c = generator.componentCase(r, CaseSource.PATROL, row, midnight + 6 * HOUR + r.nextLong(10 * HOUR));
            ts = c.ts().clone();
            long late = ts[Lifecycle.VERIFIED] + sla.dispatchLimitMs(c.kind(), c.minor()) + (40 + r.nextLong(140)) * MINUTE;
            shiftFrom(ts, Lifecycle.DISPATCHED, late - ts[Lifecycle.DISPATCHED]);
            add(drawn, notes, c.withLifecycle(ts), "OVERDUE_DISPATCH: dispatched long after the limit");

            // A blocked sewer disposed of but never closed.
            c = eventOnStreet(generator, layout, districts, r, "0404", midnight + 5 * HOUR + r.nextLong(7 * HOUR));
            ts = c.ts().clone();
            ts[Lifecycle.CLOSED] = Lifecycle.EMPTY;
            add(drawn, notes, c.withLifecycle(ts), "OVERDUE_CLOSE: disposed, never closed");

            // A component fault of major 01 closed long after its limit.
            row = referable(registry, r, used, "01");
            c = generator.componentCase(r, CaseSource.PATROL, row, midnight + 4 * HOUR + r.nextLong(5 * HOUR));
            ts = c.ts().clone();
            long closed = ts[Lifecycle.REPORTED] + sla.closeLimitMs(c.kind(), c.minor()) + (30 + r.nextLong(210)) * MINUTE;
            if (closed > ts[Lifecycle.CLOSED]) {
                ts[Lifecycle.CLOSED] = closed;
            }
            add(drawn, notes, c.withLifecycle(ts), "OVERDUE_CLOSE: closed long after the limit");
        }

        // Number the day's cases in report order, as the year's days are.
        Integer[] order = new Integer[drawn.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingLong(i -> drawn.get(i).happenedAt()[Lifecycle.REPORTED])
                .thenComparingInt(i -> i));
        String prefix = "QD" + CaseCalendar.date(DAY).toString().replace("-", "");
        List<WrittenCase> cases = new ArrayList<>(order.length);
        Map<Integer, String> planted = new HashMap<>();
        for (int i = 0; i < order.length; i++) {
            cases.add(drawn.get(order[i]).withCaseId(prefix + String.format("%06d", i + 1)));
            if (notes.get(order[i]) != null) {
                planted.put(i, notes.get(order[i]));
            }
        }

        List<LiveLine> lines = LiveStream.build(cases, midnight + DAY_MS, Seeds.stream(seed, Seeds.key("live"), 5));
        List<LiveAlert> truth = LiveTruth.compute(cases, lines, acceptedIndex(registry), sla, surges, planted);

        Files.createDirectories(outDir.resolve("live"));
        Files.createDirectories(outDir.resolve("truth"));
        int accepted = 0;
        int rejected = 0;
        int undecodable = 0;
        int delayed = 0;
        try (BufferedWriter w = Files.newBufferedWriter(outDir.resolve(EVENTS), StandardCharsets.UTF_8);
             CsvWriter noise = CsvWriter.open(outDir.resolve(NOISE), NOISE_HEADER)) {
            for (int i = 0; i < lines.size(); i++) {
                LiveLine l = lines.get(i);
                w.write(l.text());
                w.write('\n');
                String caseId = l.caseIndex() >= 0 ? cases.get(l.caseIndex()).caseId() : null;
                switch (l.outcome()) {
                    case ACCEPTED -> {
                        accepted++;
                        if (l.note() != null) {
                            delayed++;
                            noise.write(i + 1, "OUT_OF_ORDER", caseId, null, l.note());
                        }
                    }
                    case REJECTED -> {
                        rejected++;
                        noise.write(i + 1, "REJECTED", caseId, l.reason(), l.note());
                    }
                    case UNDECODABLE -> {
                        undecodable++;
                        noise.write(i + 1, "UNDECODABLE", null, null, l.note());
                    }
                }
            }
        }
        Map<String, Integer> perKind = new LinkedHashMap<>();
        for (String kind : LiveAlert.KINDS) {
            perKind.put(kind, 0);
        }
        try (CsvWriter w = CsvWriter.open(outDir.resolve(ALERTS), LiveAlert.HEADER)) {
            for (LiveAlert a : truth) {
                w.write(a.kind(), a.h3(), a.category(), a.componentId(), a.caseId(), a.dueAt(), a.note());
                perKind.merge(a.kind(), 1, Integer::sum);
            }
        }
        return new Summary(cases.size(), lines.size(), accepted, rejected, undecodable, delayed, perKind, surges);
    }

    private static void add(List<WrittenCase> cases, List<String> notes, WrittenCase c, String note) {
        cases.add(c);
        notes.add(note);
    }

    /** An unused registry row a case may name (of major {@code major} when not null). */
    private static int referable(ComponentRegistry registry, SplittableRandom r, Set<Integer> used, String major) {
        for (int attempt = 0; attempt < 1_000_000; attempt++) {
            int row = r.nextInt(registry.size());
            if (registry.referable(row) && !used.contains(row)
                    && (major == null || registry.minorCode(row).startsWith(major))) {
                used.add(row);
                return row;
            }
        }
        throw new IllegalStateException("no referable component" + (major == null ? "" : " of major " + major) + " left");
    }

    /** An EVENT of class {@code minor} beside a street of a district drawn by event share. */
    private static WrittenCase eventOnStreet(CaseGenerator generator, CityLayout layout, AliasTable districts,
                                             SplittableRandom r, String minor, long reportedAt) {
        double[] p = new double[2];
        // A city catalog without the class: the first event class of the profile stands in.
        String code = generator.events().indexOf(minor) >= 0 ? minor : generator.events().classes().get(0).code();
        for (int attempt = 0; attempt < 1000; attempt++) {
            layout.network(districts.sample(r)).sample(r, 0, 25, p);
            WrittenCase c = generator.eventCase(r, CaseSource.PATROL, code, p[0], p[1], reportedAt);
            if (c != null) {
                return c;
            }
        }
        throw new IllegalStateException("cannot place an EVENT " + minor + " beside a street");
    }

    /** Moves steps {@code from..CLOSED} that were reached by {@code deltaMs}. */
    private static void shiftFrom(long[] ts, int from, long deltaMs) {
        for (int s = from; s <= Lifecycle.CLOSED; s++) {
            if (ts[s] != Lifecycle.EMPTY) {
                ts[s] += deltaMs;
            }
        }
    }

    /** The registry as a correct job holds it (every accepted row), for the joins of the truth. */
    private static NearestComponentIndex acceptedIndex(ComponentRegistry registry) {
        int n = 0;
        for (int row = 0; row < registry.size(); row++) {
            if (registry.accepted(row)) {
                n++;
            }
        }
        long[] ids = new long[n];
        int[] minor = new int[n];
        double[] lon = new double[n];
        double[] lat = new double[n];
        int k = 0;
        for (int row = 0; row < registry.size(); row++) {
            if (registry.accepted(row)) {
                ids[k] = Long.parseLong(registry.id(row));
                minor[k] = Integer.parseInt(registry.minorCode(row));
                lon[k] = registry.lon(row);
                lat[k] = registry.lat(row);
                k++;
            }
        }
        return NearestComponentIndex.build(ids, minor, lon, lat);
    }
}
