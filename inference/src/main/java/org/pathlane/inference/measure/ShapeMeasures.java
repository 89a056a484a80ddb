package org.pathlane.inference.measure;

import org.locationtech.jts.algorithm.ConvexHull;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * Shape measurements of a nucleus outline, in the outline's own units (level-0 pixels): circularity and
 * solidity as QuPath defines them, Feret's maximum from the convex hull, and the equivalent ellipse of the
 * outline's second moments as scikit-image's {@code regionprops} gives it (axis = 4·√eigenvalue of the
 * covariance, eccentricity = √(1 − λ₂/λ₁)). The moments are the polygon's own (Green's theorem), so they
 * are those of the outline the exports carry: a disc's axes are its diameter.
 */
public final class ShapeMeasures {

    /**
     * @param circularity  4π·area / perimeter²
     * @param solidity     area / convex hull area
     * @param maxCaliper   Feret's maximum
     * @param majorAxis    equivalent ellipse's major axis
     * @param minorAxis    its minor axis
     * @param eccentricity its eccentricity
     */
    public record Shape(double circularity, double solidity, double maxCaliper, double majorAxis, double minorAxis,
            double eccentricity) {
    }

    private ShapeMeasures() {
    }

    /** Measures a polygon's exterior ring (holes are not nuclei's). */
    public static Shape of(Polygon polygon) {
        Coordinate[] ring = polygon.getExteriorRing().getCoordinates();
        double area = Math.abs(signedArea(ring));
        double perimeter = polygon.getExteriorRing().getLength();
        if (!(area > 0) || !(perimeter > 0)) {
            return new Shape(0, 0, caliper(ring), 0, 0, 0);
        }
        Geometry hull = new ConvexHull(ring, polygon.getFactory()).getConvexHull();
        double hullArea = hull.getArea();
        double circularity = Math.min(1, 4 * Math.PI * area / (perimeter * perimeter));
        double solidity = hullArea > 0 ? Math.min(1, area / hullArea) : 1;
        double[] axes = ellipse(ring);
        return new Shape(circularity, solidity, caliper(hull.getCoordinates()), axes[0], axes[1], axes[2]);
    }

    private static double signedArea(Coordinate[] ring) {
        double x0 = ring[0].x;
        double y0 = ring[0].y;
        double a = 0;
        for (int i = 0; i + 1 < ring.length; i++) {
            a += (ring[i].x - x0) * (ring[i + 1].y - y0) - (ring[i + 1].x - x0) * (ring[i].y - y0);
        }
        return a / 2;
    }

    /** The largest distance between two of the points (the hull's vertices: a few dozen). */
    static double caliper(Coordinate[] points) {
        double best = 0;
        for (int i = 0; i < points.length; i++) {
            for (int j = i + 1; j < points.length; j++) {
                double dx = points[i].x - points[j].x;
                double dy = points[i].y - points[j].y;
                best = Math.max(best, dx * dx + dy * dy);
            }
        }
        return Math.sqrt(best);
    }

    /**
     * Major axis, minor axis and eccentricity of the ellipse with the ring's area moments. Coordinates are
     * taken relative to the first vertex, so level-0 positions of 10⁵ px lose no precision.
     */
    static double[] ellipse(Coordinate[] ring) {
        double x0 = ring[0].x;
        double y0 = ring[0].y;
        double a = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i + 1 < ring.length; i++) {
            double xi = ring[i].x - x0;
            double yi = ring[i].y - y0;
            double xj = ring[i + 1].x - x0;
            double yj = ring[i + 1].y - y0;
            double cross = xi * yj - xj * yi;
            a += cross;
            sx += (xi + xj) * cross;
            sy += (yi + yj) * cross;
            sxx += (xi * xi + xi * xj + xj * xj) * cross;
            syy += (yi * yi + yi * yj + yj * yj) * cross;
            sxy += (xi * yj + 2 * xi * yi + 2 * xj * yj + xj * yi) * cross;
        }
        // a = 2·area; ∫x dA = sx/6; ∫x² dA = sxx/12; ∫xy dA = sxy/24 (signs cancel for either orientation).
        double area = a / 2;
        double cx = sx / (3 * a);
        double cy = sy / (3 * a);
        double mu20 = sxx / (12 * area) - cx * cx;
        double mu02 = syy / (12 * area) - cy * cy;
        double mu11 = sxy / (24 * area) - cx * cy;
        double mean = (mu20 + mu02) / 2;
        double spread = Math.sqrt(Math.max(0, (mu20 - mu02) * (mu20 - mu02) / 4 + mu11 * mu11));
        double l1 = Math.max(0, mean + spread);
        double l2 = Math.max(0, mean - spread);
        double eccentricity = l1 > 0 ? Math.sqrt(Math.max(0, 1 - l2 / l1)) : 0;
        return new double[] {4 * Math.sqrt(l1), 4 * Math.sqrt(l2), eccentricity};
    }
}
