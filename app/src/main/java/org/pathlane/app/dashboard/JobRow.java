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
 * @param startedAt  when the job (its last attempt) started, or null while it has not
 */
public record JobRow(String workflowId, String jobId, String branch, String type, String typeLabel, JobStatus status,
                     double progress, String progressText, String detail, String user, Path resultDir, String slide,
                     Instant finishedAt, Instant startedAt) {

    /** A row without a start time (a job that has not started). */
    public JobRow(String workflowId, String jobId, String branch, String type, String typeLabel, JobStatus status,
            double progress, String progressText, String detail, String user, Path resultDir, String slide,
            Instant finishedAt) {
        this(workflowId, jobId, branch, type, typeLabel, status, progress, progressText, detail, user, resultDir, slide,
                finishedAt, null);
    }

    /** This row with other progress, as a running job reports it. */
    JobRow withProgress(double fraction, String text, String newDetail) {
        return new JobRow(workflowId, jobId, branch, type, typeLabel, status, fraction, text, newDetail, user, resultDir,
                slide, finishedAt, startedAt);
    }

    /**
     * When the job started and how long it took or has been running, with an estimate of the time left for a
     * running job that reports its progress ("started 10:42, running 3 min 5 s, about 6 min left"); empty
     * before it starts. Times are local; a day other than today's is named.
     */
    public String timing(Instant now, java.time.ZoneId zone) {
        if (startedAt == null) {
            return "";
        }
        java.time.ZonedDateTime start = startedAt.atZone(zone);
        boolean today = start.toLocalDate().equals(now.atZone(zone).toLocalDate());
        String text = "started " + start.format(java.time.format.DateTimeFormatter.ofPattern(today ? "HH:mm" : "d MMM HH:mm",
                java.util.Locale.ENGLISH));
        if (finishedAt != null) {
            return text + ", took " + duration(java.time.Duration.between(startedAt, finishedAt));
        }
        if (status != JobStatus.RUNNING) {
            return text;
        }
        java.time.Duration running = java.time.Duration.between(startedAt, now);
        text += ", running " + duration(running);
        if (progress > 0 && progress < 1 && running.toSeconds() >= 5) {
            long leftMs = (long) (running.toMillis() * (1 - progress) / progress);
            text += ", about " + duration(java.time.Duration.ofMillis(leftMs)) + " left";
        }
        return text;
    }

    /** "45 s", "3 min 5 s", "2 h 4 min". */
    static String duration(java.time.Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + " min");
    }

    public boolean cancellable() {
        return !status.isTerminal();
    }

    /** Whether "Watch" can show something: the job runs on a slide the viewer can open. */
    public boolean watchable() {
        return status == JobStatus.RUNNING && slide != null;
    }
}
