package io.zhili.geo.crs;

import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.geometry.jts.JTS;
import org.geotools.referencing.CRS;
import org.locationtech.jts.geom.Geometry;

/**
 * WGS-84 longitude/latitude to and from EPSG:4549, "CGCS2000 / 3-degree Gauss-Kruger CM 120E":
 * the metric plane Qingdao's surveys use (transverse Mercator, central meridian 120°E, scale 1,
 * false easting 500 000 m, no zone prefix).
 *
 * <p>The transform comes from GeoTools' EPSG database, decoded longitude-first so that both sides
 * are (x, y) = (lon, lat) and (easting, northing). It is looked up <em>leniently</em>: the EPSG
 * database has no Bursa-Wolf parameters between WGS-84 and CGCS2000, whose realisations agree to
 * about a metre, so the datum change is taken as identity.
 *
 * <p>Thread-safe: GeoTools math transforms are immutable. The EPSG database is loaded once, on the
 * first call to {@link #get()} (about a second). Geometry results carry SRID 4549 (projected) or
 * 4326 (unprojected); non-finite input gives non-finite output.
 */
public final class Cgcs2000GaussKruger {
    /** EPSG code of the projected system. */
    public static final int SRID = 4549;

    private final MathTransform toPlane;
    private final MathTransform toLonLat;

    private Cgcs2000GaussKruger() {
        try {
            CoordinateReferenceSystem wgs84 = CRS.decode("EPSG:4326", true);
            CoordinateReferenceSystem gk = CRS.decode("EPSG:" + SRID, true);
            toPlane = CRS.findMathTransform(wgs84, gk, true);
            toLonLat = toPlane.inverse();
        } catch (FactoryException | org.geotools.api.referencing.operation.NoninvertibleTransformException e) {
            throw new IllegalStateException("cannot build the EPSG:4326 -> EPSG:4549 transform from GeoTools' EPSG database", e);
        }
    }

    private static final class Holder {
        static final Cgcs2000GaussKruger INSTANCE = new Cgcs2000GaussKruger();
    }

    /** The shared instance. */
    public static Cgcs2000GaussKruger get() {
        return Holder.INSTANCE;
    }

    /** WGS-84 {@code (lon, lat)} degrees to {@code {easting, northing}} metres. */
    public double[] project(double lon, double lat) {
        return transform(toPlane, lon, lat);
    }

    /** {@code (easting, northing)} metres to WGS-84 {@code {lon, lat}} degrees. */
    public double[] unproject(double x, double y) {
        return transform(toLonLat, x, y);
    }

    /** A copy of a lon/lat geometry in EPSG:4549 metres (SRID 4549). */
    public Geometry project(Geometry lonLat) {
        return transform(toPlane, lonLat, SRID);
    }

    /** A copy of an EPSG:4549 geometry in lon/lat degrees (SRID 4326). */
    public Geometry unproject(Geometry plane) {
        return transform(toLonLat, plane, 4326);
    }

    private static double[] transform(MathTransform t, double x, double y) {
        double[] p = {x, y};
        try {
            t.transform(p, 0, p, 0, 1);
        } catch (TransformException e) {
            throw new IllegalArgumentException("cannot transform (" + x + ", " + y + "): " + e.getMessage(), e);
        }
        return p;
    }

    private static Geometry transform(MathTransform t, Geometry g, int srid) {
        try {
            Geometry out = JTS.transform(g, t);
            out.setSRID(srid);
            return out;
        } catch (TransformException e) {
            throw new IllegalArgumentException("cannot transform " + g.getGeometryType() + ": " + e.getMessage(), e);
        }
    }
}
