/**
 * Cutting a slide into core + halo tiles at a target resolution.
 *
 * <pre>{@code
 * TissueDetection tissue = TissueDetector.defaults().detect(slide);
 * TileGrid grid = TileGrid.plan(slide, TilingOptions.defaults(), slide.mppX().orElse(0.5),
 *         Optional.of(tissue.mask()));
 * TileReader reader = new TileReader(slide, grid);
 * for (Tile tile : grid.tissueTiles()) {
 *     BufferedImage image = reader.read(tile);          // (core + 2 halo)² px, RGB
 *     double x0 = grid.toLevel0X(tile, 10.5);           // image pixel → level-0
 *     boolean mine = tile.coreContains(x0, y0);         // stitching rule
 * }
 * }</pre>
 */
package org.pathlane.inference.tiling;
