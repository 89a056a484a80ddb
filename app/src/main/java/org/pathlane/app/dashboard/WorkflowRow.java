package org.pathlane.app.dashboard;

import java.time.Instant;
import java.util.List;
import org.pathlane.scheduler.model.WorkflowStatus;

/**
 * One workflow of the dashboard with its jobs in submission order.
 *
 * @param archived hidden from the dashboard unless archived workflows are shown; its results are kept
 */
public record WorkflowRow(String id, String name, String user, WorkflowStatus status, Instant submittedAt,
                          String summary, List<JobRow> jobs, boolean archived) {

    public WorkflowRow {
        jobs = List.copyOf(jobs);
    }

    /** An unarchived workflow. */
    public WorkflowRow(String id, String name, String user, WorkflowStatus status, Instant submittedAt, String summary,
            List<JobRow> jobs) {
        this(id, name, user, status, submittedAt, summary, jobs, false);
    }

    /** This row with other job lines, as progress reports patch them. */
    WorkflowRow withJobs(List<JobRow> newJobs) {
        return new WorkflowRow(id, name, user, status, submittedAt, summary, newJobs, archived);
    }

    public boolean cancellable() {
        return !status.isTerminal();
    }

    public boolean retryable() {
        return status == WorkflowStatus.FAILED || status == WorkflowStatus.CANCELLED;
    }

    /** Whether it can be archived: it has finished and is not archived yet. */
    public boolean archivable() {
        return status.isTerminal() && !archived;
    }
}
