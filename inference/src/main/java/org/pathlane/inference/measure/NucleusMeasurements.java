package org.pathlane.inference.measure;

import java.util.Arrays;

/**
 * The measurements of one nucleus beyond its area and perimeter, as post-processing takes them: shape in
 * level-0 pixels (the exports convert to µm), intensity per channel of the slide.
 *
 * @param perimeter    length of the pixel boundary, smoothed, level-0 px ({@link ShapeMeasures})
 * @param circularity  4π·area / perimeter²: 1 for a disc, less for anything else
 * @param solidity     area / area of the outline's convex hull
 * @param maxCaliper   the largest distance between two points of the outline (Feret's maximum), level-0 px
 * @param majorAxis    major axis of the ellipse with the outline's second moments, level-0 px
 * @param minorAxis    its minor axis, level-0 px
 * @param eccentricity that ellipse's eccentricity, 0 for a disc, towards 1 for a line
 * @param intensity    mean, std dev, min, max per channel of {@link PixelChannels} (hematoxylin then eosin
 *                     OD, or the nuclear channel); empty when the pixels were not measured
 */
public record NucleusMeasurements(double perimeter, double circularity, double solidity, double maxCaliper, double majorAxis,
        double minorAxis, double eccentricity, double[] intensity) {

    private static final double[] NONE = {};

    public NucleusMeasurements {
        intensity = intensity == null ? NONE : intensity;
    }

    /** The shape of an outline, its pixels not measured. */
    public static NucleusMeasurements shapeOnly(ShapeMeasures.Shape shape) {
        return of(shape, NONE);
    }

    public static NucleusMeasurements of(ShapeMeasures.Shape shape, double[] intensity) {
        return new NucleusMeasurements(shape.perimeter(), shape.circularity(), shape.solidity(), shape.maxCaliper(), shape.majorAxis(),
                shape.minorAxis(), shape.eccentricity(), intensity);
    }

    /** Intensity value {@code i} (see {@link #intensity}), NaN when not measured. */
    public double intensity(int i) {
        return i < intensity.length ? intensity[i] : Double.NaN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NucleusMeasurements m && Double.compare(perimeter, m.perimeter) == 0
                && Double.compare(circularity, m.circularity) == 0
                && Double.compare(solidity, m.solidity) == 0 && Double.compare(maxCaliper, m.maxCaliper) == 0
                && Double.compare(majorAxis, m.majorAxis) == 0 && Double.compare(minorAxis, m.minorAxis) == 0
                && Double.compare(eccentricity, m.eccentricity) == 0 && Arrays.equals(intensity, m.intensity);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(maxCaliper) + Arrays.hashCode(intensity);
    }

    @Override
    public String toString() {
        return "NucleusMeasurements[perimeter=" + perimeter + ", circularity=" + circularity + ", solidity=" + solidity + ", maxCaliper=" + maxCaliper
                + ", majorAxis=" + majorAxis + ", minorAxis=" + minorAxis + ", eccentricity=" + eccentricity
                + ", intensity=" + Arrays.toString(intensity) + "]";
    }
}
