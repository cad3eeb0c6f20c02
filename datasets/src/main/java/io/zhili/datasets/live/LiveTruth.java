package io.zhili.datasets.live;

import io.zhili.datasets.cases.Lifecycle;
import io.zhili.datasets.cases.TimestampStyle;
import io.zhili.datasets.cases.WrittenCase;
import io.zhili.geo.crs.Gcj02;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.index.NearestComponentIndex;
import io.zhili.geo.live.ServiceLevels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts a correct {@code zhili live} raises on the live day's file with its defaults
 * ({@code --res 9}, {@code --nearest-m 30}, {@code --recurrence-cases 3}, {@code --recurrence-days 30},
 * {@code --out-of-order 2m}, the shipped SLA table): the planted surges, and RECURRENCE and OVERDUE_* found by
 * applying the rules to every accepted event of the file, background included.
 *
 * <ul>
 *   <li>A case is what its accepted events show: the lifecycle steps of the newest accepted event (rejected
 *       events show the job nothing). Its position and class are those of its first accepted event, joined to
 *       the registry by {@code component_id}, else, for a COMPONENT case, to the nearest accepted component of
 *       its class within 30 m (GCJ-02 positions converted to WGS-84 first); its cell is the component's, else
 *       its own.</li>
 *   <li>RECURRENCE: a component's cases sorted by report time (then by case); the first case that makes
 *       N cases within a closed window of D days raises it.</li>
 *   <li>OVERDUE_DISPATCH (deadline {@code verified_at + dispatch limit}) and OVERDUE_CLOSE ({@code reported_at
 *       + close limit}), limits from {@link ServiceLevels} by the case's kind and class: raised when the step
 *       is shown after the deadline, or is never shown and the deadline is at or before the last watermark
 *       (newest accepted event time less the 2-minute allowance). Deadlines after it stay pending: at the end
 *       of a bounded input they do not fire.</li>
 * </ul>
 *
 * <p>Stateless.
 */
final class LiveTruth {
    static final int RES = 9;
    static final double NEAREST_M = 30;
    static final int RECURRENCE_CASES = 3;
    static final long RECURRENCE_WINDOW_MS = 30 * 86_400_000L;
    static final long OUT_OF_ORDER_MS = 120_000;

    private LiveTruth() {
    }

