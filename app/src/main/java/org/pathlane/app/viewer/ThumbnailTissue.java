package org.pathlane.app.viewer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.pathlane.inference.slide.SlideLevel;
import org.pathlane.inference.slide.SlideReader;

/**
 * A quick tissue mask for the viewer's demo and benchmark: the finest pyramid level at most 2048 px
 * long, tissue wherever a pixel is clearly darker than glass. (Segmentation jobs use the inference
 * module's proper tissue detection; this only needs to be cheap and deterministic.)
 *
 * @param mask       {@code mask[row * width + col]}: tissue or not
 * @param downsample level-0 pixels per mask pixel
 */
public record ThumbnailTissue(boolean[] mask, int width, int height, double downsample, int tissuePixels) {

    private static final int MAX_SIDE = 2048;
    private static final int GLASS_THRESHOLD = 215;

    public static ThumbnailTissue of(SlideReader reader) throws IOException {
        List<SlideLevel> levels = reader.levels();
        int level = levels.size() - 1;
        for (int i = levels.size() - 1; i >= 0; i--) {
            if (Math.max(levels.get(i).width(), levels.get(i).height()) <= MAX_SIDE) {
                level = i;
            }
        }
        SlideLevel thumb = levels.get(level);
        int w = (int) Math.min(thumb.width(), MAX_SIDE);
        int h = (int) Math.min(thumb.height(), MAX_SIDE);
        BufferedImage image = reader.readRegion(level, 0, 0, w, h);
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        boolean[] mask = new boolean[argb.length];
        int tissue = 0;
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int darkest = Math.min((p >> 16) & 0xff, Math.min((p >> 8) & 0xff, p & 0xff));
            mask[i] = p >>> 24 > 128 && darkest < GLASS_THRESHOLD;
            tissue += mask[i] ? 1 : 0;
        }
        return new ThumbnailTissue(mask, w, h, thumb.downsample(), tissue);
    }
}
