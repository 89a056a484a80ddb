package org.pathlane.inference.tissue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Where the tissue is, at thumbnail scale. Immutable; fraction queries over level-0 rectangles are
 * O(1) through a summed-area table, so tiling a huge slide costs nothing.
 */
public final class TissueMask {

    private final int width;
    private final int height;
    private final boolean[] tissue;
    private final double downsampleX;
    private final double downsampleY;
    private final int[] integral;
    private final int tissuePixels;

    /**
     * @param tissue      row-major, {@code width * height} values; copied
     * @param downsampleX level-0 pixels per mask pixel along x
     * @param downsampleY level-0 pixels per mask pixel along y
     */
    public TissueMask(int width, int height, boolean[] tissue, double downsampleX, double downsampleY) {
        if (tissue.length != width * height) {
            throw new IllegalArgumentException("mask has " + tissue.length + " values for " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.tissue = tissue.clone();
        this.downsampleX = downsampleX;
        this.downsampleY = downsampleY;
        this.integral = new int[(width + 1) * (height + 1)];
        int count = 0;
        for (int y = 0; y < height; y++) {
            int rowSum = 0;
            for (int x = 0; x < width; x++) {
                if (tissue[y * width + x]) {
                    rowSum++;
                    count++;
                }
                integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1] + rowSum;
            }
        }
        this.tissuePixels = count;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public double downsampleX() {
        return downsampleX;
    }

    public double downsampleY() {
        return downsampleY;
    }

    /** Whether mask pixel (x, y) is tissue. */
    public boolean isTissue(int x, int y) {
        return tissue[y * width + x];
    }

    /** The tissue share of the whole slide, 0..1. */
    public double fraction() {
        return (double) tissuePixels / tissue.length;
    }

    /** True when no tissue was found anywhere. */
    public boolean isEmpty() {
        return tissuePixels == 0;
    }

    /**
     * The tissue share of a level-0 rectangle, 0..1, counting every mask pixel the rectangle touches.
     * Parts outside the slide count as background.
     */
    public double fractionIn(long x, long y, long w, long h) {
        if (w <= 0 || h <= 0) {
            return 0;
        }
        int x0 = (int) Math.floor(x / downsampleX);
        int y0 = (int) Math.floor(y / downsampleY);
        int x1 = (int) Math.ceil((x + w) / downsampleX);
        int y1 = (int) Math.ceil((y + h) / downsampleY);
        long area = (long) Math.max(1, x1 - x0) * Math.max(1, y1 - y0);
        int cx0 = clamp(x0, width);
        int cy0 = clamp(y0, height);
        int cx1 = clamp(x1, width);
        int cy1 = clamp(y1, height);
        if (cx1 <= cx0 || cy1 <= cy0) {
            return 0;
        }
        int stride = width + 1;
        long sum = integral[cy1 * stride + cx1] - integral[cy0 * stride + cx1]
                - integral[cy1 * stride + cx0] + integral[cy0 * stride + cx0];
        return (double) sum / area;
    }

    /** The mask as a black/white image (tissue white), e.g. for {@code tissue.png}. */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < tissue.length; i++) {
            data[i] = tissue[i] ? (byte) 255 : 0;
        }
        return image;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
