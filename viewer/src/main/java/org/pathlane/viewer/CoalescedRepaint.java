package org.pathlane.viewer;

import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * Turns any number of repaint requests, from any thread, into at most one pending
 * {@link Platform#runLater}: tiles and overlay batches arriving in a burst cost one frame.
 */
final class CoalescedRepaint {

    private final Runnable paint;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    CoalescedRepaint(Runnable paint) {
        this.paint = paint;
    }

    void request() {
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                scheduled.set(false);
                paint.run();
            });
        }
    }
}
