package io.zhili.geo.changes;

import org.locationtech.jts.geom.Geometry;

/**
 * Compactness of a polygon as a width in metres: the width of the rectangle with the same area and
 * perimeter ("equivalent rectangle"). For a W×L rectangle it is exactly W (a 2×80 m sliver along a road
 * is 2 m wide, a 10×10 m shed 10 m); shapes more compact than a square (no rectangle has their area and
 * perimeter) count as √area wide. Unlike Polsby–Popper it is in metres, so the threshold reads as
 * "narrower than 3 m" whatever the polygon's size. Stateless.
 */
public final class ShapeMeasures {
    private ShapeMeasures() {
    }

    /** Equivalent-rectangle width of a polygon with this area (m²) and perimeter (m). */
    public static double equivalentWidth(double area, double perimeter) {
        if (area <= 0 || perimeter <= 0) {
            return 0;
        }
        double halfPerimeter = perimeter / 2;
        double discriminant = halfPerimeter * halfPerimeter - 4 * area;
        if (discriminant <= 0) {
            return Math.sqrt(area);
        }
        return (halfPerimeter - Math.sqrt(discriminant)) / 2;
    }

    /** Equivalent-rectangle width of a planar (metric) polygonal geometry. */
    public static double equivalentWidth(Geometry plane) {
        return equivalentWidth(plane.getArea(), plane.getLength());
    }
}
