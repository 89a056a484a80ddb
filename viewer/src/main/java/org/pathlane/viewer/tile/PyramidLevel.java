package org.pathlane.viewer.tile;

/**
 * One level of an image pyramid.
 *
 * @param width      in pixels of this level
 * @param height     in pixels of this level
 * @param downsample level-0 pixels per pixel of this level (1 for level 0)
 */
public record PyramidLevel(long width, long height, double downsample) {

    public PyramidLevel {
        if (width <= 0 || height <= 0 || !(downsample >= 1.0 - 1e-9)) {
            throw new IllegalArgumentException("a pyramid level needs a positive size and a downsample >= 1, got "
                    + width + "x" + height + " at downsample " + downsample);
        }
    }

    /** Tile columns at this level for square tiles of {@code tileSize} pixels. */
    public int columns(int tileSize) {
        return (int) ((width + tileSize - 1) / tileSize);
    }

    /** Tile rows at this level for square tiles of {@code tileSize} pixels. */
    public int rows(int tileSize) {
        return (int) ((height + tileSize - 1) / tileSize);
    }
}
