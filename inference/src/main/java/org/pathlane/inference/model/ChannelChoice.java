package org.pathlane.inference.model;

import java.util.Locale;

/** Which image a model sees of an RGB slide. */
public enum ChannelChoice {
    /** Red, green, blue in 0..255, for three-channel models. */
    RGB,
    /** Hematoxylin optical density after colour deconvolution (one channel; nuclei bright). */
    HEMATOXYLIN,
    /** Luminance in 0..255 (one channel). */
    GRAY;

    public static ChannelChoice parse(String text, String where) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ModelException(where + ": channel '" + text + "' is not one of rgb, hematoxylin, gray");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
