package org.pathlane.viewer;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import org.pathlane.viewer.tile.PyramidLevel;
import org.pathlane.viewer.tile.TileCache;
import org.pathlane.viewer.tile.TileKey;
import org.pathlane.viewer.tile.TileSource;

/**
 * The overview in the top-right corner: the slide's thumbnail (its coarsest level, which the viewer
 * always loads first) with the visible area as a rectangle. Pressing inside the rectangle and dragging
 * moves it; pressing elsewhere centres the view there.
 */
final class Minimap extends Canvas {

    static final double MAX_SIZE = 180;

    private final SlideViewer viewer;
    private final TileCache cache;
    private double scale;
    private double grabDx;
    private double grabDy;

    Minimap(SlideViewer viewer, TileCache cache) {
        this.viewer = viewer;
        this.cache = cache;
        getStyleClass().add("slide-viewer-minimap");
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.ANY, MouseEvent::consume);
    }

    /** Sizes the minimap to the slide's aspect ratio. */
    void fitTo(TileSource source) {
        PyramidLevel full = source.fullResolution();
        scale = MAX_SIZE / Math.max(full.width(), full.height());
        setWidth(Math.max(1, Math.round(full.width() * scale)));
        setHeight(Math.max(1, Math.round(full.height() * scale)));
    }

    void paint(TileSource source, Viewport view) {
        GraphicsContext gc = getGraphicsContext2D();
        gc.setGlobalAlpha(1);
        gc.setFill(Color.rgb(250, 250, 250));
        gc.fillRect(0, 0, getWidth(), getHeight());
        int level = source.coarsestLevel();
        PyramidLevel l = source.levels().get(level);
        int ts = source.tileSize();
        double span = ts * l.downsample() * scale;
        gc.setImageSmoothing(true);
        for (int row = 0; row < l.rows(ts); row++) {
            for (int col = 0; col < l.columns(ts); col++) {
                Image image = cache.get(new TileKey(source.id(), level, col, row));
                if (image != null) {
                    gc.drawImage(image, col * span, row * span,
                            image.getWidth() * l.downsample() * scale, image.getHeight() * l.downsample() * scale);
                }
            }
        }
        double x0 = Math.max(0, view.minX() * scale);
        double y0 = Math.max(0, view.minY() * scale);
        double x1 = Math.min(getWidth(), view.maxX() * scale);
        double y1 = Math.min(getHeight(), view.maxY() * scale);
        gc.setStroke(Color.rgb(80, 80, 80));
        gc.setLineWidth(1);
        gc.strokeRect(0.5, 0.5, getWidth() - 1, getHeight() - 1);
        gc.setStroke(Color.rgb(220, 30, 30));
        gc.setLineWidth(2);
        gc.strokeRect(x0 + 1, y0 + 1, Math.max(2, x1 - x0 - 2), Math.max(2, y1 - y0 - 2));
    }

    private void pressed(MouseEvent e) {
        Viewport view = viewer.viewport();
        if (view == null || scale <= 0) {
            return;
        }
        double ix = e.getX() / scale;
        double iy = e.getY() / scale;
        boolean insideRect = ix >= view.minX() && ix <= view.maxX() && iy >= view.minY() && iy <= view.maxY();
        grabDx = insideRect ? ix - view.centerX() : 0;
        grabDy = insideRect ? iy - view.centerY() : 0;
        viewer.setCenter(ix - grabDx, iy - grabDy);
    }

    private void dragged(MouseEvent e) {
        if (scale > 0 && viewer.viewport() != null) {
            viewer.setCenter(e.getX() / scale - grabDx, e.getY() / scale - grabDy);
        }
    }
}
