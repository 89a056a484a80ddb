package org.pathlane.app.ui;

/** Settings every TestFX test of the app needs on the headless platform. */
public final class FxTestSupport {

    private FxTestSupport() {
    }

    /** The headless platform has no AWT robot: TestFX must drive JavaFX's own (glass) robot. */
    public static void useGlassRobot() {
        System.setProperty("testfx.robot", "glass");
    }
}
