package org.pathlane.inference.tiling;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pathlane.inference.slide.SlideLevel;
import org.pathlane.inference.slide.SlideReader;
import org.pathlane.inference.tissue.TissueMask;

/**
 * The tiles covering a slide (or a level-0 region of it) at a target resolution. Cores tile the area
 * without overlap, including the ragged right and bottom edges; each tile image is the core plus a halo,
 * read from the coarsest pyramid level that is not coarser than the target (within 1 %, in which case the
 * grid snaps to that level's exact downsample and no resampling is needed).
 */
public final class TileGrid {

    /** A level whose downsample is within this ratio of the wanted scale is used as is. */
    static final double SNAP_TOLERANCE = 0.01;

    private final TilingOptions options;
    private final double scale;
    private final int level;
    private final double levelDownsample;
    private final int columns;
    private final int rows;
    private final List<Tile> tiles;
    private final List<Tile> tissueTiles;

    private TileGrid(TilingOptions options, double scale, int level, double levelDownsample, int columns, int rows,
            List<Tile> tiles, List<Tile> tissueTiles) {
        this.options = options;
        this.scale = scale;
        this.level = level;
        this.levelDownsample = levelDownsample;
        this.columns = columns;
        this.rows = rows;
        this.tiles = tiles;
        this.tissueTiles = tissueTiles;
    }

    /**
     * Plans the tiles of the whole slide.
     *
     * @param slideMpp the slide's level-0 µm/px (its own, an override, or an assumed value)
     * @param tissue   the tissue mask, or empty to keep every tile (fraction 1)
     */
    public static TileGrid plan(SlideReader slide, TilingOptions options, double slideMpp, Optional<TissueMask> tissue) {
        SlideLevel base = slide.levels().get(0);
        return plan(slide, options, slideMpp, tissue, 0, 0, base.width(), base.height());
    }

    /** Plans the tiles of a level-0 region (clipped to the slide). */
    public static TileGrid plan(SlideReader slide, TilingOptions options, double slideMpp, Optional<TissueMask> tissue,
            long regionX, long regionY, long regionWidth, long regionHeight) {
        if (!(slideMpp > 0) || Double.isInfinite(slideMpp)) {
            throw new IllegalArgumentException("slide resolution must be a positive µm/px, not " + slideMpp);
        }
        SlideLevel base = slide.levels().get(0);
        long x0 = Math.max(0, regionX);
        long y0 = Math.max(0, regionY);
        long x1 = Math.min(base.width(), regionX + regionWidth);
        long y1 = Math.min(base.height(), regionY + regionHeight);
        if (x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("region " + regionX + "," + regionY + "," + regionWidth + ","
                    + regionHeight + " lies outside " + slide.path() + " (" + base.width() + "x" + base.height() + ")");
        }
        double wanted = options.mpp() / slideMpp;
        int level = slide.bestLevelForDownsample(wanted * (1 + SNAP_TOLERANCE));
        double levelDownsample = slide.levels().get(level).downsample();
        double scale = Math.abs(levelDownsample / wanted - 1) <= SNAP_TOLERANCE ? levelDownsample : wanted;
        double core0 = options.core() * scale;
        int columns = (int) Math.ceil((x1 - x0) / core0);
        int rows = (int) Math.ceil((y1 - y0) / core0);
        List<Tile> all = new ArrayList<>(columns * rows);
        List<Tile> kept = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            long ty = y0 + Math.round(r * core0);
            long ty1 = Math.min(y1, y0 + Math.round((r + 1) * core0));
            for (int c = 0; c < columns; c++) {
                long tx = x0 + Math.round(c * core0);
                long tx1 = Math.min(x1, x0 + Math.round((c + 1) * core0));
                double fraction = tissue.map(m -> m.fractionIn(tx, ty, tx1 - tx, ty1 - ty)).orElse(1.0);
                Tile tile = new Tile(c, r, tx, ty, tx1 - tx, ty1 - ty,
                        tx - options.halo() * scale, ty - options.halo() * scale, fraction);
                all.add(tile);
                if (fraction >= options.tissueThreshold()) {
                    kept.add(tile);
                }
            }
        }
        return new TileGrid(options, scale, level, levelDownsample, columns, rows, List.copyOf(all), List.copyOf(kept));
    }

    public TilingOptions options() {
        return options;
    }

    /** Level-0 pixels per tile-image pixel. */
    public double scale() {
        return scale;
    }

    /** The pyramid level tile images are read from. */
    public int level() {
        return level;
    }

    /** True when tile images are resampled from {@link #level()} rather than read 1:1. */
    public boolean resampled() {
        return Math.abs(scale - levelDownsample) > 1e-9;
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    /** Every tile, row by row. */
    public List<Tile> tiles() {
        return tiles;
    }

    /** The tiles at or above the tissue threshold, row by row. */
    public List<Tile> tissueTiles() {
        return tissueTiles;
    }

    /** How many tiles the tissue threshold skipped. */
    public int skipped() {
        return tiles.size() - tissueTiles.size();
    }

    /** Level-0 x of a tile-image x (pixel centres at +0.5). */
    public double toLevel0X(Tile tile, double imageX) {
        return tile.originX() + imageX * scale;
    }

    /** Level-0 y of a tile-image y. */
    public double toLevel0Y(Tile tile, double imageY) {
        return tile.originY() + imageY * scale;
    }
}
