package org.pathlane.inference.stitch;

/**
 * Where one tile image sits on the slide and which level-0 rectangle is its core.
 *
 * @param col     tile column in the grid
 * @param row     tile row in the grid
 * @param originX level-0 x of the tile image's top-left pixel (halo included)
 * @param originY level-0 y of the tile image's top-left pixel
 * @param scale   level-0 pixels per tile-image pixel (the model's pixel size over the slide's)
 * @param size    the tile image's side in pixels (core + halos, plus any padding the model needs)
 * @param coreX   level-0 left edge of the core
 * @param coreY   level-0 top edge of the core
 * @param coreWidth  level-0 core width (smaller at the region's right edge)
 * @param coreHeight level-0 core height (smaller at the bottom edge)
 */
public record TileWindow(int col, int row, double originX, double originY, double scale, int size, double coreX,
        double coreY, double coreWidth, double coreHeight) {

    /**
     * Whether a level-0 point lies in the core: half-open, so neighbouring cores never share a point
     * and every instance belongs to exactly one tile.
     */
    public boolean inCore(double x, double y) {
        return x >= coreX && x < coreX + coreWidth && y >= coreY && y < coreY + coreHeight;
    }

    public double toLevel0X(double tileX) {
        return originX + tileX * scale;
    }

    public double toLevel0Y(double tileY) {
        return originY + tileY * scale;
    }
}
