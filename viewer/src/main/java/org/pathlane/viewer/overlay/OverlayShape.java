package org.pathlane.viewer.overlay;

/**
 * One closed outline (a nucleus, an annotation) in level-0 pixel coordinates: {@code x0, y0, x1, y1, ...}.
 * Stored as floats (a hundredth of a pixel is plenty at gigapixel sizes) to keep 200,000 nuclei small.
 */
public record OverlayShape(float[] xy, float minX, float minY, float maxX, float maxY) {

    public OverlayShape {
        if (xy == null || xy.length < 6 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("an outline needs at least three x,y points, got "
                    + (xy == null ? "none" : xy.length + " coordinates"));
        }
    }

    /** An outline through the points {@code x0, y0, x1, y1, ...} (level-0 pixels). */
    public static OverlayShape polygon(float... xy) {
        float minX = Float.POSITIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        if (xy != null) {
            for (int i = 0; i + 1 < xy.length; i += 2) {
                if (!Float.isFinite(xy[i]) || !Float.isFinite(xy[i + 1])) {
                    throw new IllegalArgumentException("outline point " + i / 2 + " is not a finite number");
                }
                minX = Math.min(minX, xy[i]);
                maxX = Math.max(maxX, xy[i]);
                minY = Math.min(minY, xy[i + 1]);
                maxY = Math.max(maxY, xy[i + 1]);
            }
        }
        return new OverlayShape(xy, minX, minY, maxX, maxY);
    }

    public int points() {
        return xy.length / 2;
    }

    public double centerX() {
        return (minX + maxX) / 2.0;
    }

    public double centerY() {
        return (minY + maxY) / 2.0;
    }
}
