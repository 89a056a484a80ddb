package org.pathlane.inference.segment;

import java.util.List;
import org.pathlane.inference.stitch.Nucleus;

/**
 * The event a running segmentation job publishes per finished tile, so a viewer can overlay its cells live.
 *
 * @param col   tile column
 * @param row   tile row
 * @param cells the tile's nuclei, level-0 polygons
 */
public record TileCells(int col, int row, List<Nucleus> cells) {
}
