package org.pathlane.inference.segment;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.stitch.TileWindow;

/**
 * Reads a tile (halo included) at the model's pixel size from the finest pyramid level not coarser
 * than it, resampling bilinearly only when that level's downsample differs from the wanted scale.
 */
public final class SlideTileReader {

    private final SlideReader slide;
    private final int level;
    private final double levelDownsample;

    public SlideTileReader(SlideReader slide, double scale) {
        this.slide = slide;
        this.level = slide.bestLevelForDownsample(scale);
        this.levelDownsample = slide.levels().get(level).downsample();
    }

    /** @return {@code size × size} ARGB pixels, row-major; transparent outside the slide */
    public int[] read(TileWindow w) throws IOException {
        long x = Math.round(w.originX());
        long y = Math.round(w.originY());
        int side = (int) Math.ceil(w.size() * w.scale() / levelDownsample);
        BufferedImage region = slide.readRegion(level, x, y, side, side);
        if (side != w.size()) {
            BufferedImage scaled = new BufferedImage(w.size(), w.size(), BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(region, 0, 0, w.size(), w.size(), null);
            g.dispose();
            region = scaled;
        }
        return region.getRGB(0, 0, w.size(), w.size(), null, 0, w.size());
    }

    /**
     * The scale to tile at for a wanted one: a pyramid level within 2 % of it is used as is (0.499 µm
     * slides run a 0.5 µm model without resampling), otherwise the wanted scale.
     */
    public static double snap(SlideReader slide, double wanted) {
        double ds = slide.levels().get(slide.bestLevelForDownsample(wanted * 1.02)).downsample();
        return Math.abs(ds - wanted) <= 0.02 * wanted ? ds : wanted;
    }
}
