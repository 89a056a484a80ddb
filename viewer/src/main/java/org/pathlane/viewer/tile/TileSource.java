package org.pathlane.viewer.tile;

import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;

/**
 * What the viewer needs from an image pyramid, as small as QuPath's {@code ImageServer}: its levels,
 * its tile size, its pixel size, and an asynchronous tile read. The viewer never calls
 * {@link #readTile} on the FX thread's behalf and never waits on the future; it limits how many reads
 * are in flight itself, so an implementation may simply run each read on its own executor.
 */
public interface TileSource {

    /** A stable identity for cache keys: same image, same id. */
    String id();

    /** Level 0 (full resolution) first, then ever coarser levels. Never empty. */
    List<PyramidLevel> levels();

    /** Edge of the square tiles in level pixels (e.g. 256). */
    int tileSize();

    /** Microns per level-0 pixel, when known; the scale bar hides itself otherwise. */
    OptionalDouble micronsPerPixel();

    /**
     * Reads one tile. The future completes with the tile's pixels (cut at the level's edge), or
     * exceptionally with an error naming the image and the tile. It must not complete on the FX thread
     * while blocking it.
     */
    CompletableFuture<TilePixels> readTile(TileKey key);

    /** The size of level 0. */
    default PyramidLevel fullResolution() {
        return levels().get(0);
    }

    /** The index of the coarsest level: the thumbnail the viewer falls back to. */
    default int coarsestLevel() {
        return levels().size() - 1;
    }

    /** The finest level whose downsample is not coarser than {@code downsample}. */
    default int levelFor(double downsample) {
        List<PyramidLevel> levels = levels();
        int best = 0;
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i).downsample() <= downsample + 1e-9) {
                best = i;
            }
        }
        return best;
    }
}
