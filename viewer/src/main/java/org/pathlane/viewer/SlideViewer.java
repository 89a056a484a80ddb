package org.pathlane.viewer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.pathlane.viewer.overlay.OverlayLayer;
import org.pathlane.viewer.tile.TileCache;
import org.pathlane.viewer.tile.TileLoader;
import org.pathlane.viewer.tile.TileSource;

/**
 * A pyramidal slide viewer. Set a {@link TileSource}; the view is then described by three bindable
 * properties: {@link #centerXProperty() centre x}, {@link #centerYProperty() centre y} (level-0 pixels)
 * and {@link #zoomProperty() zoom} (screen pixels per level-0 pixel; {@code NaN} until the first frame
 * fits the slide). Users drag to pan, scroll to zoom around the cursor, double-click to zoom in and use
 * the keyboard (arrows pan, {@code +}/{@code -} zoom, {@code 0} fits, {@code 1} shows one slide pixel
 * per device pixel). Overlays go into {@link #getLayers()}. All of it is FX-thread only, except the
 * layers' own thread-safe content methods.
 */
public class SlideViewer extends Control {

    private final TileCache cache;
    private final ObjectProperty<TileSource> tileSource = new SimpleObjectProperty<>(this, "tileSource");
    private final DoubleProperty centerX = new SimpleDoubleProperty(this, "centerX");
    private final DoubleProperty centerY = new SimpleDoubleProperty(this, "centerY");
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", Double.NaN);
    private final DoubleProperty maxZoom = new SimpleDoubleProperty(this, "maxZoom", 16);
    private final BooleanProperty minimapVisible = new SimpleBooleanProperty(this, "minimapVisible", true);
    private final BooleanProperty scaleBarVisible = new SimpleBooleanProperty(this, "scaleBarVisible", true);
    private final ObjectProperty<Color> glassColor = new SimpleObjectProperty<>(this, "glassColor", Color.rgb(40, 40, 40));
    private final ObjectProperty<Duration> settleDelay = new SimpleObjectProperty<>(this, "settleDelay", Duration.millis(150));
    private final ReadOnlyBooleanWrapper viewComplete = new ReadOnlyBooleanWrapper(this, "viewComplete");
    private final ObservableList<OverlayLayer> layers = FXCollections.observableArrayList();
    private int maxTilesInFlight = Math.max(2, Runtime.getRuntime().availableProcessors());
    private final ObjectProperty<TileLoader.Observer> tileObserver = new SimpleObjectProperty<>(this, "tileObserver");
    /*
     * What the control asks of whichever skin it has (the Control/Skin split of JavaFX's own controls): the
     * control never calls into its skin; the skin listens to these and to the public properties. A request
     * counter changes on every request; waiters stay here until a frame completes them, so they survive a
     * skin that is replaced or not created yet.
     */
    private final ReadOnlyLongWrapper paintRequests = new ReadOnlyLongWrapper(this, "paintRequests");
    private final ReadOnlyLongWrapper settleRequests = new ReadOnlyLongWrapper(this, "settleRequests");
    private final ObservableList<CompletableFuture<Void>> viewCompleteWaiters = FXCollections.observableArrayList();
    /** The view {@link #fit()} last set; while the view is still that one, a resize fits again. */
    private Viewport fitted;

    /** A viewer that shares {@link TileCache#shared()} with every other viewer of the application. */
    public SlideViewer() {
        this(TileCache.shared());
    }

    public SlideViewer(TileCache cache) {
        this.cache = cache;
        getStyleClass().add("slide-viewer");
        setFocusTraversable(true);
        tileSource.addListener((o, was, now) -> {
            fitted = null;
            if (!zoom.isBound()) {
                zoom.set(Double.NaN);
            }
        });
        // A slide shown whole stays whole when the window or the panels around the viewer change size
        // (a warning line appearing above it, the user resizing the window); a view the user moved stays.
        widthProperty().addListener((o, was, now) -> refitIfStillFitted());
        heightProperty().addListener((o, was, now) -> refitIfStillFitted());
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new SlideViewerSkin(this);
    }

    public TileCache getCache() {
        return cache;
    }

    public final ObjectProperty<TileSource> tileSourceProperty() {
        return tileSource;
    }

    public final TileSource getTileSource() {
        return tileSource.get();
    }

    /** Shows another slide; the next frame fits it to the view unless the zoom is bound. */
    public final void setTileSource(TileSource source) {
        tileSource.set(source);
    }

    /** The level-0 x coordinate at the centre of the view. */
    public final DoubleProperty centerXProperty() {
        return centerX;
    }

    public final DoubleProperty centerYProperty() {
        return centerY;
    }

    /** Screen pixels per level-0 pixel; {@code NaN} means "fit the slide on the next frame". */
    public final DoubleProperty zoomProperty() {
        return zoom;
    }

    public final double getZoom() {
        return zoom.get();
    }

    public final void setZoom(double value) {
        zoom.set(value);
    }

    public final double getCenterX() {
        return centerX.get();
    }

    public final double getCenterY() {
        return centerY.get();
    }

    public final void setCenter(double x, double y) {
        centerX.set(x);
        centerY.set(y);
    }

    /** The largest zoom interactions go to (default 16 screen pixels per slide pixel). */
    public final DoubleProperty maxZoomProperty() {
        return maxZoom;
    }

    public final BooleanProperty minimapVisibleProperty() {
        return minimapVisible;
    }

    public final void setMinimapVisible(boolean value) {
        minimapVisible.set(value);
    }

    public final BooleanProperty scaleBarVisibleProperty() {
        return scaleBarVisible;
    }

    /** Painted where the slide has no pixels: around it and behind its transparent areas. */
    public final ObjectProperty<Color> glassColorProperty() {
        return glassColor;
    }

