package org.pathlane.viewer.overlay;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The density view of a shape layer as one small image, a pixel per grid cell, its alpha growing with
 * the square root of the cell's count: drawn with one image operation however many cells are in view,
 * and rebuilt only when shapes arrive.
 */
final class DensityImage {

    private DensityImage() {
    }

    static Image of(ShapeGrid grid, int[] bounds, Color color) {
        int w = bounds[2] - bounds[0] + 1;
        int h = bounds[3] - bounds[1] + 1;
        double max = Math.max(1, grid.maxCellCount());
        int rgb = (int) Math.round(color.getRed() * 255) << 16 | (int) Math.round(color.getGreen() * 255) << 8
                | (int) Math.round(color.getBlue() * 255);
        int[] argb = new int[w * h];
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                int n = grid.count(bounds[0] + col, bounds[1] + row);
                if (n > 0) {
                    int alpha = (int) Math.round(255 * (0.1 + 0.45 * Math.sqrt(n / max)));
                    argb[row * w + col] = alpha << 24 | rgb;
                }
            }
        }
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return image;
    }
}
