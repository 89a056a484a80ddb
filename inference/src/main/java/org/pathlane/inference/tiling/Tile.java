package org.pathlane.inference.tiling;

/**
 * One tile of a {@link TileGrid}. All coordinates are level-0 pixels.
 *
 * @param column         grid column
 * @param row            grid row
 * @param x              left edge of the core
 * @param y              top edge of the core
 * @param width          core width (smaller than a full core on the ragged right edge)
 * @param height         core height (smaller on the ragged bottom edge)
 * @param originX        level-0 x of the tile image's pixel (0, 0), i.e. the halo's left edge
 * @param originY        level-0 y of the tile image's pixel (0, 0)
 * @param tissueFraction the core's tissue share, 0..1 (1 when tiling without tissue detection)
 */
public record Tile(int column, int row, long x, long y, long width, long height, double originX, double originY,
        double tissueFraction) {

    /**
     * True when a level-0 point lies in this tile's core (half-open on the right and bottom), the rule
     * that gives every instance to exactly one tile when stitching.
     */
    public boolean coreContains(double px, double py) {
        return px >= x && px < x + width && py >= y && py < y + height;
    }
}
