package org.pathlane.scheduler.model;

/** Where a job is in its life. The last three are terminal: once there, a job never changes again. */
public enum JobStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