    /**
     * How long the view must stay still before the smooth frame is drawn, on renderers where frames drawn
     * while moving skip smoothing (the software renderer). Default 150 ms.
     */
    public final ObjectProperty<Duration> settleDelayProperty() {
        return settleDelay;
    }

    public final void setSettleDelay(Duration delay) {
        settleDelay.set(delay);
    }

    /** Draws the smooth frame now, as when the view has stopped moving (e.g. for benchmarks). */
    public final void settleNow() {
        settleRequests.set(settleRequests.get() + 1);
    }

    /** Changes on every {@link #settleNow()}; the skin listens. */
    final ReadOnlyLongProperty settleRequestsProperty() {
        return settleRequests.getReadOnlyProperty();
    }

    /**
     * True after a frame that drew every tile of the level the zoom asks for and every overlay batch
     * handed over so far; false while anything is still on its way.
     */
    public final ReadOnlyBooleanProperty viewCompleteProperty() {
        return viewComplete.getReadOnlyProperty();
    }

    /**
     * A frame was drawn (by the skin): whether it had the whole view. A whole one completes the
     * {@link #whenViewComplete()} futures asked for so far.
     */
    final void frameDrawn(boolean complete) {
        viewComplete.set(complete);
        if (complete && !viewCompleteWaiters.isEmpty()) {
            List<CompletableFuture<Void>> done = List.copyOf(viewCompleteWaiters);
            viewCompleteWaiters.clear();
            done.forEach(f -> f.complete(null));
        }
    }

    /** The {@link #whenViewComplete()} futures not completed yet; a skin asks for a frame when one is added. */
    final ObservableList<CompletableFuture<Void>> viewCompleteWaiters() {
        return viewCompleteWaiters;
    }

    /** Drawn over the slide in list order (first is lowest). */
    public final ObservableList<OverlayLayer> getLayers() {
        return layers;
    }

    /** How many tile reads may run at once (default: one per core, at least 2). Set before showing. */
    public final void setMaxTilesInFlight(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("at least one tile read must be allowed, got " + value);
        }
        maxTilesInFlight = value;
    }

    final int getMaxTilesInFlight() {
        return maxTilesInFlight;
    }

    /** Told of every tile read (source key and nanoseconds from request to cache), e.g. by benchmarks. */
    public final ObjectProperty<TileLoader.Observer> tileObserverProperty() {
        return tileObserver;
    }

    public final void setTileObserver(TileLoader.Observer observer) {
        tileObserver.set(observer);
    }

    public final TileLoader.Observer getTileObserver() {
        return tileObserver.get();
    }

    /** The current view, or {@code null} before the first frame has fitted the slide. */
    public final Viewport viewport() {
        double z = zoom.get();
        if (!(z > 0) || Double.isInfinite(z)) {
            return null;
        }
        return new Viewport(centerX.get(), centerY.get(), z, getWidth(), getHeight());
    }

    /** Moves to a view (its size is ignored: the control's own size rules). */
    public final void setViewport(Viewport view) {
        centerX.set(view.centerX());
        centerY.set(view.centerY());
        zoom.set(view.zoom());
    }

    /** Shows the whole slide, centred. */
    public final void fit() {
        TileSource source = getTileSource();
        if (source != null && getWidth() > 0 && getHeight() > 0) {
            Viewport view = Viewport.fit(source.fullResolution().width(), source.fullResolution().height(),
                    getWidth(), getHeight());
            setViewport(view);
            fitted = view;
        }
    }

    private void refitIfStillFitted() {
        Viewport last = fitted;
        if (last != null && !zoom.isBound() && centerX.get() == last.centerX() && centerY.get() == last.centerY()
                && zoom.get() == last.zoom()) {
            fit();
        }
    }

    /** Zooms by {@code factor} keeping the slide point under screen point {@code (sx, sy)} in place. */
    public final void zoomBy(double factor, double sx, double sy) {
        Viewport view = viewport();
        if (view != null) {
            setViewport(view.zoomAround(sx, sy, clampZoom(view.zoom() * factor)));
        }
    }

    /** Moves the slide with a drag of {@code dx, dy} screen pixels. */
    public final void panBy(double dx, double dy) {
        Viewport view = viewport();
        if (view != null) {
            setViewport(view.panBy(dx, dy));
        }
    }

    /** The zoom interactions stay within: half the fitting zoom up to {@link #maxZoomProperty()}. */
    public final double clampZoom(double wanted) {
        TileSource source = getTileSource();
        double min = 1e-6;
        if (source != null && getWidth() > 0 && getHeight() > 0) {
            min = 0.5 * Viewport.fit(source.fullResolution().width(), source.fullResolution().height(),
                    getWidth(), getHeight()).zoom();
        }
        return Math.clamp(wanted, Math.min(min, maxZoom.get()), maxZoom.get());
    }

    /**
     * Completes, on the FX thread, after the first frame from now that has the whole view: every tile
     * of the wanted level and every overlay batch handed over. Never waits for I/O itself.
     */
    public final CompletableFuture<Void> whenViewComplete() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        viewCompleteWaiters.add(done);
        return done;
    }

    /**
     * Paints a frame right now (FX thread), e.g. for snapshots and benchmarks; normally frames are scheduled.
     * Without a skin yet there is nothing to paint: the skin paints its first frame when it is created.
     */
    public final void paintNow() {
        paintRequests.set(paintRequests.get() + 1);
    }

    /** Changes on every {@link #paintNow()}; the skin listens and paints at once. */
    final ReadOnlyLongProperty paintRequestsProperty() {
        return paintRequests.getReadOnlyProperty();
    }
}
