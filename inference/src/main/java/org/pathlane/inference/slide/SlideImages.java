package org.pathlane.inference.slide;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Pixel helpers shared by the readers and their users: ARGB buffers, premultiplication, white backgrounds. */
public final class SlideImages {

    private SlideImages() {
    }

    /** A new non-premultiplied ARGB image whose pixels are all transparent. */
    public static BufferedImage newArgb(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    }

    /** The backing pixel array of an image of type INT_ARGB/INT_RGB (row-major, stride = width). */
    public static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    /**
     * Turns premultiplied ARGB (OpenSlide's layout) into straight ARGB in place. Opaque pixels are
     * unchanged, fully transparent ones become 0, the rest are divided by alpha with rounding.
     */
    public static void unpremultiply(int[] argb, int from, int count) {
        int end = from + count;
        for (int i = from; i < end; i++) {
            int p = argb[i];
            int a = p >>> 24;
            if (a == 255) {
                continue;
            }
            if (a == 0) {
                argb[i] = 0;
                continue;
            }
            int half = a / 2;
            int r = Math.min(255, (((p >>> 16) & 0xff) * 255 + half) / a);
            int g = Math.min(255, (((p >>> 8) & 0xff) * 255 + half) / a);
            int b = Math.min(255, ((p & 0xff) * 255 + half) / a);
            argb[i] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }

    /**
     * The image composited over white, as an opaque INT_RGB image: transparent areas (outside the
     * slide, unscanned areas) become white, like glass.
     */
    public static BufferedImage onWhite(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] out = pixels(rgb);
        if (image.getType() == BufferedImage.TYPE_INT_ARGB && image.getRaster().getDataBuffer().getSize() == w * h) {
            System.arraycopy(pixels(image), 0, out, 0, w * h);
        } else {
            image.getRGB(0, 0, w, h, out, 0, w);
        }
        flattenOnWhite(out);
        return rgb;
    }

    /**
     * Composites straight (not premultiplied) ARGB pixels over white in place: every pixel becomes
     * opaque, fully transparent ones white, like glass; opaque ones are unchanged.
     *
     * @return the same array
     */
    public static int[] flattenOnWhite(int[] argb) {
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int a = p >>> 24;
            if (a == 255) {
                continue;
            }
            int glass = 255 * (255 - a) + 127;
            int r = (((p >>> 16) & 0xff) * a + glass) / 255;
            int g = (((p >>> 8) & 0xff) * a + glass) / 255;
            int b = ((p & 0xff) * a + glass) / 255;
            argb[i] = 0xff000000 | (r << 16) | (g << 8) | b;
        }
        return argb;
    }
}
