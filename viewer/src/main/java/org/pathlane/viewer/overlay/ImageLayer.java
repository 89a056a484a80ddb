package org.pathlane.viewer.overlay;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.pathlane.viewer.Viewport;

/**
 * An image laid over the slide, e.g. the tissue mask a segmentation job found on the thumbnail: its
 * top-left corner sits at level-0 {@code (x, y)} and each of its pixels covers {@code downsample}
 * level-0 pixels. Drawn without smoothing, so a mask shows its true resolution.
 */
public final class ImageLayer extends OverlayLayer {

    private final Image image;
    private final double x;
    private final double y;
    private final double downsample;

    public ImageLayer(String name, Image image, double x, double y, double downsample) {
        super(name);
        if (!(downsample > 0)) {
            throw new IllegalArgumentException("layer " + name + ": downsample must be positive, got " + downsample);
        }
        this.image = image;
        this.x = x;
        this.y = y;
        this.downsample = downsample;
    }

    /**
     * A tissue-mask layer: {@code mask[row * width + col]} true where there is tissue, painted in
     * {@code color} (its alpha included), transparent elsewhere.
     */
    public static ImageLayer mask(String name, boolean[] mask, int width, int height, double downsample, Color color) {
        if (width <= 0 || height <= 0 || mask.length < width * height) {
            throw new IllegalArgumentException("layer " + name + ": a " + width + "x" + height + " mask needs "
                    + (long) width * height + " values, got " + mask.length);
        }
        int argb = (int) Math.round(color.getOpacity() * 255) << 24
                | (int) Math.round(color.getRed() * 255) << 16
                | (int) Math.round(color.getGreen() * 255) << 8
                | (int) Math.round(color.getBlue() * 255);
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = mask[i] ? argb : 0;
        }
        WritableImage image = new WritableImage(width, height);
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
        return new ImageLayer(name, image, 0, 0, downsample);
    }

    public Image image() {
        return image;
    }

    @Override
    public void paint(GraphicsContext gc, Viewport view) {
        double w = image.getWidth() * downsample;
        double h = image.getHeight() * downsample;
        if (!view.intersects(x, y, x + w, y + h)) {
            return;
        }
        double x0 = Math.max(x, view.minX());
        double y0 = Math.max(y, view.minY());
        double x1 = Math.min(x + w, view.maxX());
        double y1 = Math.min(y + h, view.maxY());
        gc.setImageSmoothing(false);
        gc.drawImage(image, (x0 - x) / downsample, (y0 - y) / downsample, (x1 - x0) / downsample, (y1 - y0) / downsample,
                view.toScreenX(x0), view.toScreenY(y0), (x1 - x0) * view.zoom(), (y1 - y0) * view.zoom());
    }
}
