package org.pathlane.inference.slide.info;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pathlane.inference.slide.OpenSlideLibrary;
import org.pathlane.inference.slide.OpenSlideReader;
import org.pathlane.inference.slide.SlideLevel;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.tiling.TileGrid;
import org.pathlane.inference.tiling.TilingOptions;
import org.pathlane.inference.tissue.TissueDetection;
import org.pathlane.inference.tissue.TissueDetector;

/**
 * What {@code pathlane info} reports about a slide, as plain data (Jackson writes it as JSON as is).
 *
 * @param file             absolute path
 * @param id               content id (cache key)
 * @param vendor           OpenSlide vendor or {@code image}
 * @param reader           {@code openslide <version>} or {@code imageio}
 * @param width            level-0 width in pixels
 * @param height           level-0 height in pixels
 * @param mppX             µm per level-0 pixel along x, null when the file does not say
 * @param mppY             µm per level-0 pixel along y, null when the file does not say
 * @param mppNote          why the file's own µm per pixel were taken as unknown, null when they were not refused
 * @param levels           the pyramid, level 0 first
 * @param associatedImages label, macro, thumbnail... with their sizes
 * @param tissue           tissue fraction and tile counts
 */
public record SlideInfo(String file, String id, String vendor, String reader, long width, long height, Double mppX,
        Double mppY, String mppNote, List<Level> levels, List<AssociatedImage> associatedImages, Tissue tissue) {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SlideInfo.class);

    /** One pyramid level. */
    public record Level(int level, long width, long height, double downsample, int tileWidth, int tileHeight) {
    }

    /** One associated image; width and height are 0 when it could not be decoded. */
    public record AssociatedImage(String name, int width, int height) {
    }

    /**
     * Tissue on the slide and the tiles a segmentation at the default settings would process.
     *
     * @param fraction        tissue share of the slide, 0..1
     * @param channel         the thresholded channel
     * @param tileSize        tile core in pixels
     * @param tileMpp         tile resolution in µm/px
     * @param mppAssumed      true when the slide has no mpp and {@code tileMpp} was assumed for level 0
     * @param tissueThreshold minimum tissue share of a kept tile
     * @param tiles           tiles covering the slide
     * @param tissueTiles     tiles kept for having tissue
     */
    public record Tissue(double fraction, String channel, int tileSize, double tileMpp, boolean mppAssumed,
            double tissueThreshold, int tiles, int tissueTiles) {
    }

    /**
     * Gathers everything about an open slide: metadata, associated image sizes, tissue and the tile
     * count at {@link TilingOptions#defaults()}.
     *
     * @throws IOException naming the slide when its pixels cannot be read
     */
    public static SlideInfo of(SlideReader slide) throws IOException {
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < slide.levels().size(); i++) {
            SlideLevel l = slide.levels().get(i);
            levels.add(new Level(i, l.width(), l.height(), l.downsample(), l.tileWidth(), l.tileHeight()));
        }
        List<AssociatedImage> associated = new ArrayList<>();
        for (String name : slide.associatedImageNames()) {
            try {
                BufferedImage image = slide.readAssociatedImage(name);
                associated.add(new AssociatedImage(name, image.getWidth(), image.getHeight()));
            } catch (IOException e) {
                LOG.warn("{}: associated image '{}' cannot be decoded: {}", slide.path(), name, e.getMessage());
                associated.add(new AssociatedImage(name, 0, 0));
            }
        }
        TilingOptions options = TilingOptions.defaults();
        TissueDetection detection = TissueDetector.defaults().detect(slide);
        boolean assumed = slide.mppX().isEmpty();
        TileGrid grid = TileGrid.plan(slide, options, slide.mppX().orElse(options.mpp()),
                Optional.of(detection.mask()));
        Tissue tissue = new Tissue(detection.mask().fraction(), detection.channel(), options.core(), options.mpp(),
                assumed, options.tissueThreshold(), grid.tiles().size(), grid.tissueTiles().size());
        SlideLevel base = slide.levels().get(0);
        return new SlideInfo(slide.path().toString(), slide.id(), slide.vendor(), readerName(slide),
                base.width(), base.height(), boxed(slide.mppX()), boxed(slide.mppY()),
                slide.mppNote().isEmpty() ? null : slide.mppNote(), List.copyOf(levels),
                List.copyOf(associated), tissue);
    }

    private static String readerName(SlideReader slide) {
        if (slide instanceof OpenSlideReader) {
            try {
                return "openslide " + OpenSlideLibrary.get().version();
            } catch (IOException e) {
                return "openslide";
            }
        }
        return "imageio";
    }

    private static Double boxed(java.util.OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
