package org.pathlane.inference.stitch;

/**
 * Where one tile sits on the slide and which part of it is its core.
 *
 * @param col      tile column in the grid
 * @param row      tile row in the grid
 * @param originX  level-0 x of the tile's top-left pixel (halo included)
 * @param originY  level-0 y of the tile's top-left pixel
 * @param scale    level-0 pixels per tile pixel (the model's pixel size over the slide's)
 * @param size     the tile's side in tile pixels (core + halos, plus padding the model may need)
 * @param halo     tile pixels before the core on the left and top
 * @param coreWidth  core width in tile pixels (smaller at the region's right edge)
 * @param coreHeight core height in tile pixels (smaller at the bottom edge)
 */
public record TileWindow(int col, int row, double originX, double originY, double scale, int size, int halo,
        int coreWidth, int coreHeight) {

    /** Whether a point in tile pixels lies in the core (half-open, so neighbouring cores never share a point). */
    public boolean inCore(double x, double y) {
        return x >= halo && x < halo + coreWidth && y >= halo && y < halo + coreHeight;
    }

    public double toLevel0X(double tileX) {
        return originX + tileX * scale;
    }

    public double toLevel0Y(double tileY) {
        return originY + tileY * scale;
    }
}
