package org.pathlane.app.dashboard;

import java.nio.file.Path;
import java.time.Instant;
import org.pathlane.scheduler.model.JobStatus;

/**
 * One job line of the dashboard, ready to show.
 *
 * @param progress  0..1, or -1 when the job reports no total
 * @param detail    the wait text for a pending job, the progress message for a running one, the reason for a
 *                  failed or cancelled one
 * @param slide     the slide the job reads (its {@code slide} parameter), or null when it reads none
 * @param finishedAt when the job ended, or null while it has not
 */
public record JobRow(String workflowId, String jobId, String branch, String type, String typeLabel, JobStatus status,
                     double progress, String progressText, String detail, String user, Path resultDir, String slide,
                     Instant finishedAt) {

    public boolean cancellable() {
        return !status.isTerminal();
    }

    /** Whether "Watch" can show something: the job runs on a slide the viewer can open. */
    public boolean watchable() {
        return status == JobStatus.RUNNING && slide != null;
    }
}
