/**
 * Tiles for the viewer: the {@link org.pathlane.viewer.tile.TileSource} seam, the byte-bounded
 * {@link org.pathlane.viewer.tile.TileCache} and the {@link org.pathlane.viewer.tile.TileLoader} that merges
 * duplicate requests and drops those for tiles that left the screen.
 */
package org.pathlane.viewer.tile;
