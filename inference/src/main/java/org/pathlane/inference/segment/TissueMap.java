package org.pathlane.inference.segment;

import java.awt.image.BufferedImage;

/**
 * A slide's thumbnail and tissue mask at thumbnail scale, as tissue detection gives them.
 *
 * @param thumbnail  the slide at thumbnail scale
 * @param mask       true where there is tissue, row-major {@code width × height}
 * @param downsample level-0 pixels per mask pixel
 */
public record TissueMap(BufferedImage thumbnail, boolean[] mask, int width, int height, double downsample) {

    /** Fraction of tissue in a level-0 rectangle (0 outside the mask). */
    public double fraction(double x, double y, double w, double h) {
        int x0 = clamp((int) Math.floor(x / downsample), width);
        int y0 = clamp((int) Math.floor(y / downsample), height);
        int x1 = clamp((int) Math.ceil((x + w) / downsample), width);
        int y1 = clamp((int) Math.ceil((y + h) / downsample), height);
        int area = Math.max(1, (x1 - x0) * (y1 - y0));
        int tissue = 0;
        for (int yy = y0; yy < y1; yy++) {
            for (int xx = x0; xx < x1; xx++) {
                if (mask[yy * width + xx]) {
                    tissue++;
                }
            }
        }
        return tissue / (double) area;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
