package org.pathlane.viewer.overlay;

import java.util.Arrays;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;

/**
 * A view-sized pixel buffer that outlines and marks are rasterised into (one device pixel wide lines,
 * whole-pixel squares), then drawn with one image operation. Thousands of small shapes cost a few
 * array writes each instead of a path for the canvas to stroke, which is what keeps 200,000 nuclei
 * smooth even on the software renderer. Only the area touched this frame is cleared, uploaded and drawn.
 * FX thread only.
 */
final class OverlayRaster {

    private int width;
    private int height;
    private double scale = 1;
    private int[] pixels = new int[0];
    private WritableImage image;
    private int dirtyX0;
    private int dirtyY0;
    private int dirtyX1 = -1;
    private int dirtyY1 = -1;

    /** Starts a frame for a view of {@code viewW × viewH} screen pixels drawn on {@code gc}'s canvas. */
    void begin(GraphicsContext gc, double viewW, double viewH) {
        scale = outputScale(gc);
        int w = Math.max(1, (int) Math.ceil(viewW * scale));
        int h = Math.max(1, (int) Math.ceil(viewH * scale));
        if (w != width || h != height) {
            width = w;
            height = h;
            pixels = new int[w * h];
            image = new WritableImage(w, h);
        } else if (dirtyX1 >= dirtyX0) {
            for (int y = dirtyY0; y <= dirtyY1; y++) {
                Arrays.fill(pixels, y * width + dirtyX0, y * width + dirtyX1 + 1, 0);
            }
        }
        dirtyX0 = width;
        dirtyY0 = height;
        dirtyX1 = -1;
        dirtyY1 = -1;
    }

    private static double outputScale(GraphicsContext gc) {
        var scene = gc.getCanvas().getScene();
        Window window = scene == null ? null : scene.getWindow();
        return window == null ? 1 : Math.max(1, window.getOutputScaleX());
    }

    /** A line between two screen points. */
    void line(double sx0, double sy0, double sx1, double sy1, int argb) {
        int x0 = (int) Math.floor(sx0 * scale);
        int y0 = (int) Math.floor(sy0 * scale);
        int x1 = (int) Math.floor(sx1 * scale);
        int y1 = (int) Math.floor(sy1 * scale);
        if (Math.max(x0, x1) < 0 || Math.max(y0, y1) < 0 || Math.min(x0, x1) >= width || Math.min(y0, y1) >= height) {
            return;
        }
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int stepX = x0 < x1 ? 1 : -1;
        int stepY = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        while (true) {
            plot(x0, y0, argb);
            if (x0 == x1 && y0 == y1) {
                return;
            }
            int e2 = 2 * error;
            if (e2 >= dy) {
                error += dy;
                x0 += stepX;
            }
            if (e2 <= dx) {
                error += dx;
                y0 += stepY;
            }
        }
    }

    /** A filled square of {@code size} screen pixels centred on a screen point. */
    void square(double sx, double sy, double size, int argb) {
        int side = Math.max(1, (int) Math.round(size * scale));
        int x0 = (int) Math.floor(sx * scale - side / 2.0);
        int y0 = (int) Math.floor(sy * scale - side / 2.0);
        for (int y = Math.max(0, y0); y < Math.min(height, y0 + side); y++) {
            for (int x = Math.max(0, x0); x < Math.min(width, x0 + side); x++) {
                plot(x, y, argb);
            }
        }
    }

    private void plot(int x, int y, int argb) {
        if (x >= 0 && y >= 0 && x < width && y < height) {
            pixels[y * width + x] = argb;
            if (x < dirtyX0) {
                dirtyX0 = x;
            }
            if (x > dirtyX1) {
                dirtyX1 = x;
            }
            if (y < dirtyY0) {
                dirtyY0 = y;
            }
            if (y > dirtyY1) {
                dirtyY1 = y;
            }
        }
    }

    /** Uploads what this frame touched and draws it over the canvas. */
    void draw(GraphicsContext gc) {
        if (dirtyX1 < dirtyX0) {
            return;
        }
        int w = dirtyX1 - dirtyX0 + 1;
        int h = dirtyY1 - dirtyY0 + 1;
        image.getPixelWriter().setPixels(dirtyX0, dirtyY0, w, h, PixelFormat.getIntArgbPreInstance(), pixels,
                dirtyY0 * width + dirtyX0, width);
        gc.setImageSmoothing(false);
        gc.drawImage(image, dirtyX0, dirtyY0, w, h, dirtyX0 / scale, dirtyY0 / scale, w / scale, h / scale);
    }
}
