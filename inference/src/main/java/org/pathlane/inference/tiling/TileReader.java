package org.pathlane.inference.tiling;

import java.awt.image.BufferedImage;
import java.io.IOException;
import org.imgscalr.Scalr;
import org.pathlane.inference.slide.SlideImages;
import org.pathlane.inference.slide.SlideReader;

/**
 * Reads tile images (core plus halo, {@link TilingOptions#imageSize()} square) at the grid's resolution.
 * Areas outside the slide are white, like glass. Thread-safe: call {@link #read} from many threads.
 */
public final class TileReader {

    private final SlideReader slide;
    private final TileGrid grid;

    public TileReader(SlideReader slide, TileGrid grid) {
        this.slide = slide;
        this.grid = grid;
    }

    /**
     * The tile's image: opaque {@code TYPE_INT_RGB}, pixel (i, j) at level-0
     * ({@link TileGrid#toLevel0X}, {@link TileGrid#toLevel0Y}).
     *
     * @throws IOException naming the slide when the read fails
     */
    public BufferedImage read(Tile tile) throws IOException {
        int size = grid.options().imageSize();
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] pixels = readPixels(tile);
        System.arraycopy(pixels, 0, SlideImages.pixels(image), 0, pixels.length);
        return image;
    }

    /**
     * The tile's pixels as the segmentation pipeline wants them, without an image around them: row-major
     * {@code 0xFFRRGGBB}, composited over white, {@link TilingOptions#imageSize()} square.
     *
     * @throws IOException naming the slide when the read fails
     */
    public int[] readPixels(Tile tile) throws IOException {
        int size = grid.options().imageSize();
        long x = Math.round(tile.originX());
        long y = Math.round(tile.originY());
        if (!grid.resampled()) {
            return SlideImages.flattenOnWhite(argb(slide.readRegion(grid.level(), x, y, size, size)));
        }
        double levelDownsample = slide.levels().get(grid.level()).downsample();
        int levelSize = (int) Math.max(1, Math.round(size * grid.scale() / levelDownsample));
        BufferedImage source = SlideImages.onWhite(slide.readRegion(grid.level(), x, y, levelSize, levelSize));
        BufferedImage scaled = Scalr.resize(source, Scalr.Method.QUALITY, Scalr.Mode.FIT_EXACT, size, size);
        return SlideImages.flattenOnWhite(argb(scaled));
    }

    /** The image's ARGB pixels: its own array when it is a plain INT_ARGB image (no copy). */
    private static int[] argb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_ARGB
                && image.getRaster().getDataBuffer().getSize() == image.getWidth() * image.getHeight()) {
            return SlideImages.pixels(image);
        }
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
