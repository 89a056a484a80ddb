package org.pathlane.inference.export;

import org.pathlane.inference.stitch.Nucleus;

/**
 * A nucleus with its run-wide id and physical measurements, as every export writes it.
 *
 * @param id      1..n in grid order (tile row, tile column, then as found in the tile)
 * @param nucleus geometry and pixel measurements in level-0 pixels
 * @param areaUm2 area in µm²
 */
public record CellRecord(long id, Nucleus nucleus, double areaUm2) {
}
