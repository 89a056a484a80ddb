package org.pathlane.scheduler.api;

import java.util.concurrent.CancellationException;

/** Set by the engine when the job (or its workflow) is cancelled. Checking it is cheap. */
public interface CancellationToken {

    boolean isCancelled();

    /** @throws CancellationException if the job was cancelled */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
