package org.pathlane.inference.model;

import java.util.Locale;

/** Where inference runs: {@code auto} tries CUDA and falls back to the CPU. */
public enum Device {
    AUTO, CPU, CUDA;

    public static Device parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device '" + text + "' is not one of auto, cpu, cuda");
        }
    }
}
