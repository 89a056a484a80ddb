package org.pathlane.inference.stitch;

import org.locationtech.jts.geom.Polygon;
import org.pathlane.inference.measure.NucleusMeasurements;
import org.pathlane.inference.measure.ShapeMeasures;

/**
 * One nucleus of the slide, in level-0 pixel coordinates.
 *
 * @param polygon      its outline
 * @param centroidX    level-0 x of its centroid
 * @param centroidY    level-0 y of its centroid
 * @param areaPx       polygon area in level-0 pixels²
 * @param perimeter    polygon perimeter in level-0 pixels
 * @param meanOd       mean hematoxylin optical density
 * @param col          column of the tile whose core holds it
 * @param row          row of that tile
 * @param measurements shape (level-0 px) and intensity measurements, taken where the pixels were
 */
public record Nucleus(Polygon polygon, double centroidX, double centroidY, double areaPx, double perimeter,
        double meanOd, int col, int row, NucleusMeasurements measurements) {

    /** A nucleus whose pixels were not measured: its shape is measured on the outline. */
    public Nucleus(Polygon polygon, double centroidX, double centroidY, double areaPx, double perimeter, double meanOd,
            int col, int row) {
        this(polygon, centroidX, centroidY, areaPx, perimeter, meanOd, col, row,
                NucleusMeasurements.shapeOnly(ShapeMeasures.of(polygon)));
    }
}
