package org.pathlane.inference.segment;

import org.pathlane.inference.model.ModelException;
import org.pathlane.inference.model.ModelSpec;
import org.pathlane.inference.tiling.Tile;
import org.pathlane.inference.tiling.TileGrid;
import org.pathlane.inference.tiling.TilingOptions;
import org.pathlane.inference.stitch.TileWindow;

/**
 * Fits the wanted tile core and halo to what a model can take: the model's own halo is a minimum; a
 * fixed input size shrinks the core to fit inside it; a size step grows the core to the next accepted
 * size; a tile larger than the region becomes one tile.
 */
final class ModelTiling {

    private ModelTiling() {
    }

    /**
     * @param fixedSize the network's only input size, or 0
     * @param extent    the region's longer side in level-0 pixels
     * @param scale     level-0 pixels per model pixel (before snapping to a pyramid level)
     */
    static TilingOptions options(ModelSpec spec, int fixedSize, int tile, int halo, long extent, double scale,
            double tissueThreshold) {
        int h = Math.max(halo, spec.halo());
        // +2: snapping to a pyramid level may shrink the scale by up to 1 %, and cores are rounded.
        int regionInModelPixels = (int) Math.ceil(extent / (scale * 0.99)) + 2;
        int core = Math.min(tile, regionInModelPixels);
        int size = fixedSize > 0 ? fixedSize
                : spec.step() == 0 ? spec.minSize() : spec.acceptedSizeAtLeast(core + 2 * h);
        if (size - 2 * h <= 0) {
            throw new ModelException(spec.description() + ": the model only takes " + size + " px inputs, which"
                    + " leaves no core inside a halo of " + h + " px; use a smaller --halo");
        }
        return new TilingOptions(size - 2 * h, h, spec.pixelSize(), tissueThreshold);
    }

    /** The stitching view of one tile of the grid. */
    static TileWindow window(TileGrid grid, Tile tile) {
        return new TileWindow(tile.column(), tile.row(), tile.originX(), tile.originY(), grid.scale(),
                grid.options().imageSize(), tile.x(), tile.y(), tile.width(), tile.height());
    }
}
