package org.pathlane.viewer;

import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.SkinBase;
import javafx.stage.Window;
import org.pathlane.viewer.overlay.OverlayLayer;
import org.pathlane.viewer.tile.TileLoader;
import org.pathlane.viewer.tile.TileSource;

/**
 * Draws a {@link SlideViewer} on one canvas (tiles, then the overlay layers, then the scale bar) with
 * the minimap on top. Every change of the view, every tile that arrives and every overlay batch asks
 * for a frame; the requests are coalesced into one pending paint. Everything it knows of the control it
 * learns by listening (the tile source and observer, paint and settle requests, view-complete waiters),
 * with listeners that {@link #dispose()} removes, so a skin that is replaced leaves the control as it was.
 */
final class SlideViewerSkin extends SkinBase<SlideViewer> {

    static final double MARGIN = 10;

    private final Canvas canvas = new Canvas();
    private final Minimap minimap;
    private final TilePainter tiles;
    private final CoalescedRepaint repaint = new CoalescedRepaint(this::paint);
    private final Runnable layerChanged = repaint::request;
    private final ViewerInput input;
    private TileLoader loader;
    private boolean disposed;
    /** Hardware pipelines scale smoothly for free; the software one draws moving frames nearest-neighbour. */
    private final boolean smoothWhileMoving = Platform.isSupported(ConditionalFeature.SCENE3D);
    /** Draws one smooth frame once the view has stopped moving. */
    private final PauseTransition settle = new PauseTransition();
    private Viewport lastPainted;

    SlideViewerSkin(SlideViewer viewer) {
        super(viewer);
        tiles = new TilePainter(viewer.getCache());
        minimap = new Minimap(viewer, viewer.getCache());
        canvas.setManaged(false);
        minimap.setManaged(false);
        // The canvas gets its size in the layout pass after the viewer's; a frame asked for before it had one drew nothing.
        canvas.widthProperty().addListener(o -> repaint.request());
        canvas.heightProperty().addListener(o -> repaint.request());
        // The minimap is unmanaged, so a new size (a slide of another shape) lays nothing out by
        // itself; without this it keeps the old corner position and sticks out past the right edge.
        minimap.widthProperty().addListener(o -> viewer.requestLayout());
        minimap.heightProperty().addListener(o -> viewer.requestLayout());
        input = new ViewerInput(viewer);
        settle.durationProperty().bind(viewer.settleDelayProperty());
        settle.setOnFinished(e -> settleNow());

        registerChangeListener(viewer.tileSourceProperty(), o -> sourceChanged(viewer.getTileSource()));
        sourceChanged(viewer.getTileSource());
        registerChangeListener(viewer.tileObserverProperty(), o -> {
            if (loader != null) {
                loader.setObserver(viewer.getTileObserver());
            }
        });
        registerChangeListener(viewer.paintRequestsProperty(), o -> paint());
        registerChangeListener(viewer.settleRequestsProperty(), o -> settleNow());
        // A new waiter asks for a frame (waiters from before this skin get the first frame it draws); the
        // waiters a frame completes are removed without asking for another.
        registerListChangeListener(viewer.viewCompleteWaiters(), change -> {
            while (change.next()) {
                if (change.wasAdded()) {
                    repaint.request();
                }
            }
        });
        for (Observable o : List.<Observable>of(viewer.centerXProperty(), viewer.centerYProperty(), viewer.zoomProperty(),
                viewer.minimapVisibleProperty(), viewer.scaleBarVisibleProperty(), viewer.glassColorProperty(),
                viewer.widthProperty(), viewer.heightProperty())) {
            registerInvalidationListener(o, x -> repaint.request());
        }
        registerListChangeListener(viewer.getLayers(), change -> {
            while (change.next()) {
                change.getRemoved().forEach(layer -> ((OverlayLayer) layer).removeChangeListener(layerChanged));
                change.getAddedSubList().forEach(layer -> ((OverlayLayer) layer).addChangeListener(layerChanged));
            }
            repaint.request();
        });
        viewer.getLayers().forEach(layer -> layer.addChangeListener(layerChanged));
    }

    /** Takes over the control's children and input once it is the control's skin (the old one is disposed). */
    @Override
    public void install() {
        getChildren().setAll(canvas, minimap);
        input.install();
        // A skin set on a viewer already on screen gets no layout pass by itself: its canvas would stay empty.
        getSkinnable().requestLayout();
    }

    private void sourceChanged(TileSource source) {
        if (loader != null) {
            loader.close();
        }
        loader = source == null ? null
                : new TileLoader(source, getSkinnable().getCache(), getSkinnable().getMaxTilesInFlight(), repaint::request);
        if (loader != null) {
            loader.setObserver(getSkinnable().getTileObserver());
            minimap.fitTo(source);
        }
        repaint.request();
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        canvas.setWidth(Math.max(0, getSkinnable().getWidth()));
        canvas.setHeight(Math.max(0, getSkinnable().getHeight()));
        canvas.relocate(0, 0);
        minimap.relocate(Math.max(0, getSkinnable().getWidth() - minimap.getWidth() - MARGIN), MARGIN);
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return 600;
    }

    /** Treats the view as having stopped moving: the next frame is drawn smoothly. */
    void settleNow() {
        settle.stop();
        lastPainted = null;
        repaint.request();
    }

    /** One frame; FX thread. A frame asked for before this skin was disposed draws nothing. */
    void paint() {
        if (disposed) {
            return;
        }
        SlideViewer viewer = getSkinnable();
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        gc.setGlobalAlpha(1);
        gc.setFill(viewer.glassColorProperty().get());
        gc.fillRect(0, 0, width, height);
        TileSource source = viewer.getTileSource();
        minimap.setVisible(source != null && viewer.minimapVisibleProperty().get());
        if (source == null || width <= 0 || height <= 0) {
            return;
        }
        if (viewer.viewport() == null) {
            viewer.fit();
        }
        Viewport view = viewer.viewport().withSize(width, height);
        boolean moving = lastPainted != null && !lastPainted.equals(view);
        lastPainted = view;
        if (moving && !smoothWhileMoving) {
            settle.playFromStart();
        }
        boolean smooth = smoothWhileMoving || !moving;
        TilePainter.Frame frame = tiles.paint(gc, view, outputScale(), loader, smooth);
        boolean overlaysPending = false;
        for (OverlayLayer layer : viewer.getLayers()) {
            if (layer.isVisible() && layer.getOpacity() > 0) {
                gc.save();
                gc.setGlobalAlpha(layer.getOpacity());
                gc.setImageSmoothing(smooth);
                layer.paint(gc, view);
                gc.restore();
                // A hidden layer's queued batches wait for it to be shown; they do not hold up the view.
                overlaysPending |= layer.hasPendingContent();
            }
        }
        if (viewer.scaleBarVisibleProperty().get()) {
            source.micronsPerPixel().ifPresent(mpp -> ScaleBar.paint(gc, view, mpp));
        }
        if (minimap.isVisible()) {
            minimap.paint(source, view);
        }
        viewer.frameDrawn(frame.missing() == 0 && !overlaysPending);
    }

    private double outputScale() {
        Window window = getSkinnable().getScene() == null ? null : getSkinnable().getScene().getWindow();
        return window == null ? 1 : Math.max(1, window.getOutputScaleX());
    }

    @Override
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        settle.stop();
        settle.durationProperty().unbind();
        if (loader != null) {
            loader.close();
            loader = null;
        }
        input.uninstall();
        getChildren().removeAll(canvas, minimap);
        getSkinnable().getLayers().forEach(layer -> layer.removeChangeListener(layerChanged));
        super.dispose();
    }
}
