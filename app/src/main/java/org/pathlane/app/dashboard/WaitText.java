package org.pathlane.app.dashboard;

import java.util.List;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.JobView;

/** A pending job's wait reason as a technician reads it: "waiting for a user slot: 2nd in line". */
public final class WaitText {

    private WaitText() {
    }

    /** @param siblings the jobs of the same workflow, to name unfinished dependencies */
    public static String of(JobView job, List<JobView> siblings) {
        if (job.status() != JobStatus.PENDING || job.waitReason() == null) {
            return "";
        }
        int pos = job.queuePosition();
        return switch (job.waitReason()) {
            case USER_SLOT -> "waiting for a user slot" + (pos > 0 ? ": " + ordinal(pos) + " in line (first come, first served)" : "");
            case BRANCH -> "waiting for earlier jobs of branch \"" + job.branch() + "\""
                    + (pos > 0 ? ": " + pos + (pos == 1 ? " job" : " jobs") + " ahead" : "");
            case DEPENDENCY -> {
                List<String> open = siblings.stream()
                        .filter(s -> job.dependsOn().contains(s.jobId()) && s.status() != JobStatus.SUCCEEDED)
                        .map(JobView::jobId).toList();
                yield "waiting for " + (open.isEmpty() ? "its dependencies" : String.join(", ", open)) + " to succeed";
            }
            // Rule 9 hands a free worker to the user with the fewest running jobs, not to the oldest job:
            // the position is the order the ready jobs would start in if nothing else changed.
            case WORKER -> "waiting for a free worker" + (pos == 1 ? ": starts next"
                    : pos > 1 ? ": " + ordinal(pos) + " to start as workers free up (users take turns)" : "");
        };
    }

    /** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, ... */
    public static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
