package org.pathlane.app.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.pathlane.app.live.LiveNuclei;
import org.pathlane.scheduler.model.JobStatus;
import org.pathlane.scheduler.model.JobView;
import org.pathlane.scheduler.model.WorkflowView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the dashboard's rows from the engine's views, and patches them with the progress running jobs report
 * (which the engine does not store). Thread-safe: rows are built off the FX thread, patched on it.
 */
final class DashboardRows {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardRows.class);

    private record Progress(long done, long total, String message) {
    }

    private final Function<String, String> typeLabels;
    private final Map<String, Progress> latestProgress = new ConcurrentHashMap<>();
    /**
     * The last message of jobs that carried a warning (a segment job's doubtful nuclei): the engine forgets
     * a job's progress when it ends, and a SUCCEEDED row must still say it.
     */
    private final Map<String, String> finishedWarnings = new ConcurrentHashMap<>();
    /**
     * The warnings of succeeded jobs as their result folder's {@code summary.json} records them (empty when
     * none): what a dashboard opened after a restart shows, since it saw no message. A finished job's
     * results never change, so each is read once.
     */
    private final Map<String, String> storedWarnings = new ConcurrentHashMap<>();
    /** The lab node a running job runs on, as its row was last built: a progress report keeps saying it. */
    private final Map<String, String> nodes = new ConcurrentHashMap<>();
    /** Whether a succeeded job left a results folder (a Wait job writes none): read once per job. */
    private final Map<String, Boolean> wroteFiles = new ConcurrentHashMap<>();

    DashboardRows(Function<String, String> typeLabels) {
        this.typeLabels = typeLabels;
    }

    /** A running job's report; the next {@link #patch} shows it. */
    void progress(String workflowId, String jobId, long done, long total, String text) {
        latestProgress.put(key(workflowId, jobId), new Progress(done, total, text == null ? "" : text));
        if (text != null && text.contains("warning:")) {
            finishedWarnings.put(key(workflowId, jobId), text);
        }
    }

    /** A job's state changed: the engine's view of it is newer than the last report. */
    void forget(String workflowId, String jobId) {
        latestProgress.remove(key(workflowId, jobId));
        nodes.remove(key(workflowId, jobId));
    }

    WorkflowRow row(WorkflowView w) {
        List<JobRow> jobs = w.jobs().stream().map(j -> job(j, w)).toList();
        long done = w.jobs().stream().filter(j -> j.status() == JobStatus.SUCCEEDED).count();
        String summary = done + " of " + w.jobs().size() + " jobs done";
        return new WorkflowRow(w.id(), w.name(), w.user(), w.status(), w.submittedAt(), summary, jobs, w.archived());
    }

    /** {@code w} with the latest reports of its running jobs, or {@code w} itself when they change nothing. */
    WorkflowRow patch(WorkflowRow w) {
        List<JobRow> jobs = new ArrayList<>(w.jobs().size());
        boolean changed = false;
        for (JobRow j : w.jobs()) {
            Progress p = j.status() == JobStatus.RUNNING ? latestProgress.get(key(w.id(), j.jobId())) : null;
            JobRow patched = j;
            if (p != null) {
                patched = j.withProgress(fraction(p.done(), p.total()), progressText(p.done(), p.total()),
                        runningDetail(nodes.get(key(w.id(), j.jobId())), p.message()));
                patched = patched.equals(j) ? j : patched;
            } else if (j.status() == JobStatus.SUCCEEDED && finishedWarnings.containsKey(key(w.id(), j.jobId()))) {
                // The warning arrived after the row was built from the event that the job ended.
                String detail = succeededDetail(1, finishedWarnings.get(key(w.id(), j.jobId())));
                patched = j.detail().contains(detail) ? j : j.withProgress(j.progress(), j.progressText(),
                        j.detail().isEmpty() ? detail : j.detail() + "; " + detail);
            }
            changed |= patched != j;
            jobs.add(patched);
        }
        return changed ? w.withJobs(jobs) : w;
    }

    /** {@code warning: ...} from a result folder's summary.json, or "" when it has none (or no summary). */
    static String summaryWarnings(java.nio.file.Path resultDir) {
        if (resultDir == null) {
            return "";
        }
        java.nio.file.Path summary = resultDir.resolve("summary.json");
        if (!java.nio.file.Files.isRegularFile(summary)) {
            return "";
        }
        try {
            List<String> warnings = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary.toFile()).path("warnings")
                    .forEach(w -> warnings.add(w.asText()));
            return warnings.isEmpty() ? "" : "warning: " + String.join(" Warning: ", warnings);
        } catch (java.io.IOException e) {
            LOG.warn("{}: cannot read its warnings: {}", summary, e.getMessage());
            return "";
        }
    }

    /** A succeeded job's retries, and the warnings its last message carries (doubtful nuclei, say). */
    private static String succeededDetail(int attempt, String lastMessage) {
        String retried = attempt > 1 ? "succeeded on attempt " + attempt : "";
        int warning = lastMessage == null ? -1 : lastMessage.indexOf("warning:");
        if (warning < 0) {
            return retried;
        }
        String warnings = lastMessage.substring(warning);
        return retried.isEmpty() ? warnings : retried + "; " + warnings;
    }

    /** "on desk-a · 3 of 10 tiles" in a lab, the job's own message on a workstation of its own. */
    private static String runningDetail(String node, String message) {
        String said = message == null ? "" : message;
        return node == null ? said : "on " + node + (said.isEmpty() ? "" : " · " + said);
    }

    private JobRow job(JobView j, WorkflowView w) {
        if (j.status() == JobStatus.RUNNING && j.node() != null) {
            nodes.put(key(w.id(), j.jobId()), j.node());
        }
        Progress live = latestProgress.get(key(w.id(), j.jobId()));
        JobView.Progress reported = j.progress();
        long done = live != null ? live.done() : reported != null ? reported.done() : 0;
        long total = live != null ? live.total() : reported != null ? reported.total() : 0;
        String progressMessage = live != null ? live.message() : reported != null ? reported.message() : "";
        double fraction = switch (j.status()) {
            case SUCCEEDED -> 1;
            case RUNNING -> fraction(done, total);
            default -> 0;
        };
        String detail = switch (j.status()) {
            // A reason on a waiting job: a lab node gave it back (its slide is not reachable there).
            case PENDING -> WaitText.of(j, w.jobs()) + (j.reason() == null || j.reason().isBlank() ? "" : " · " + j.reason());
            case RUNNING -> runningDetail(j.node(), progressMessage);
            case FAILED, CANCELLED -> j.reason() == null ? "" : j.reason();
            case SUCCEEDED -> succeededDetail(j.attempt(), finishedWarnings.getOrDefault(key(w.id(), j.jobId()),
                    storedWarnings.computeIfAbsent(key(w.id(), j.jobId()), k -> summaryWarnings(j.resultDir()))));
        };
        // A succeeded job that wrote no files has no results to open: no Results button leading to an empty page.
        java.nio.file.Path results = j.status() == JobStatus.SUCCEEDED && j.resultDir() != null
                && !wroteFiles.computeIfAbsent(key(w.id(), j.jobId()), k -> java.nio.file.Files.isDirectory(j.resultDir()))
                ? null : j.resultDir();
        return new JobRow(w.id(), j.jobId(), j.branch(), j.type(), typeLabels.apply(j.type()), j.status(), fraction,
                j.status() == JobStatus.RUNNING ? progressText(done, total) : "", detail, w.user(), results,
                LiveNuclei.slideOf(j).orElse(null), j.finishedAt(), j.startedAt());
    }

    private static double fraction(long done, long total) {
        return total > 0 ? Math.min(1, (double) done / total) : -1;
    }

    private static String progressText(long done, long total) {
        return total > 0 ? done + " / " + total : done > 0 ? String.valueOf(done) : "";
    }

    private static String key(String workflowId, String jobId) {
        return workflowId + "/" + jobId;
    }
}
