package io.zhili.datasets.live;

import io.zhili.datasets.cases.CaseSource;
import io.zhili.datasets.cases.EventProfile;
import io.zhili.datasets.city.CityLayout;
import io.zhili.datasets.sampling.AliasTable;
import io.zhili.datasets.truth.HotspotPlan;
import io.zhili.datasets.truth.PlantedHotspot;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.live.SurgeDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Places the live day's planted surges: each in a base cell beside a street of a district (drawn by the
 * districts' share of events), away from the year's planted hotspots and from the other surges (no two
 * within two rings), {@value #CASES} EVENT cases of one major within {@value #SPREAD_MINUTES} minutes
 * starting between 08:00 and 19:00.
 *
 * <p><b>Strength.</b> A cell is kept only when the planted cases alone pass the live job's test
 * ({@link SurgeDetector}: at least 5 cases and {@code p <= 0.01 / m}) for the major and for {@code ALL},
 * against a forecast deliberately higher than the forecast helper's model can give for a normal day: a
 * weekly level of {@value #LEVEL_MARGIN} times the larger of the cell's own average week of the year and the
 * average week of a cell of the category (the model shrinks a cell toward that average), spread over the
 * week by the category's hour-of-week profile of the year; {@code m} is the year's number of (cell, category)
 * series with a case, dirty rows included (at least the forecast's). The background of the day only adds
 * cases, so the live job's observed counts are at least the planted ones.
 *
 * <p>Stateless and thread-safe.
 */
public final class SurgePlanner {
    /** Planted cases of a surge. */
    public static final int CASES = 14;
    /** Minutes over which a surge's cases are reported. */
    public static final int SPREAD_MINUTES = 100;
    /** Factor on the higher of the cell's and the average cell's weekly rate, for the planner's forecast. */
    public static final double LEVEL_MARGIN = 3;
    /** Radius around a cell's centre in which a surge's cases are placed, metres. */
    private static final double RADIUS_M = 60;
    private static final double WEEKS_OF_YEAR = 365 / 7.0;
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;

    private record Scenario(String major, List<String> minors, CaseSource source, String note) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
        new Scenario("05", List.of("0501", "0504", "0505"), CaseSource.PATROL,
            "New Year's Day crowds at a market street: vending, store-front operation, parking"),
        new Scenario("01", List.of("0102", "0103", "0104"), CaseSource.CAMERA,
            "fireworks debris and rubbish left after the New Year's Eve celebration"),
        new Scenario("04", List.of("0402", "0404", "0401"), CaseSource.PATROL,
            "a burst water main floods a street: burst main, blocked sewers, road damage"),
        new Scenario("02", List.of("0201", "0204"), CaseSource.CAMERA,
            "leafleting and posters along a shopping street"),
        new Scenario("03", List.of("0301", "0302"), CaseSource.PATROL,
            "holiday construction work: noise and dust complaints"));

    private SurgePlanner() {
    }

    /**
     * The planted surges of a live day.
     *
     * @param count    surges wanted
     * @param midnight epoch ms of the live day's local midnight
     * @throws IllegalStateException when the catalog leaves no scenario or no cell passes the test
     */
    public static List<PlantedSurge> plan(int count, CityLayout layout, HotspotPlan hotspots, EventProfile events,
                                          YearTally tally, long midnight, SplittableRandom r) {
        List<Scenario> scenarios = new ArrayList<>();
        for (Scenario s : SCENARIOS) {
            List<String> minors = s.minors().stream().filter(m -> events.indexOf(m) >= 0).toList();
            if (!minors.isEmpty()) {
                scenarios.add(new Scenario(s.major(), minors, s.source(), s.note()));
            }
        }
        if (scenarios.isEmpty()) {
            throw new IllegalStateException("the catalog has none of the EVENT classes of the live day's surges");
        }
        H3Grid h3 = H3Grid.get();
        Set<Long> blocked = new HashSet<>();
        for (PlantedHotspot h : hotspots.hotspots()) {
            for (long c : h3.disk(h.cell(), 2)) {
                blocked.add(c);
            }
        }
        SurgeDetector detector = SurgeDetector.defaults(tally.series());
        AliasTable districts = new AliasTable(layout.caseShares());
        List<PlantedSurge> out = new ArrayList<>();
        double[] p = new double[2];
        for (int attempt = 0; out.size() < count; attempt++) {
            if (attempt > 10_000) {
                throw new IllegalStateException("no cell left for planted surge " + (out.size() + 1));
            }
            Scenario s = scenarios.get(out.size() % scenarios.size());
            int d = districts.sample(r);
            layout.network(d).sample(r, 0, 25, p);
            long cell = h3.cell(p[0], p[1], YearTally.RES);
            double[] centre = h3.center(cell);
            if (blocked.contains(cell) || layout.districtAt(centre[0], centre[1]) != d) {
                continue;
            }
            long start = midnight + (8 + r.nextInt(11)) * HOUR + r.nextInt(60) * MINUTE;
            long[] times = new long[CASES];
            for (int i = 0; i < CASES; i++) {
                times[i] = start + (i == 0 ? 0 : r.nextLong(SPREAD_MINUTES * MINUTE));
            }
            Arrays.sort(times);
            int major = YearTally.category(false, s.major() + "00");
            double pMajor = test(detector, tally, cell, major, times);
            double pAll = test(detector, tally, cell, YearTally.ALL, times);
            if (Double.isNaN(pMajor) || Double.isNaN(pAll)) {
                continue;
            }
            for (long c : h3.disk(cell, 2)) {
                blocked.add(c);
            }
            out.add(new PlantedSurge(cell, s.major(), s.minors(), s.source(), s.note(), times,
                    tally.cases(cell, major), tally.cases(cell, YearTally.ALL), pMajor, pAll, detector.threshold()));
        }
        return out;
    }

    /** A point well inside {@code cell} for one of a surge's cases; writes lon/lat to {@code out}. */
    static void pointInCell(long cell, SplittableRandom r, double[] out) {
        HotspotPlan.pointInCell(cell, RADIUS_M, r, out);
    }

    /** The p-value of the planted cases at the last of them, or NaN when the test does not pass. */
    private static double test(SurgeDetector detector, YearTally tally, long cell, int category, long[] times) {
        double ownWeek = tally.cases(cell, category) / WEEKS_OF_YEAR;
        int cells = tally.cells(category);
        double averageWeek = cells == 0 ? 0 : tally.total(category) / (double) cells / WEEKS_OF_YEAR;
        double level = LEVEL_MARGIN * Math.max(ownWeek, averageWeek);
        SurgeDetector.Verdict v = detector.test(times, times.length, times[times.length - 1], level,
                tally.profile(category));
        return v.significant() ? v.p() : Double.NaN;
    }
}
