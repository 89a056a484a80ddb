package org.pathlane.viewer.tile;

import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;

/** Starts the JavaFX platform (headless in tests) once, for tests that create images without a scene. */
public final class FxToolkit {

    private FxToolkit() {
    }

    public static synchronized void start() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(started::countDown);
        }
        started.await();
        Platform.setImplicitExit(false);
    }
}
