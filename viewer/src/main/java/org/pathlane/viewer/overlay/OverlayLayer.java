package org.pathlane.viewer.overlay;

import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.canvas.GraphicsContext;
import org.pathlane.viewer.Viewport;

/**
 * Something drawn over the slide in level-0 coordinates. Every layer has a name, a visibility and an
 * opacity (FX-thread properties); a layer whose content changes tells its viewers through
 * {@link #addChangeListener}, from whatever thread changed it, and the viewer coalesces the repaints.
 */
public abstract class OverlayLayer {

    private final String name;
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 1.0);
    private final CopyOnWriteArrayList<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    protected OverlayLayer(String name) {
        this.name = name;
        visible.addListener(o -> fireChanged());
        opacity.addListener(o -> fireChanged());
    }

    public String name() {
        return name;
    }

    public final BooleanProperty visibleProperty() {
        return visible;
    }

    public final boolean isVisible() {
        return visible.get();
    }

    public final void setVisible(boolean value) {
        visible.set(value);
    }

    /** 0 (invisible) to 1 (opaque). */
    public final DoubleProperty opacityProperty() {
        return opacity;
    }

    public final double getOpacity() {
        return opacity.get();
    }

    public final void setOpacity(double value) {
        opacity.set(Math.clamp(value, 0.0, 1.0));
    }

    /** Called, on any thread, whenever the layer needs to be drawn again. */
    public final void addChangeListener(Runnable listener) {
        changeListeners.add(listener);
    }

    public final void removeChangeListener(Runnable listener) {
        changeListeners.remove(listener);
    }

    protected final void fireChanged() {
        for (Runnable listener : changeListeners) {
            listener.run();
        }
    }

    /**
     * Draws the layer for one frame, on the FX thread. The viewer has set the global alpha to the
     * layer's opacity, and image smoothing to what this frame can afford (off while the view moves on the
     * software renderer); it skips invisible layers.
     */
    public abstract void paint(GraphicsContext gc, Viewport view);

    /** Whether content handed over from other threads has not been drawn yet. */
    public boolean hasPendingContent() {
        return false;
    }
}
