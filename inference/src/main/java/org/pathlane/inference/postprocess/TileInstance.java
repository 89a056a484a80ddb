package org.pathlane.inference.postprocess;

/**
 * One instance found in a tile, in the tile's pixel coordinates.
 *
 * @param ring      outer boundary as x0, y0, x1, y1, ..., closed (pixel-corner coordinates)
 * @param centroidX mean x of the instance's pixel centres
 * @param centroidY mean y of the instance's pixel centres
 * @param pixels    how many pixels it has
 * @param meanOd    mean hematoxylin optical density over its pixels (on fluorescence: of the nuclear channel
 *                  rendered as hematoxylin for the model)
 * @param intensity mean, std dev, min, max of each measured channel over its pixels
 *                  ({@link org.pathlane.inference.measure.NucleusMeasurements#intensity})
 */
public record TileInstance(double[] ring, double centroidX, double centroidY, int pixels, double meanOd,
        double[] intensity) {
}
