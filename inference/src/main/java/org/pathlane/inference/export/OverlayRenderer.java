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

/**
 * Draws {@code overlay.png}: the thumbnail, the tissue outline in green and every nucleus outline in
 * blue, at thumbnail scale; also writes {@code tissue.png}, the mask itself.
 */
public final class OverlayRenderer {

    private static final Color TISSUE = new Color(0, 170, 0);
    private static final Color NUCLEUS = new Color(20, 60, 255);

    private final BufferedImage overlay;
    private final Graphics2D g;
    private final double downsample;

    /**
     * @param thumbnail  the slide thumbnail
     * @param downsample level-0 pixels per thumbnail pixel
     */
    public OverlayRenderer(BufferedImage thumbnail, double downsample) {
        this.downsample = downsample;
        overlay = new BufferedImage(thumbnail.getWidth(), thumbnail.getHeight(), BufferedImage.TYPE_INT_RGB);
        g = overlay.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, overlay.getWidth(), overlay.getHeight());
        g.drawImage(thumbnail, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    }

    /** Outlines the tissue: mask pixels with a background 4-neighbour. */
    public void drawTissue(boolean[] mask, int width, int height) {
        int colour = TISSUE.getRGB();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                boolean edge = mask[i] && (x == 0 || y == 0 || x == width - 1 || y == height - 1
                        || !mask[i - 1] || !mask[i + 1] || !mask[i - width] || !mask[i + width]);
                if (edge && x < overlay.getWidth() && y < overlay.getHeight()) {
                    overlay.setRGB(x, y, colour);
                }
            }
        }
    }

    public void drawNucleus(Nucleus n) {
        Path2D.Double path = new Path2D.Double();
        Coordinate[] coords = n.polygon().getExteriorRing().getCoordinates();
        for (int i = 0; i < coords.length; i++) {
            double x = coords[i].x / downsample;
            double y = coords[i].y / downsample;
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        g.setColor(NUCLEUS);
        g.setStroke(new BasicStroke(downsample > 4 ? 0.6f : 1f));
        g.draw(path);
    }

    public void write(Path file) throws IOException {
        g.dispose();
        ImageIO.write(overlay, "png", file.toFile());
    }

    public static void writeMask(boolean[] mask, int width, int height, Path file) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, mask[y * width + x] ? 255 : 0);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
