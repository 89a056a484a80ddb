package org.pathlane.app.results;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.pathlane.app.dashboard.JobRow;

/**
 * One finished job of the results list, with what tells two runs of the same template apart.
 *
 * @param title    what the job produced and from which slide, e.g. "Segment nuclei · case-7.svs"
 * @param subtitle the workflow, when the job finished, the branch and job id (and the owner for an admin)
 */
public record ResultEntry(JobRow job, String workflowName, String title, String subtitle) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm").withZone(ZoneId.systemDefault());

    static ResultEntry of(JobRow job, String workflowName, Instant submittedAt, boolean showUser) {
        String title = job.typeLabel() + (job.slide() == null ? "" : " · " + fileName(job.slide()));
        Instant when = job.finishedAt() != null ? job.finishedAt() : submittedAt;
        String subtitle = "“" + workflowName + "”" + (when == null ? "" : " · " + WHEN.format(when))
                + " · " + job.branch() + " · " + job.jobId() + (showUser && job.user() != null ? " (" + job.user() + ")" : "");
        return new ResultEntry(job, workflowName, title, subtitle);
    }

    /** Whether this entry is the given job (of its workflow). */
    public boolean is(String workflowId, String jobId) {
        return job.workflowId().equals(workflowId) && job.jobId().equals(jobId);
    }

    private static String fileName(String slide) {
        try {
            Path name = Path.of(slide).getFileName();
            return name == null ? slide : name.toString();
        } catch (InvalidPathException e) {
            return slide;
        }
    }
}
