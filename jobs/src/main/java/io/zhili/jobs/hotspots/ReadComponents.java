package io.zhili.jobs.hotspots;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.geojson.AreaIndex;
import java.util.List;

/** Reads and validates component rows of a split. */
final class ReadComponents extends ReadRows<ComponentRecord> {
    ReadComponents(HotspotOptions options, ReferenceData reference) {
        super(options, reference);
    }

    @Override
    String input() {
        return "components";
    }

    @Override
    RowParser<ComponentRecord> parser(List<String> header, ClassCatalog catalog, AreaIndex areas) {
        return new ComponentParser(header, catalog, options, areas);
    }
}
