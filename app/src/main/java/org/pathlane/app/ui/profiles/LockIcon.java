package org.pathlane.app.ui.profiles;

import javafx.scene.shape.SVGPath;

/**
 * A drawn padlock (10 × 12) for profiles with a password. The lock emoji is missing from many desktop
 * fonts and showed as a missing-glyph box; a path draws the same everywhere.
 */
public final class LockIcon {

    /** Shackle and body. */
    private static final String PATH = "M2 5 V3.5 A3 3 0 0 1 8 3.5 V5 H9 A1 1 0 0 1 10 6 V11 A1 1 0 0 1 9 12 H1 A1 1 0 0 1 0 11"
            + " V6 A1 1 0 0 1 1 5 Z M3.5 5 H6.5 V3.5 A1.5 1.5 0 0 0 3.5 3.5 Z";

    private LockIcon() {
    }

    public static SVGPath create() {
        SVGPath lock = new SVGPath();
        lock.setContent(PATH);
        lock.getStyleClass().add("lock-icon");
        return lock;
    }
}
