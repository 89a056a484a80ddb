package org.pathlane.inference.segment;

import java.util.ArrayList;
import java.util.List;
import org.pathlane.inference.model.ModelException;
import org.pathlane.inference.model.ModelSpec;
import org.pathlane.inference.stitch.TileWindow;

/**
 * The grid of core tiles over a region at the model's pixel size, with the tile size the model can take.
 *
 * @param regionX level-0 left edge of the region
 * @param regionY level-0 top edge
 * @param width   region width in tile pixels
 * @param height  region height in tile pixels
 * @param scale   level-0 pixels per tile pixel
 * @param core    core side in tile pixels
 * @param halo    halo in tile pixels
 * @param size    tile side the model is fed (≥ core + 2 halo)
 */
public record TileGrid(long regionX, long regionY, int width, int height, double scale, int core, int halo, int size) {

    /**
     * Lays out the grid. A tile larger than the region becomes one tile; a model with a fixed input size
     * shrinks the core to fit it; a model with a size step pads the tile up to the next accepted size.
     *
     * @param fixedSize the network's only input size, or 0
     */
    public static TileGrid of(long x, long y, long w, long h, double scale, int tile, int halo, ModelSpec spec, int fixedSize) {
        int width = (int) Math.ceil(w / scale);
        int height = (int) Math.ceil(h / scale);
        int effectiveHalo = Math.max(halo, spec.halo());
        int core = Math.min(tile, Math.max(width, height));
        int size;
        if (fixedSize > 0 || spec.step() == 0) {
            size = fixedSize > 0 ? fixedSize : spec.minSize();
            if (core + 2 * effectiveHalo > size) {
                core = size - 2 * effectiveHalo;
            }
            if (core <= 0) {
                throw new ModelException(spec.description() + ": the model only takes " + size + " px inputs, which"
                        + " leaves no core inside a halo of " + effectiveHalo + " px; use a smaller --halo");
            }
        } else {
            size = spec.acceptedSizeAtLeast(core + 2 * effectiveHalo);
        }
        return new TileGrid(x, y, width, height, scale, core, effectiveHalo, size);
    }

    public int columns() {
        return (width + core - 1) / core;
    }

    public int rows() {
        return (height + core - 1) / core;
    }

    public int tileCount() {
        return columns() * rows();
    }

    public TileWindow window(int col, int row) {
        double originX = regionX + ((long) col * core - halo) * scale;
        double originY = regionY + ((long) row * core - halo) * scale;
        return new TileWindow(col, row, originX, originY, scale, size, originX + halo * scale, originY + halo * scale,
                Math.min(core, width - col * core) * scale, Math.min(core, height - row * core) * scale);
    }

    /** Every tile, row by row. */
    public List<TileWindow> windows() {
        List<TileWindow> all = new ArrayList<>(tileCount());
        for (int row = 0; row < rows(); row++) {
            for (int col = 0; col < columns(); col++) {
                all.add(window(col, row));
            }
        }
        return all;
    }
}
