package org.pathlane.inference.slide;

/**
 * One pyramid level.
 *
 * @param width      in pixels of this level
 * @param height     in pixels of this level
 * @param downsample level-0 pixels per pixel of this level (1 for level 0)
 * @param tileWidth  the file's native tile width at this level (0 when unknown)
 * @param tileHeight the file's native tile height at this level (0 when unknown)
 */
public record SlideLevel(long width, long height, double downsample, int tileWidth, int tileHeight) {
}
