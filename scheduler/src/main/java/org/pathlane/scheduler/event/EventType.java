package org.pathlane.scheduler.event;

/** The engine's committed state changes, named as in the trace of {@code specs/scheduler.md}. */
public enum EventType {
    WORKFLOW_SUBMITTED, USER_ACTIVATED, WORKFLOW_ADMITTED, JOB_STARTED, JOB_SUCCEEDED, JOB_FAILED,
    JOB_CANCELLED, WORKFLOW_FINISHED, USER_RELEASED
}
