package org.pathlane.viewer.overlay;

import java.nio.IntBuffer;
import java.util.Arrays;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelBuffer;
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
    private PixelBuffer<IntBuffer> buffer;
    private WritableImage image;
    private int dirtyX0;
    private int dirtyY0;
    private int dirtyX1 = -1;
    private int dirtyY1 = -1;

    /** Starts a frame for a view of {@code viewW × viewH} screen pixels drawn on {@code gc}'s canvas. */
    void begin(GraphicsContext gc, double viewW, double viewH) {
        scale = outputScale(gc);
        int clearX0 = dirtyX0;
        int clearY0 = dirtyY0;
        int clearX1 = dirtyX1;
        int clearY1 = dirtyY1;
        int w = Math.max(1, (int) Math.ceil(viewW * scale));
        int h = Math.max(1, (int) Math.ceil(viewH * scale));
        if (w != width || h != height) {
            width = w;
            height = h;
            pixels = new int[w * h];
            buffer = new PixelBuffer<>(w, h, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(buffer);
        } else if (clearX1 >= clearX0) {
            for (int y = clearY0; y <= clearY1; y++) {
                Arrays.fill(pixels, y * width + clearX0, y * width + clearX1 + 1, 0);
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
        int minX = Math.min(x0, x1);
        int maxX = Math.max(x0, x1);
        int minY = Math.min(y0, y1);
        int maxY = Math.max(y0, y1);
        if (maxX < 0 || maxY < 0 || minX >= width || minY >= height) {
            return;
        }
        boolean inside = minX >= 0 && minY >= 0 && maxX < width && maxY < height;
        touch(Math.max(0, minX), Math.max(0, minY), Math.min(width - 1, maxX), Math.min(height - 1, maxY));
        int dx = maxX - minX;
        int dy = -(maxY - minY);
        int stepX = x0 < x1 ? 1 : -1;
        int stepY = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        while (true) {
            if (inside || (x0 >= 0 && y0 >= 0 && x0 < width && y0 < height)) {
                pixels[y0 * width + x0] = argb;
            }
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
        int x0 = Math.max(0, (int) Math.floor(sx * scale - side / 2.0));
        int y0 = Math.max(0, (int) Math.floor(sy * scale - side / 2.0));
        int x1 = Math.min(width, x0 + side) - 1;
        int y1 = Math.min(height, y0 + side) - 1;
        if (x1 < x0 || y1 < y0) {
            return;
        }
        touch(x0, y0, x1, y1);
        for (int y = y0; y <= y1; y++) {
            Arrays.fill(pixels, y * width + x0, y * width + x1 + 1, argb);
        }
    }

    private void touch(int x0, int y0, int x1, int y1) {
        dirtyX0 = Math.min(dirtyX0, x0);
        dirtyY0 = Math.min(dirtyY0, y0);
        dirtyX1 = Math.max(dirtyX1, x1);
        dirtyY1 = Math.max(dirtyY1, y1);
    }

    /** Uploads what this frame touched and draws it over the canvas. */
    void draw(GraphicsContext gc) {
        if (dirtyX1 < dirtyX0) {
            return;
        }
        int w = dirtyX1 - dirtyX0 + 1;
        int h = dirtyY1 - dirtyY0 + 1;
        // The image shares the array: only the touched rectangle is handed to the renderer, no copy.
        Rectangle2D touched = new Rectangle2D(dirtyX0, dirtyY0, w, h);
        buffer.updateBuffer(b -> touched);
        gc.setImageSmoothing(false);
        gc.drawImage(image, dirtyX0, dirtyY0, w, h, dirtyX0 / scale, dirtyY0 / scale, w / scale, h / scale);
    }
}
