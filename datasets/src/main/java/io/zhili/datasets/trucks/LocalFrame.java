package io.zhili.datasets.trucks;

import io.zhili.geo.crs.Distances;
import org.locationtech.jts.geom.Coordinate;

/**
 * A local metric plane around an origin: x metres east, y metres north, scaled by the WGS-84
 * metres per degree at the origin's latitude. The generator lays out each site, route and zone in
 * the frame of its own neighbourhood, where the scale error is far below a metre.
 */
record LocalFrame(double lon0, double lat0, double kx, double ky) {

    static LocalFrame at(double lon, double lat) {
        return new LocalFrame(lon, lat, Distances.metersPerDegreeLon(lat), Distances.metersPerDegreeLat(lat));
    }

    double x(double lon) {
        return (lon - lon0) * kx;
    }

    double y(double lat) {
        return (lat - lat0) * ky;
    }

    double lon(double x) {
        return lon0 + x / kx;
    }

    double lat(double y) {
        return lat0 + y / ky;
    }

    Coordinate toLonLat(double x, double y) {
        return new Coordinate(lon(x), lat(y));
    }

    Coordinate toXy(Coordinate lonLat) {
        return new Coordinate(x(lonLat.x), y(lonLat.y));
    }
}
