package io.zhili.geo.changes;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Makes an input polygon usable: a valid Polygon/MultiPolygon passes unchanged, an invalid one (a
 * self-intersecting "bow tie", a ring with a spike) is repaired with JTS's {@link GeometryFixer}
 * (make-valid: keeps every area the rings enclose, drops collapsed parts) and keeps its polygonal part;
 * what is empty, not polygonal or has no area after repair is refused with a reason. Stateless.
 */
public final class GeometryRepair {
    /**
     * @param geometry the usable geometry, or null when refused
     * @param repaired whether the geometry was invalid and repaired
     * @param detail   why it was repaired or refused (null for a valid geometry)
     */
    public record Result(Geometry geometry, boolean repaired, String detail) {
        public boolean refused() {
            return geometry == null;
        }
    }

    private GeometryRepair() {
    }

    public static Result repair(Geometry g) {
        if (g == null || g.isEmpty()) {
            return new Result(null, false, "geometry is empty");
        }
        if (!(g instanceof Polygonal)) {
            return new Result(null, false, "geometry is a " + g.getGeometryType() + ", not a Polygon or MultiPolygon");
        }
        IsValidOp op = new IsValidOp(g);
        TopologyValidationError error = op.getValidationError();
        if (error == null) {
            return new Result(g, false, null);
        }
        String why = error.getMessage() + " at " + error.getCoordinate();
        Geometry fixed = polygonal(GeometryFixer.fix(g));
        if (fixed == null || fixed.isEmpty() || !(fixed.getArea() > 0)) {
            return new Result(null, false, "invalid geometry (" + why + ") has no area once repaired");
        }
        return new Result(fixed, true, "repaired: " + why);
    }

    /** The polygonal part of a geometry (a fixed polygon may come back as a collection with lines). */
    static Geometry polygonal(Geometry g) {
        if (g instanceof Polygonal) {
            return g;
        }
        List<Polygon> polygons = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Polygon p && !p.isEmpty()) {
                polygons.add(p);
            } else if (part instanceof Polygonal && !part.isEmpty()) {
                for (int j = 0; j < part.getNumGeometries(); j++) {
                    polygons.add((Polygon) part.getGeometryN(j));
                }
            }
        }
        if (polygons.isEmpty()) {
            return null;
        }
        return polygons.size() == 1 ? polygons.get(0)
                : g.getFactory().createMultiPolygon(polygons.toArray(new Polygon[0]));
    }
}
