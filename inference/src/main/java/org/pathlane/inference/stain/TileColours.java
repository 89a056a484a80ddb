package org.pathlane.inference.stain;

/** What is done to a tile's colours before the model sees them, the same for every tile of a slide. */
public interface TileColours {

    /** Changes opaque or straight-alpha ARGB pixels in place; returns the array. */
    int[] apply(int[] argb);

    /** One line for {@code summary.json}'s {@code stain} and the checkpoint's fingerprint. */
    String description();
}
