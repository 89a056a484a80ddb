package org.pathlane.inference.tissue;

import org.pathlane.inference.slide.SlideThumbnail;

/**
 * What tissue detection found on a slide.
 *
 * @param thumbnail the overview the mask was computed on (for overlays)
 * @param mask      tissue at thumbnail scale
 * @param channel   the channel thresholded: {@code saturation} (brightfield) or {@code stained-density} (fluorescence)
 * @param threshold the channel value (0..255) at or above which a pixel is tissue
 * @param glassless true when a brightfield image shows no glass at all (a crop from inside tissue): all of it
 *                  is tissue then
 */
public record TissueDetection(SlideThumbnail thumbnail, TissueMask mask, String channel, int threshold,
        boolean glassless) {
}
