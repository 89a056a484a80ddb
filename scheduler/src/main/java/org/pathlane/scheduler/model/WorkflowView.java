package org.pathlane.scheduler.model;

import java.time.Instant;
import java.util.List;

/** A workflow with its jobs in submission order. {@code retryOf} names the failed workflow it retries. */
public record WorkflowView(String id, String name, String user, WorkflowStatus status, Instant submittedAt,
        Instant admittedAt, Instant finishedAt, String retryOf, List<JobView> jobs) {
}
