package org.pathlane.scheduler.model;

/**
 * {@code WAITING}: submitted, not yet admitted (its user waits for a slot, or it queues behind waiting
 * users). {@code RUNNING}: admitted with unfinished jobs. The rest are terminal: {@code FAILED} when any
 * job failed, else {@code CANCELLED} when any job was cancelled, else {@code SUCCEEDED}.
 */
public enum WorkflowStatus {
    WAITING, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
