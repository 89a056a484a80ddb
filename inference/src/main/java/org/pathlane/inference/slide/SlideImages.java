package org.pathlane.inference.slide;

import java.awt.Color;
import java.awt.Graphics2D;
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
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