    /**
     * @param planted notes of planted cases by case index (they start the truth row's note)
     * @return the alerts in the truth file's order: by kind, then due time, then key
     */
    static List<LiveAlert> compute(List<WrittenCase> cases, List<LiveLine> lines, NearestComponentIndex registry,
                                   ServiceLevels sla, List<PlantedSurge> surges, Map<Integer, String> planted) {
        int n = cases.size();
        int[] lastStep = new int[n];
        java.util.Arrays.fill(lastStep, -1);
        long newest = Long.MIN_VALUE;
        for (LiveLine l : lines) {
            if (l.outcome() == LiveLine.Outcome.ACCEPTED) {
                lastStep[l.caseIndex()] = Math.max(lastStep[l.caseIndex()], l.step());
                newest = Math.max(newest, l.at());
            }
        }
        long watermark = newest - OUT_OF_ORDER_MS;
        H3Grid h3 = H3Grid.get();
        List<LiveAlert> out = new ArrayList<>();
        Map<Integer, List<Integer>> casesOfComponent = new HashMap<>();
        String[] cellOf = new String[n];
        String[] componentOf = new String[n];
        for (int i = 0; i < n; i++) {
            if (lastStep[i] < 0) {
                continue;
            }
            WrittenCase c = cases.get(i);
            double lon = c.lon();
            double lat = c.lat();
            if (c.gcj02()) {
                double[] w = Gcj02.toWgs84(lon, lat);
                lon = w[0];
                lat = w[1];
            }
            int pos = -1;
            if (c.componentId() != null) {
                pos = registry.position(Long.parseLong(c.componentId()));
                if (pos < 0) {
                    throw new IllegalStateException("accepted case " + c.caseId() + " names component " + c.componentId()
                            + ", which is not in the registry");
                }
            } else if (c.component()) {
                pos = registry.nearest(lon, lat, Integer.parseInt(c.minor()), NEAREST_M);
            }
            if (pos >= 0) {
                lon = registry.lon(pos);
                lat = registry.lat(pos);
                componentOf[i] = String.format("%016d", registry.id(pos));
                casesOfComponent.computeIfAbsent(pos, k -> new ArrayList<>()).add(i);
            }
            cellOf[i] = h3.address(h3.cell(lon, lat, RES));
            overdue(out, c, i, lastStep[i], LiveAlert.OVERDUE_DISPATCH, Lifecycle.VERIFIED, Lifecycle.DISPATCHED,
                    sla.dispatchLimitMs(c.kind(), c.minor()), watermark, cellOf[i], componentOf[i], planted.get(i));
            overdue(out, c, i, lastStep[i], LiveAlert.OVERDUE_CLOSE, Lifecycle.REPORTED, Lifecycle.CLOSED,
                    sla.closeLimitMs(c.kind(), c.minor()), watermark, cellOf[i], componentOf[i], planted.get(i));
        }
        for (List<Integer> ofComponent : casesOfComponent.values()) {
            ofComponent.sort(Comparator.<Integer>comparingLong(i -> cases.get(i).ts()[Lifecycle.REPORTED])
                    .thenComparingInt(i -> i));
            for (int k = RECURRENCE_CASES - 1; k < ofComponent.size(); k++) {
                long t = cases.get(ofComponent.get(k)).ts()[Lifecycle.REPORTED];
                long first = cases.get(ofComponent.get(k - RECURRENCE_CASES + 1)).ts()[Lifecycle.REPORTED];
                if (t - first <= RECURRENCE_WINDOW_MS) {
                    int i = ofComponent.get(k);
                    StringBuilder ids = new StringBuilder();
                    for (int j = k - RECURRENCE_CASES + 1; j <= k; j++) {
                        ids.append(j > k - RECURRENCE_CASES + 1 ? ", " : "").append(cases.get(ofComponent.get(j)).caseId())
                                .append(" at ").append(clock(cases.get(ofComponent.get(j)).ts()[Lifecycle.REPORTED]));
                    }
                    out.add(new LiveAlert(LiveAlert.RECURRENCE, cellOf[i], cases.get(i).minor(), componentOf[i],
                            cases.get(i).caseId(), TimestampStyle.OFFSET.format(t),
                            note(planted.get(i), RECURRENCE_CASES + " cases within 30 days: " + ids)));
                    break;
                }
            }
        }
        for (PlantedSurge s : surges) {
            String cell = h3.address(s.cell());
            String due = TimestampStyle.OFFSET.format(s.times()[s.times().length - 1]);
            String what = "planted: " + s.times().length + " EVENT cases of major " + s.major() + " from "
                    + clock(s.times()[0]) + " to " + clock(s.times()[s.times().length - 1]) + " (" + s.note() + ")";
            out.add(new LiveAlert(LiveAlert.SURGE, cell, s.major(), null, null, due,
                    what + String.format("; year %d cases of the major here, p <= %.2e at the planner's high forecast",
                            s.yearMajor(), s.pMajor())));
            out.add(new LiveAlert(LiveAlert.SURGE, cell, "ALL", null, null, due,
                    what + String.format("; year %d cases of all classes here, p <= %.2e at the planner's high forecast",
                            s.yearAll(), s.pAll())));
        }
        out.sort(Comparator.<LiveAlert>comparingInt(a -> LiveAlert.KINDS.indexOf(a.kind()))
                .thenComparing(LiveAlert::dueAt).thenComparing(LiveAlert::key));
        return out;
    }

    /** Adds the alert of one timed step when the rule raises it. */
    private static void overdue(List<LiveAlert> out, WrittenCase c, int index, int lastStep, String kind, int from,
                                int step, long limitMs, long watermark, String cell, String component, String planted) {
        long[] ts = c.ts();
        if (lastStep < from || ts[from] == Lifecycle.EMPTY) {
            return;
        }
        long deadline = ts[from] + limitMs;
        boolean shown = lastStep >= step && ts[step] != Lifecycle.EMPTY;
        String why;
        if (shown) {
            if (ts[step] <= deadline) {
                return;
            }
            why = STEP_NAMES[step] + " at " + clock(ts[step]) + ", after the deadline";
        } else {
            if (deadline > watermark) {
                return;
            }
            why = "no " + STEP_NAMES[step] + " by the last watermark " + clock(watermark);
        }
        out.add(new LiveAlert(kind, cell, c.minor(), component, c.caseId(), TimestampStyle.OFFSET.format(deadline),
                note(planted, STEP_NAMES[from] + " at " + clock(ts[from]) + ", limit " + limitMs / 60_000 + " min, " + why)));
    }

    private static final String[] STEP_NAMES = {"reported", "verified", "dispatched", "disposed", "closed"};

    private static String note(String planted, String text) {
        return planted == null ? "background: " + text : "planted (" + planted + "): " + text;
    }

    /** Local time of day {@code HH:mm:ss}. */
    static String clock(long ms) {
        return TimestampStyle.OFFSET.format(ms).substring(11, 19);
    }
}
