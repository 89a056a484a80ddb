package org.pathlane.viewer;

import javafx.event.EventHandler;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Window;

/**
 * Mouse and keyboard on the viewer: drag pans by exactly the dragged distance, the wheel zooms around
 * the cursor, a double-click zooms in twofold there; arrows pan a fifth of the view, {@code +}/{@code -}
 * zoom around the centre, {@code 0} fits the slide and {@code 1} shows one slide pixel per device pixel.
 */
final class ViewerInput {

    /** Zoom factor per wheel notch (a notch is 40 pixels of scroll delta on most platforms). */
    static final double WHEEL_STEP = 1.25;
    static final double KEY_STEP = Math.sqrt(2);
    static final double PAN_SHARE = 0.2;

    private final SlideViewer viewer;
    private double lastX;
    private double lastY;
    private boolean panning;

    ViewerInput(SlideViewer viewer) {
        this.viewer = viewer;
    }

    private final EventHandler<MouseEvent> pressed = this::pressed;
    private final EventHandler<MouseEvent> dragged = this::dragged;
    private final EventHandler<MouseEvent> released = e -> panning = false;
    private final EventHandler<MouseEvent> clicked = this::clicked;
    private final EventHandler<ScrollEvent> scrolled = this::scrolled;
    private final EventHandler<KeyEvent> keyPressed = this::keyPressed;

    void install() {
        viewer.addEventHandler(MouseEvent.MOUSE_PRESSED, pressed);
        viewer.addEventHandler(MouseEvent.MOUSE_DRAGGED, dragged);
        viewer.addEventHandler(MouseEvent.MOUSE_RELEASED, released);
        viewer.addEventHandler(MouseEvent.MOUSE_CLICKED, clicked);
        viewer.addEventHandler(ScrollEvent.SCROLL, scrolled);
        viewer.addEventHandler(KeyEvent.KEY_PRESSED, keyPressed);
    }

    /** Removes what {@link #install()} added: a replaced skin's input must not pan and zoom a second time. */
    void uninstall() {
        viewer.removeEventHandler(MouseEvent.MOUSE_PRESSED, pressed);
        viewer.removeEventHandler(MouseEvent.MOUSE_DRAGGED, dragged);
        viewer.removeEventHandler(MouseEvent.MOUSE_RELEASED, released);
        viewer.removeEventHandler(MouseEvent.MOUSE_CLICKED, clicked);
        viewer.removeEventHandler(ScrollEvent.SCROLL, scrolled);
        viewer.removeEventHandler(KeyEvent.KEY_PRESSED, keyPressed);
    }

    private void pressed(MouseEvent e) {
        lastX = e.getX();
        lastY = e.getY();
        panning = e.getButton() == MouseButton.PRIMARY || e.getButton() == MouseButton.MIDDLE;
        viewer.requestFocus();
    }

    private void dragged(MouseEvent e) {
        if (panning) {
            viewer.panBy(e.getX() - lastX, e.getY() - lastY);
            lastX = e.getX();
            lastY = e.getY();
            e.consume();
        }
    }

    private void clicked(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && e.isStillSincePress()) {
            viewer.zoomBy(2, e.getX(), e.getY());
            e.consume();
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            double notches = e.getDeltaY() / 40.0;
            viewer.zoomBy(Math.pow(WHEEL_STEP, notches), e.getX(), e.getY());
            e.consume();
        }
    }

    private void keyPressed(KeyEvent e) {
        Viewport view = viewer.viewport();
        if (view == null) {
            return;
        }
        double cx = view.width() / 2;
        double cy = view.height() / 2;
        boolean handled = true;
        switch (e.getCode()) {
            case LEFT -> viewer.panBy(view.width() * PAN_SHARE, 0);
            case RIGHT -> viewer.panBy(-view.width() * PAN_SHARE, 0);
            case UP -> viewer.panBy(0, view.height() * PAN_SHARE);
            case DOWN -> viewer.panBy(0, -view.height() * PAN_SHARE);
            case PLUS, ADD, EQUALS -> viewer.zoomBy(KEY_STEP, cx, cy);
            case MINUS, SUBTRACT -> viewer.zoomBy(1 / KEY_STEP, cx, cy);
            case DIGIT0, NUMPAD0 -> viewer.fit();
            case DIGIT1, NUMPAD1 -> viewer.setZoom(1 / outputScale());
            default -> handled = false;
        }
        if (handled) {
            e.consume();
        }
    }

    private double outputScale() {
        Window window = viewer.getScene() == null ? null : viewer.getScene().getWindow();
        return window == null ? 1 : window.getOutputScaleX();
    }
}
