package org.pathlane.viewer.tile;

/**
 * The pixels of one tile: {@code width × height} non-premultiplied ARGB ints, row by row. Fully
 * transparent pixels mark areas without data (outside the slide, empty scan areas).
 */
public record TilePixels(int width, int height, int[] argb) {

    public TilePixels {
        if (width <= 0 || height <= 0 || argb == null || argb.length < width * height) {
            throw new IllegalArgumentException("tile pixels need " + width + "x" + height + " ARGB values, got "
                    + (argb == null ? "none" : argb.length));
        }
    }
}
