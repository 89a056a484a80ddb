package org.pathlane.viewer;

/**
 * What the viewer shows: the level-0 point at the centre of the view, the zoom (screen pixels per
 * level-0 pixel) and the view's size in screen pixels. Immutable; every interaction of the viewer is
 * one of the pure functions below, so they are tested without a scene.
 */
public record Viewport(double centerX, double centerY, double zoom, double width, double height) {

    public Viewport {
        if (!(zoom > 0) || Double.isInfinite(zoom)) {
            throw new IllegalArgumentException("zoom must be a positive number, got " + zoom);
        }
    }

    /** A view of {@code width × height} screen pixels that shows the whole image, centred. */
    public static Viewport fit(double imageWidth, double imageHeight, double width, double height) {
        double zoom = Math.min(width / imageWidth, height / imageHeight);
        if (!(zoom > 0) || Double.isInfinite(zoom)) {
            zoom = 1;
        }
        return new Viewport(imageWidth / 2, imageHeight / 2, zoom, width, height);
    }

    public double toScreenX(double imageX) {
        return (imageX - centerX) * zoom + width / 2;
    }

    public double toScreenY(double imageY) {
        return (imageY - centerY) * zoom + height / 2;
    }

    public double toImageX(double screenX) {
        return centerX + (screenX - width / 2) / zoom;
    }

    public double toImageY(double screenY) {
        return centerY + (screenY - height / 2) / zoom;
    }

    /** Left edge of the visible area in level-0 pixels. */
    public double minX() {
        return toImageX(0);
    }

    public double minY() {
        return toImageY(0);
    }

    public double maxX() {
        return toImageX(width);
    }

    public double maxY() {
        return toImageY(height);
    }

    /** The view moved so that the image follows a drag of {@code dx, dy} screen pixels. */
    public Viewport panBy(double dx, double dy) {
        return new Viewport(centerX - dx / zoom, centerY - dy / zoom, zoom, width, height);
    }

    /** The view at {@code newZoom} with the image point under screen point {@code (sx, sy)} kept there. */
    public Viewport zoomAround(double sx, double sy, double newZoom) {
        double ix = toImageX(sx);
        double iy = toImageY(sy);
        return new Viewport(ix - (sx - width / 2) / newZoom, iy - (sy - height / 2) / newZoom, newZoom, width, height);
    }

    public Viewport withCenter(double x, double y) {
        return new Viewport(x, y, zoom, width, height);
    }

    public Viewport withSize(double newWidth, double newHeight) {
        return new Viewport(centerX, centerY, zoom, newWidth, newHeight);
    }

    /** Whether the level-0 rectangle overlaps the visible area. */
    public boolean intersects(double x0, double y0, double x1, double y1) {
        return x1 >= minX() && x0 <= maxX() && y1 >= minY() && y0 <= maxY();
    }
}
