package org.pathlane.inference.stain;

import org.pathlane.inference.measure.PixelChannels;

/** What is done to a tile's colours before the model sees them, the same for every tile of a slide. */
public interface TileColours {

    /** Changes opaque or straight-alpha ARGB pixels in place; returns the array. */
    int[] apply(int[] argb);

    /** One line for {@code summary.json}'s {@code stain} and the checkpoint's fingerprint. */
    String description();

    /**
     * What the slide's own pixels (before {@link #apply}) are measured as: the standard H&amp;E stain vectors
     * unless the slide's were estimated, or the nuclear channel of a fluorescence slide.
     */
    default PixelChannels measuredAs() {
        return PixelChannels.standardHE();
    }
}
