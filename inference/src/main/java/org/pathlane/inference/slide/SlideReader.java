package org.pathlane.inference.slide;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A whole-slide image, as small as QuPath's {@code ImageServer}: levels, metadata and region reads.
 * Implementations are thread-safe for concurrent {@link #readRegion} calls and own their native
 * handle until {@link #close()}.
 */
public interface SlideReader extends AutoCloseable {

    /** The file this reader opened. */
    Path path();

    /** A stable identity for cache keys (same file, same content → same id). */
    String id();

    /** The format/vendor, e.g. {@code aperio}, {@code hamamatsu}, {@code generic-tiff}, {@code image}. */
    String vendor();

    /** Level 0 first, then ever coarser levels. Never empty. */
    List<SlideLevel> levels();

    /** Microns per level-0 pixel along x, when the file says. */
    OptionalDouble mppX();

    /** Microns per level-0 pixel along y, when the file says. */
    OptionalDouble mppY();

    /**
     * Why the file's own microns per pixel were not believed (e.g. a 72 dpi default of imaging software),
     * so that {@link #mppX()} is empty although the file had a value; empty otherwise.
     */
    default String mppNote() {
        return "";
    }

    /** Every property the file carries (OpenSlide's property names for OpenSlide slides). */
    Map<String, String> properties();

    /** Names of associated images, e.g. {@code label}, {@code macro}, {@code thumbnail}. */
    Set<String> associatedImageNames();

    /** @throws IOException if the name is unknown or the image cannot be decoded */
    BufferedImage readAssociatedImage(String name) throws IOException;

    /**
     * Reads a region of one level, like {@code openslide_read_region}.
     *
     * @param level the pyramid level
     * @param x     left edge in level-0 pixels
     * @param y     top edge in level-0 pixels
     * @param w     width in pixels of {@code level}
     * @param h     height in pixels of {@code level}
     * @return a {@link BufferedImage#TYPE_INT_ARGB} image (not premultiplied), transparent where the
     *     slide has no data (outside its bounds or in empty scan areas)
     * @throws IOException naming the file when the read fails
     */
    BufferedImage readRegion(int level, long x, long y, int w, int h) throws IOException;

    /** The level to read for a wanted downsample: the finest level not coarser than it. */
    default int bestLevelForDownsample(double downsample) {
        List<SlideLevel> levels = levels();
        int best = 0;
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i).downsample() <= downsample + 1e-9) {
                best = i;
            }
        }
        return best;
    }

    @Override
    void close();
}
