package org.pathlane.inference.export;

import org.pathlane.inference.stitch.Nucleus;

/**
 * A nucleus with its run-wide id and the slide's pixel size, as every export writes it.
 *
 * @param id              1..n in grid order (tile row, tile column, then as found in the tile)
 * @param nucleus         geometry and measurements in level-0 pixels
 * @param micronsPerPixel the slide's level-0 pixel size the run used
 */
public record CellRecord(long id, Nucleus nucleus, double micronsPerPixel) {

    /** Area in µm². */
    public double areaUm2() {
        return Measurement.AREA.value(nucleus, micronsPerPixel);
    }

    /** A measurement's value in µm, µm² or its own unit (NaN when it was not measured). */
    public double value(Measurement m) {
        return m.value(nucleus, micronsPerPixel);
    }
}
