package io.zhili.jobs.hotspots;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.geojson.AreaIndex;
import io.zhili.geo.util.Timestamps;
import java.util.List;

/** Reads and validates case rows of a split; with a date window, rows of other dates are only counted. */
final class ReadCases extends ReadRows<CaseRecord> {
    private final long windowFrom;
    private final long windowTo;

    ReadCases(HotspotOptions options, ReferenceData reference) {
        super(options, reference);
        windowFrom = options.windowed() ? HotspotOptions.localMidnight(options.from) : Long.MIN_VALUE;
        windowTo = options.windowed() ? HotspotOptions.localMidnight(options.to) : Long.MAX_VALUE;
    }

    @Override
    String input() {
        return "cases";
    }

    @Override
    RowParser<CaseRecord> parser(List<String> header, ClassCatalog catalog, AreaIndex areas) {
        return new CaseParser(header, catalog, options, areas);
    }

    @Override
    boolean outsideRun(RowParser<CaseRecord> parser, String[] fields, JobCounters counters) {
        if (!options.windowed()) {
            return false;
        }
        long reported = ((CaseParser) parser).reportedAt(fields);
        if (Timestamps.isPresent(reported) && (reported < windowFrom || reported >= windowTo)) {
            // Another window's row, good or bad: counted, neither rejected nor joined.
            counters.add("cases.outside_window", 1);
            return true;
        }
        return false;
    }
}
