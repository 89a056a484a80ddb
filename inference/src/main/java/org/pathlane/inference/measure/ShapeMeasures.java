package org.pathlane.inference.measure;

import org.locationtech.jts.algorithm.ConvexHull;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * Shape measurements of a nucleus outline, in level-0 pixels: perimeter, circularity (4π·area /
 * perimeter²) and solidity (area / convex hull area) on the pixel boundary smoothed over {@value #SMOOTHING}
 * steps, Feret's maximum from the convex hull, and the equivalent ellipse of the outline's second moments
 * as scikit-image's {@code regionprops} gives it (axis = 4·√eigenvalue of the covariance, eccentricity =
 * √(1 − λ₂/λ₁)). Hull and moments are the exported polygon's own (Green's theorem): a disc's axes are its
 * diameter.
 *
 * <p>Why the perimeter is not the exported polygon's: that outline follows pixel edges (straightened where
 * they deviate less than half a pixel), and a staircase is as long as the box around it, so a digital disc
 * came out with a circularity of 0.68 and a solidity of 0.96. Averaging each boundary corner with its neighbours (a window of
 * {@value #SMOOTHING}) gives discs of radius 3 to 20 px 0.98 to 0.99, a 2:1 ellipse 0.82 (exact: 0.84).
 */
public final class ShapeMeasures {

    /**
     * @param perimeter    length of the smoothed pixel boundary
     * @param circularity  4π·area / perimeter²
     * @param solidity     area / convex hull area
     * @param maxCaliper   Feret's maximum
     * @param majorAxis    equivalent ellipse's major axis
     * @param minorAxis    its minor axis
     * @param eccentricity its eccentricity
     */
    public record Shape(double perimeter, double circularity, double solidity, double maxCaliper, double majorAxis,
            double minorAxis, double eccentricity) {
    }

    /** Boundary corners averaged for the perimeter: 5 (each with two neighbours either side). */
    static final int SMOOTHING = 5;

    private ShapeMeasures() {
    }

    /** Measures a polygon's exterior ring (holes are not nuclei's), its perimeter as it is. */
    public static Shape of(Polygon polygon) {
        Coordinate[] ring = polygon.getExteriorRing().getCoordinates();
        return of(polygon, Math.abs(signedArea(ring)), polygon.getExteriorRing().getLength());
    }

    /**
     * Measures a nucleus: the exported outline, and the pixel boundary it was made from for the perimeter.
     *
     * @param polygon   the outline, level-0 pixels
     * @param pixelRing the pixel-edge ring the outline was made from, tile pixels (x0, y0, x1, y1, ... closed,
     *                  whole-pixel corners, as {@code ContourTracer} gives it)
     * @param scale     level-0 pixels per tile pixel
     */
    public static Shape of(Polygon polygon, double[] pixelRing, double scale) {
        Coordinate[] smooth = smoothed(pixelRing);
        if (smooth.length < 4) {
            return of(polygon);
        }
        double area = Math.abs(signedArea(smooth));
        double hullArea = new ConvexHull(smooth, polygon.getFactory()).getConvexHull().getArea();
        double perimeter = length(smooth);
        return of(polygon, area, perimeter, hullArea > 0 ? area / hullArea : 1, scale);
    }

    private static Shape of(Polygon polygon, double boundaryArea, double perimeter) {
        Coordinate[] ring = polygon.getExteriorRing().getCoordinates();
        double hullArea = new ConvexHull(ring, polygon.getFactory()).getConvexHull().getArea();
        return of(polygon, boundaryArea, perimeter, hullArea > 0 ? boundaryArea / hullArea : 1, 1);
    }

    /** The boundary's area, perimeter and solidity are in its units, {@code scale} of them per level-0 pixel. */
    private static Shape of(Polygon polygon, double boundaryArea, double perimeter, double solidity, double scale) {
        Coordinate[] ring = polygon.getExteriorRing().getCoordinates();
        if (!(boundaryArea > 0) || !(perimeter > 0)) {
            return new Shape(Math.max(0, perimeter * scale), 0, 0, caliper(ring), 0, 0, 0);
        }
        Geometry hull = new ConvexHull(ring, polygon.getFactory()).getConvexHull();
        double circularity = Math.min(1, 4 * Math.PI * boundaryArea / (perimeter * perimeter));
        double[] axes = ellipse(ring);
        return new Shape(perimeter * scale, circularity, Math.min(1, solidity), caliper(hull.getCoordinates()), axes[0],
                axes[1], axes[2]);
    }

    private static double length(Coordinate[] ring) {
        double length = 0;
        for (int i = 0; i + 1 < ring.length; i++) {
            length += Math.hypot(ring[i + 1].x - ring[i].x, ring[i + 1].y - ring[i].y);
        }
        return length;
    }

    /**
     * A pixel-edge ring with each of its unit steps' corners averaged with its neighbours ({@link #SMOOTHING}
     * in all), closed, relative to the ring's first corner (precision on large slides); empty when the ring
     * has fewer steps than that.
     */
    static Coordinate[] smoothed(double[] ring) {
        int corners = ring.length / 2 - 1;
        int steps = 0;
        for (int i = 0; i < corners; i++) {
            steps += (int) Math.round(Math.abs(ring[2 * i + 2] - ring[2 * i]) + Math.abs(ring[2 * i + 3] - ring[2 * i + 1]));
        }
        if (steps < SMOOTHING) {
            return new Coordinate[0];
        }
        double[] x = new double[steps];
        double[] y = new double[steps];
        int k = 0;
        for (int i = 0; i < corners; i++) {
            double dx = Math.signum(ring[2 * i + 2] - ring[2 * i]);
            double dy = Math.signum(ring[2 * i + 3] - ring[2 * i + 1]);
            int length = (int) Math.round(Math.abs(ring[2 * i + 2] - ring[2 * i]) + Math.abs(ring[2 * i + 3] - ring[2 * i + 1]));
            for (int s = 0; s < length; s++) {
                x[k] = ring[2 * i] - ring[0] + dx * s;
                y[k] = ring[2 * i + 1] - ring[1] + dy * s;
                k++;
            }
        }
        int half = SMOOTHING / 2;
        double sx = 0;
        double sy = 0;
        for (int j = -half; j <= half; j++) {
            sx += x[Math.floorMod(j, steps)];
            sy += y[Math.floorMod(j, steps)];
        }
        Coordinate[] out = new Coordinate[steps + 1];
        out[0] = new Coordinate(sx / SMOOTHING, sy / SMOOTHING);
        for (int i = 1; i < steps; i++) {
            sx += x[Math.floorMod(i + half, steps)] - x[Math.floorMod(i - half - 1, steps)];
            sy += y[Math.floorMod(i + half, steps)] - y[Math.floorMod(i - half - 1, steps)];
            out[i] = new Coordinate(sx / SMOOTHING, sy / SMOOTHING);
        }
        out[steps] = out[0];
        return out;
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
