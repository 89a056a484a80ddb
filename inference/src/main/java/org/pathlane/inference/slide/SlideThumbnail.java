package org.pathlane.inference.slide;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.imgscalr.Scalr;

/**
 * A whole-slide overview: read from the best pyramid level for the wanted size, composited on white
 * (unscanned areas look like glass), scaled with imgscalr.
 *
 * @param image       opaque {@code TYPE_INT_RGB} overview
 * @param downsampleX level-0 pixels per thumbnail pixel along x
 * @param downsampleY level-0 pixels per thumbnail pixel along y
 */
public record SlideThumbnail(BufferedImage image, double downsampleX, double downsampleY) {

    /** The long side PathLane uses for tissue detection and overlays (the spec asks for about 1–2 k). */
    public static final int DEFAULT_LONG_SIDE = 1536;

    /** At most this many level pixels are read and scaled at once, so memory stays bounded on any slide. */
    static final long MAX_STRIP_PIXELS = 16L * 1024 * 1024;

    /**
     * Makes a thumbnail whose long side is {@code longSide} (or level 0's size when that is smaller).
     *
     * @throws IOException naming the slide when its pixels cannot be read
     */
    public static SlideThumbnail of(SlideReader slide, int longSide) throws IOException {
        if (longSide < 1) {
            throw new IllegalArgumentException("thumbnail long side must be positive, not " + longSide);
        }
        SlideLevel base = slide.levels().get(0);
        double downsample = Math.max(1.0, (double) Math.max(base.width(), base.height()) / longSide);
        int width = (int) Math.max(1, Math.round(base.width() / downsample));
        int height = (int) Math.max(1, Math.round(base.height() / downsample));
        int level = slide.bestLevelForDownsample(downsample);
        SlideLevel source = slide.levels().get(level);
        if (source.width() > Integer.MAX_VALUE / 4) {
            throw new IOException(slide.path() + ": level " + level + " is too wide (" + source.width()
                    + " px) to make a thumbnail from");
        }
        BufferedImage thumbnail = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double levelRowsPerThumbRow = (double) source.height() / height;
        int stripRows = (int) Math.max(1, Math.min(height,
                MAX_STRIP_PIXELS / source.width() / Math.max(1.0, levelRowsPerThumbRow)));
        Graphics2D g = thumbnail.createGraphics();
        try {
            for (int row = 0; row < height; row += stripRows) {
                int rows = Math.min(stripRows, height - row);
                long levelY0 = (long) Math.floor(row * levelRowsPerThumbRow);
                long levelY1 = Math.min(source.height(), (long) Math.ceil((row + rows) * levelRowsPerThumbRow));
                int levelRows = (int) Math.max(1, levelY1 - levelY0);
                BufferedImage strip = SlideImages.onWhite(slide.readRegion(level, 0,
                        Math.round(levelY0 * source.downsample()), (int) source.width(), levelRows));
                BufferedImage scaled = strip.getWidth() == width && levelRows == rows
                        ? strip
                        : Scalr.resize(strip, Scalr.Method.QUALITY, Scalr.Mode.FIT_EXACT, width, rows);
                g.drawImage(scaled, 0, row, null);
            }
        } finally {
            g.dispose();
        }
        return new SlideThumbnail(thumbnail, (double) base.width() / width, (double) base.height() / height);
    }
}
