package org.pathlane.inference.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.locationtech.jts.geom.Coordinate;
import org.pathlane.inference.stitch.Nucleus;
import org.pathlane.inference.tissue.TissueMask;

/**
 * Draws {@code overlay.png}: the thumbnail, the tissue outline in green and every nucleus outline in
 * blue, at thumbnail scale.
 */
public final class OverlayRenderer {

    private static final Color TISSUE = new Color(0, 170, 0);
    private static final Color NUCLEUS = new Color(20, 60, 255);

    private final BufferedImage overlay;
    private final Graphics2D g;
    private final double downsampleX;
    private final double downsampleY;

    /**
     * @param thumbnail   the slide thumbnail
     * @param downsampleX level-0 pixels per thumbnail pixel along x
     * @param downsampleY the same along y
     */
    public OverlayRenderer(BufferedImage thumbnail, double downsampleX, double downsampleY) {
        this.downsampleX = downsampleX;
        this.downsampleY = downsampleY;
        overlay = new BufferedImage(thumbnail.getWidth(), thumbnail.getHeight(), BufferedImage.TYPE_INT_RGB);
        g = overlay.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, overlay.getWidth(), overlay.getHeight());
        g.drawImage(thumbnail, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    }

    /** Outlines the tissue: mask pixels with a background 4-neighbour (mask pixels are scaled to the thumbnail). */
    public void drawTissue(TissueMask mask) {
        int colour = TISSUE.getRGB();
        int width = mask.width();
        int height = mask.height();
        double sx = overlay.getWidth() / (double) width;
        double sy = overlay.getHeight() / (double) height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean edge = mask.isTissue(x, y) && (x == 0 || y == 0 || x == width - 1 || y == height - 1
                        || !mask.isTissue(x - 1, y) || !mask.isTissue(x + 1, y) || !mask.isTissue(x, y - 1)
                        || !mask.isTissue(x, y + 1));
                if (edge) {
                    overlay.setRGB(Math.min(overlay.getWidth() - 1, (int) (x * sx)),
                            Math.min(overlay.getHeight() - 1, (int) (y * sy)), colour);
                }
            }
        }
    }

    public void drawNucleus(Nucleus n) {
        Path2D.Double path = new Path2D.Double();
        Coordinate[] coords = n.polygon().getExteriorRing().getCoordinates();
        for (int i = 0; i < coords.length; i++) {
            double x = coords[i].x / downsampleX;
            double y = coords[i].y / downsampleY;
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        g.setColor(NUCLEUS);
        g.setStroke(new BasicStroke(downsampleX > 4 ? 0.6f : 1f));
        g.draw(path);
    }

    public void write(Path file) throws IOException {
        g.dispose();
        ImageIO.write(overlay, "png", file.toFile());
    }
}
