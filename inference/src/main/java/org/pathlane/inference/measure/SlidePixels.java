package org.pathlane.inference.measure;

/**
 * A tile's pixels as the slide has them (before any stain normalisation or fluorescence rendering for the
 * model), and what they are measured as.
 *
 * @param argb     {@code 0xAARRGGBB}, the tile image's size
 * @param channels hematoxylin and eosin, or the nuclear channel
 */
public record SlidePixels(int[] argb, PixelChannels channels) {
}
