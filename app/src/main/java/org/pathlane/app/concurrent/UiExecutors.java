package org.pathlane.app.concurrent;

import java.util.concurrent.Executor;

/**
 * Where view-models run slow work and where they hand results back. The app passes a worker pool and
 * {@code Platform::runLater}; unit tests pass direct executors, so view-models test without JavaFX
 * threads and without sleeps.
 *
 * @param background runs engine calls and file I/O off the FX thread
 * @param fx         runs property updates on the FX thread
 */
public record UiExecutors(Executor background, Executor fx) {

    /** Both on the calling thread: for tests and for the command line. */
    public static UiExecutors direct() {
        return new UiExecutors(Runnable::run, Runnable::run);
    }
}
