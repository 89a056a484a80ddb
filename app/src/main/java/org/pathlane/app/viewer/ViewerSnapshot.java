package org.pathlane.app.viewer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.pathlane.viewer.SlideViewer;
import org.pathlane.viewer.overlay.OverlayLayer;
import org.pathlane.viewer.tile.TileCache;
import org.pathlane.viewer.tile.TileSource;

/**
 * Renders one view of a slide through the real {@link SlideViewer}, off screen, once every tile of the
 * view and every overlay has arrived (the viewer's completion signal, no sleeping), and writes it as a PNG.
 * Call from a command-line thread after {@link JavaFxRuntime} has started.
 */
public final class ViewerSnapshot {

    /**
     * What to render.
     *
     * @param centerX  level-0 x at the centre of the image, or NaN for the slide's centre
     * @param centerY  level-0 y at the centre of the image, or NaN for the slide's centre
     * @param zoom     output pixels per level-0 pixel, or NaN to fit the slide
     * @param scaleBar whether to draw the scale bar (when the slide knows its pixel size)
     */
    public record View(double centerX, double centerY, double zoom, int width, int height, boolean scaleBar) {
    }

    private ViewerSnapshot() {
    }

    public static WritableImage render(TileSource source, View view, List<OverlayLayer> layers, Duration timeout)
            throws IOException {
        CompletableFuture<WritableImage> shot = new CompletableFuture<>();
        JavaFxRuntime.onFx(() -> {
            SlideViewer viewer = new SlideViewer(new TileCache(Math.max(32L << 20, Runtime.getRuntime().maxMemory() / 4)));
            viewer.setMinimapVisible(false);
            viewer.scaleBarVisibleProperty().set(view.scaleBar());
            viewer.setTileSource(source);
            double cx = Double.isNaN(view.centerX()) ? source.fullResolution().width() / 2.0 : view.centerX();
            double cy = Double.isNaN(view.centerY()) ? source.fullResolution().height() / 2.0 : view.centerY();
            viewer.setCenter(cx, cy);
            viewer.setZoom(view.zoom());
            viewer.getLayers().addAll(layers);
            OffscreenViewer offscreen = new OffscreenViewer(viewer, view.width(), view.height());
            viewer.whenViewComplete().thenRun(() -> {
                shot.complete(offscreen.render(null));
            });
            return null;
        });
        try {
            return shot.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the view's tiles did not all arrive within " + timeout.toSeconds()
                    + " s (is the slide on a slow or unplugged disk?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering", e);
        } catch (ExecutionException e) {
            throw new IOException("rendering failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Writes the image as a PNG (RGBA), replacing the file atomically. */
    public static void writePng(WritableImage image, Path out) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        png.setRGB(0, 0, w, h, argb, 0, w);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, ".snapshot-", ".png");
        try {
            if (!ImageIO.write(png, "png", tmp.toFile())) {
                throw new IOException("this Java has no PNG writer");
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
