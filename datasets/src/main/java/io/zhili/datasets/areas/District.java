package io.zhili.datasets.areas;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * One of Qingdao's ten district-level divisions as the synthetic city uses it.
 *
 * @param code           6-digit administrative division code (GB/T 2260), e.g. {@code 370202}
 * @param nameZh         official Chinese name, e.g. 市南区
 * @param nameEn         English name, e.g. Shinan District
 * @param geometry       real outline (Polygon or MultiPolygon, lon/lat WGS-84, SRID 4326) from the resource
 *                       {@value QingdaoAreas#DISTRICTS_RESOURCE}; neighbours share borders, nothing overlaps,
 *                       the sea and Jiaozhou Bay belong to no district
 * @param componentShare share of the city's registered components located in this district (all sum to 1)
 * @param caseShare      share of the city's EVENT cases located in this district (all sum to 1)
 * @param towns          built-up centres, the first being the district's downtown
 */
public record District(String code, String nameZh, String nameEn, Geometry geometry,
                       double componentShare, double caseShare, List<Town> towns) {
    public District {
        towns = List.copyOf(towns);
    }
}
