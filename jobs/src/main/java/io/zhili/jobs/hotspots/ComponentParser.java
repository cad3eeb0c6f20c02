package io.zhili.jobs.hotspots;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.catalog.ComponentCode;
import io.zhili.geo.catalog.InvalidComponentCodeException;
import io.zhili.geo.geojson.AreaIndex;
import io.zhili.geo.geojson.AreaLevel;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.table.RejectReason;
import java.util.List;

/**
 * Validates a row of the components contract ({@code component_id, major_class, minor_class, lon, lat,
 * district_code, status}). Checks run in a fixed order (class, code, coordinates, area) so that a row
 * with one defect always gets the same reason.
 */
public final class ComponentParser extends RowParser<ComponentRecord> {
    public static final String[] COLUMNS = {"component_id", "major_class", "minor_class", "lon", "lat", "district_code"};

    private final ClassCatalog catalog;
    private final HotspotOptions options;
    private final AreaIndex areas;
    private final H3Grid h3 = H3Grid.get();
    private final int[] col;

    public ComponentParser(List<String> header, ClassCatalog catalog, HotspotOptions options, AreaIndex areas) {
        this.catalog = catalog;
        this.options = options;
        this.areas = areas;
        this.col = columnIndexes(header, COLUMNS, "components");
    }

    @Override
    public ComponentRecord parse(String[] f) {
        String idText = field(f, col[0]);
        String major = field(f, col[1]);
        String minor = field(f, col[2]);
        if (classCode(minor, 4) < 0 || catalog.find(ClassKind.COMPONENT, minor).isEmpty()) {
            return refuse(RejectReason.UNKNOWN_CLASS.name(), "minor_class '" + minor + "' is not a component subclass of the catalog");
        }
        String majorProblem = majorProblem(major, minor);
        if (majorProblem != null) {
            return refuse(RejectReason.UNKNOWN_CLASS.name(), majorProblem);
        }
        ComponentCode code;
        try {
            code = ComponentCode.parse(idText, catalog);
        } catch (InvalidComponentCodeException e) {
            return refuse(RejectReason.BAD_COMPONENT_CODE.name(), e.getMessage());
        }
        if (!code.minorClass().equals(minor)) {
            return refuse(RejectReason.BAD_COMPONENT_CODE.name(),
                    "component_id " + idText + " encodes class " + code.minorClass() + " but minor_class is " + minor);
        }
        String lonText = field(f, col[3]);
        String latText = field(f, col[4]);
        double lon = coordinate(lonText);
        double lat = coordinate(latText);
        String problem = coordinateProblem(lon, lat, lonText, latText);
        if (problem != null) {
            return refuse(RejectReason.BAD_COORDINATES.name(), problem);
        }
        if (areas != null ? areas.areaAt(AreaLevel.DISTRICT, lon, lat) == null : !options.insideCityBox(lon, lat)) {
            return refuse(RejectReason.OUT_OF_AREA.name(), "lon/lat " + lonText + "," + latText + " is outside the city");
        }
        ComponentRecord r = new ComponentRecord();
        r.id = code.asLong();
        r.minorClass = Integer.parseInt(minor);
        r.lon = lon;
        r.lat = lat;
        r.cell = h3.cell(lon, lat, options.resolution);
        r.district = districtCode(field(f, col[5]));
        return r;
    }
}
