package io.zhili.jobs.changes;

import io.zhili.geo.changes.ChangeDates;
import io.zhili.geo.changes.ChangeOutcome;
import io.zhili.geo.changes.ChangePolygon;
import io.zhili.geo.changes.ChangeScreening;
import io.zhili.geo.changes.ReferencePolygons;
import io.zhili.geo.changes.RoundMatcher;
import io.zhili.geo.changes.Structure;
import io.zhili.geo.changes.SuspectIds;
import io.zhili.geo.crs.Cgcs2000GaussKruger;
import io.zhili.geo.geojson.AreaIndex;
import io.zhili.geo.geojson.AreaLayer;
import io.zhili.geo.geojson.AreaLevel;
import io.zhili.jobs.hotspots.JobCounters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The suspect stage, one task: merges every candidate into structures ({@link ChangeScreening#merge}),
 * judges size and shape ({@link ChangeScreening#judge}; TOO_SMALL and THIN fragments go to
 * {@link #EXPLAINED}), matches the suspects to the previous round's and gives them ids, statuses and
 * area codes. Candidates are what the per-polygon tests left, a share of the input (about 40 % in
 * the generated city), and merging needs the neighbours of every fragment, so one task sees them all;
 * polygons are sorted by change_id first, so the result does not depend on the parallelism.
 */
final class SuspectOperator extends AbstractStreamOperator<SuspectRow>
        implements OneInputStreamOperator<ChangeRecord, SuspectRow>, BoundedOneInput {
    static final OutputTag<ExplainedRow> EXPLAINED = new OutputTag<>("judged") {
    };
    public static final String NEW = "NEW";
    public static final String PERSISTING = "PERSISTING";
    public static final String GONE = "GONE";

    private final ChangeOptions options;
    private final String previous;
    private final String areas;
    private transient List<ChangeRecord> candidates;
    private transient JobCounters counters;

    SuspectOperator(ChangeOptions options, Path previous, Path areas) {
        this.options = options;
        this.previous = previous == null ? null : previous.toAbsolutePath().toString();
        this.areas = areas == null ? null : areas.toAbsolutePath().toString();
    }

    @Override
    public void open() throws Exception {
        super.open();
        candidates = new ArrayList<>();
        counters = JobCounters.of(getRuntimeContext());
    }

    @Override
    public void processElement(StreamRecord<ChangeRecord> element) {
        candidates.add(element.getValue());
    }

    @Override
    public void endInput() throws Exception {
        long t0 = System.nanoTime();
        ChangeScreening screening = new ChangeScreening(options.rules(), new ReferencePolygons.Builder().build(), null);
        WKBReader reader = new WKBReader();
        Map<String, ChangeRecord> byId = new HashMap<>();
        List<ChangePolygon> polygons = new ArrayList<>(candidates.size());
        for (ChangeRecord r : candidates) {
            byId.put(r.changeId, r);
            polygons.add(new ChangePolygon(r.changeId, r.beforeDay, r.afterDay, r.confidence, r.changeClass, read(reader, r.plane)));
        }
        candidates = null;
        List<Structure> suspects = new ArrayList<>();
        for (Structure s : screening.merge(polygons)) {
            ChangeScreening.Verdict v = screening.judge(s);
            if (v.outcome() == ChangeOutcome.SUSPECT) {
                suspects.add(s);
                continue;
            }
            for (ChangePolygon f : s.fragments()) {
                ChangeRecord r = byId.get(f.changeId());
                counters.add("changes.explained." + v.outcome().name(), 1);
                String detail = r.repaired == null ? v.detail() : v.detail() + "; geometry " + r.repaired;
                output.collect(EXPLAINED, new StreamRecord<>(new ExplainedRow(r.changeId, v.outcome().name(), detail, r.lonLat)));
            }
        }
        String round = roundName(suspects);
        List<PreviousRound.Suspect> before = previous == null ? List.of() : PreviousRound.read(Path.of(previous));
        List<Geometry> previousPlanes = new ArrayList<>(before.size());
        before.forEach(p -> previousPlanes.add(p.plane()));
        List<Geometry> currentPlanes = new ArrayList<>(suspects.size());
        suspects.forEach(s -> currentPlanes.add(s.plane()));
        int[] matched = RoundMatcher.match(previousPlanes, currentPlanes, options.rules().matchIou());
        boolean[] seen = new boolean[before.size()];
        AreaIndex areaIndex = areas == null ? null : new AreaIndex(AreaLayer.read(Path.of(areas)));
        Cgcs2000GaussKruger gk = Cgcs2000GaussKruger.get();
        WKBWriter writer = new WKBWriter();
        for (int i = 0; i < suspects.size(); i++) {
            Structure s = suspects.get(i);
            SuspectRow row = new SuspectRow();
            List<String> ids = s.changeIds();
            if (matched[i] >= 0) {
                SuspectRow p = before.get(matched[i]).row();
                seen[matched[i]] = true;
                row.suspectId = p.suspectId;
                row.firstRound = p.firstRound;
                row.status = PERSISTING;
            } else {
                row.suspectId = SuspectIds.newId(round, ids);
                row.firstRound = round;
                row.status = NEW;
            }
            row.round = round;
            row.areaM2 = s.area();
            row.nFragments = ids.size();
            row.changeIds = String.join(",", ids);
            row.afterDate = ChangeDates.format(s.afterDay());
            Geometry lonLat = gk.unproject(s.plane());
            row.geometry = writer.write(lonLat);
            if (areaIndex != null) {
                Point at = lonLat.getInteriorPoint();
                row.districtCode = areaIndex.areaAt(AreaLevel.DISTRICT, at.getX(), at.getY());
                row.streetCode = areaIndex.areaAt(AreaLevel.STREET, at.getX(), at.getY());
                row.gridCode = areaIndex.areaAt(AreaLevel.GRID, at.getX(), at.getY());
            }
            counters.add("changes.suspect_fragments", ids.size());
            counters.add("suspects." + row.status, 1);
            output.collect(new StreamRecord<>(row));
        }
        for (int i = 0; i < before.size(); i++) {
            if (!seen[i]) {
                SuspectRow gone = before.get(i).row();
                gone.round = round;
                gone.status = GONE;
                counters.add("suspects." + GONE, 1);
                output.collect(new StreamRecord<>(gone));
            }
        }
        counters.addMillis("stage.suspects_ms", t0);
        output.collect(JobCounters.COUNTS, new StreamRecord<>(counters.snapshot()));
    }

    /** {@code --round}, else the month of the latest after_date of the suspects, else "unnamed". */
    private String roundName(List<Structure> suspects) {
        if (options.round != null) {
            return options.round;
        }
        int latest = suspects.stream().mapToInt(Structure::afterDay).max().orElse(Integer.MIN_VALUE);
        return latest == Integer.MIN_VALUE ? "unnamed" : ChangeDates.format(latest).substring(0, 7);
    }

    private static Geometry read(WKBReader reader, byte[] wkb) {
        try {
            return reader.read(wkb);
        } catch (ParseException e) {
            throw new IllegalStateException("corrupt WKB in a candidate", e);
        }
    }
}
