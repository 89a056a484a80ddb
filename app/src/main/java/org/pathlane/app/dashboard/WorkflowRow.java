package org.pathlane.app.dashboard;

import java.time.Instant;
import java.util.List;
import org.pathlane.scheduler.model.WorkflowStatus;

/** One workflow of the dashboard with its jobs in submission order. */
public record WorkflowRow(String id, String name, String user, WorkflowStatus status, Instant submittedAt,
                          String summary, List<JobRow> jobs) {

    public WorkflowRow {
        jobs = List.copyOf(jobs);
    }

    public boolean cancellable() {
        return !status.isTerminal();
    }

    public boolean retryable() {
        return status == WorkflowStatus.FAILED || status == WorkflowStatus.CANCELLED;
    }
}
