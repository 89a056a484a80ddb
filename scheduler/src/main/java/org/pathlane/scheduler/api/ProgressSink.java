package org.pathlane.scheduler.api;

/** Receives a running job's progress, e.g. tiles done out of tissue tiles. */
@FunctionalInterface
public interface ProgressSink {

    /**
     * @param done    units finished so far
     * @param total   units in all (0 when not yet known)
     * @param message a short human-readable status, may be empty
     */
    void report(long done, long total, String message);
}
