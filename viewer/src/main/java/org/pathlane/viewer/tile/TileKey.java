package org.pathlane.viewer.tile;

/**
 * One tile of one source: column {@code col} and row {@code row} of the tile grid of {@code level}.
 * Tiles are squares of {@link TileSource#tileSize()} level pixels; the last column and row are cut
 * at the level's edge.
 *
 * @param sourceId the {@link TileSource#id()} the tile belongs to, so one cache can serve many slides
 */
public record TileKey(String sourceId, int level, int col, int row) {
}
