package org.pathlane.scheduler.model;

import java.time.Instant;
import java.util.List;

/**
 * A workflow with its jobs in submission order. {@code retryOf} names the failed workflow it retries;
 * {@code archived} says its owner (or an admin) hid it from the dashboard, results kept.
 */
public record WorkflowView(String id, String name, String user, WorkflowStatus status, Instant submittedAt,
        Instant admittedAt, Instant finishedAt, String retryOf, boolean archived, List<JobView> jobs) {

    /** An unarchived workflow. */
    public WorkflowView(String id, String name, String user, WorkflowStatus status, Instant submittedAt,
            Instant admittedAt, Instant finishedAt, String retryOf, List<JobView> jobs) {
        this(id, name, user, status, submittedAt, admittedAt, finishedAt, retryOf, false, jobs);
    }
}
